import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../shared/contract/default-config.js";
import { bandOf, changeNeeded, levelOf, scalesFor } from "../../shared/schools/levels.js";
import { testConfig } from "./fixtures.js";

const scales = scalesFor(testConfig());

describe("levelOf, higher is better", () => {
  it("counts the cut points at or below the value", () => {
    expect(levelOf(scales.ela, 0)).toBe(1);
    expect(levelOf(scales.ela, 9.99)).toBe(1);
    expect(levelOf(scales.ela, 10)).toBe(2); // at the cut point reaches it
    expect(levelOf(scales.ela, 65)).toBe(7);
    expect(levelOf(scales.ela, 90)).toBe(10);
    expect(levelOf(scales.ela, 100)).toBe(10);
  });

  it("compares at 6 decimals, so float noise does not cost a level", () => {
    expect(levelOf(scales.ela, 0.1 + 0.2 + 29.7)).toBe(4); // 30.000000000000004
    expect(levelOf(scales.ela, 29.9999999)).toBe(4); // rounds to 30.000000
    expect(levelOf(scales.ela, 29.999999)).toBe(3);
  });

  it("with the default ELA table: 45 is level 7, 44.9 level 6", () => {
    const d = scalesFor(DEFAULT_CONFIG);
    expect(levelOf(d.ela, 45)).toBe(7);
    expect(levelOf(d.ela, 44.9)).toBe(6);
  });
});

describe("levelOf, lower is better", () => {
  it("counts the cut points at or above the value", () => {
    expect(levelOf(scales.chronicAbsence, 95)).toBe(1);
    expect(levelOf(scales.chronicAbsence, 90)).toBe(2); // ≤ c9 only
    expect(levelOf(scales.chronicAbsence, 15)).toBe(9); // ≤ c2…c9
    expect(levelOf(scales.chronicAbsence, 10)).toBe(10);
    expect(levelOf(scales.chronicAbsence, 0)).toBe(10);
  });
});

describe("levelOf, spedIdentification (distance from the reference)", () => {
  const sped = scalesFor(testConfig({ cutPoints: { spedIdentification: [1, 2, 2.3, 3, 4, 5, 6, 7, 8] } })).spedIdentification;
  it("uses |rate − 11| as a lower-is-better value, in both directions", () => {
    expect(levelOf(sped, 11)).toBe(10); // distance 0
    expect(levelOf(sped, 13.3)).toBe(8); // distance 2.3 meets the 2.3 cut point (13.3 − 11 = 2.3000000000000007)
    expect(levelOf(sped, 8.7)).toBe(8); // distance 2.3 below the reference
    expect(levelOf(sped, 30)).toBe(1); // distance 19
  });
});

describe("changeNeeded", () => {
  it("higher is better: c_{L+j−1} − value", () => {
    // 65 is level 7: next cut points c7 = 70, c8 = 80, c9 = 90.
    expect(changeNeeded(scales.ela, 65, 7)).toEqual([5, 15, 25]);
    expect(changeNeeded(scales.ela, 85, 9)).toEqual([5, null, null]);
    expect(changeNeeded(scales.ela, 95, 10)).toEqual([null, null, null]);
  });

  it("lower is better: c_{10−L−j+1} − value, a fall", () => {
    // 35 is level 7 (≤ 40…90): level 8 needs ≤ c3 = 30, level 9 ≤ 20, level 10 ≤ 10.
    expect(levelOf(scales.suspension, 35)).toBe(7);
    expect(changeNeeded(scales.suspension, 35, 7)).toEqual([-5, -15, -25]);
    expect(changeNeeded(scales.suspension, 12.5, 9)).toEqual([-2.5, null, null]);
  });

  it("has no float noise in its answers", () => {
    expect(changeNeeded(scales.ela, 12.1, 2)).toEqual([7.9, 17.9, 27.9]);
  });
});

describe("bandOf", () => {
  it("below average 1–3, average 4–7, above average 8–10", () => {
    expect([1, 3, 4, 7, 8, 10].map(bandOf)).toEqual(["belowAverage", "belowAverage", "average", "average", "aboveAverage", "aboveAverage"]);
  });
});
