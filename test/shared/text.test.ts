import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { text } from "../../shared/core/text.js";

describe("text", () => {
  it("gives the same characters as the template literal it replaces, whatever the values", () => {
    const value = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined));
    fc.assert(
      fc.property(fc.string(), value, value, fc.string(), (a, b, c, d) => {
        expect(text`${a}`).toBe(`${a}`);
        expect(text`index ${c} ranks ${b} of ${d}`).toBe(`index ${c} ranks ${b} of ${d}`);
        expect(text`${a}${d}≥ ${c}`).toBe(`${a}${d}≥ ${c}`);
      }),
    );
  });

  it("keeps a template without values as written, and writes -0, null and undefined as a literal would", () => {
    expect(text`no Reward school`).toBe("no Reward school");
    expect(text`${-0}|${null}|${undefined}|${1e21}|${0.1 + 0.2}`).toBe(`${-0}|${null}|${undefined}|${1e21}|${0.1 + 0.2}`);
  });
});
