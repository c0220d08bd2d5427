import { describe, expect, it } from "vitest";
import { ceilShare, round6, roundHalfAway } from "../../shared/core/numbers.js";

describe("roundHalfAway", () => {
  it("rounds halves away from zero in both directions", () => {
    expect(roundHalfAway(62.25, 1)).toBe(62.3);
    expect(roundHalfAway(-62.25, 1)).toBe(-62.3);
    expect(roundHalfAway(6.5, 0)).toBe(7);
    expect(roundHalfAway(-2.5, 0)).toBe(-3);
    expect(roundHalfAway(0.15, 1)).toBe(0.2);
    expect(roundHalfAway(45.04, 1)).toBe(45);
  });
});

describe("round6", () => {
  it("lets 13.3 − 11 meet a 2.3 cut point", () => {
    expect(13.3 - 11).not.toBe(2.3);
    expect(round6(13.3 - 11)).toBe(2.3);
  });
});

describe("ceilShare", () => {
  it("computes ceil(p × N) on p × N rounded to 9 decimals", () => {
    expect(0.05 * 20).toBe(1);
    expect(ceilShare(0.05, 20)).toBe(1);
    expect(ceilShare(0.1, 30)).toBe(3); // 0.1 × 30 = 3.0000000000000004
    expect(ceilShare(0.05, 21)).toBe(2);
    expect(ceilShare(0.05, 0)).toBe(0);
    expect(ceilShare(0.1, 61)).toBe(7);
  });
});
