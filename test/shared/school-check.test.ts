import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SchoolSchema } from "../../shared/contract/requests.js";
import { isValidSchool } from "../../shared/contract/school-check.js";
import { school } from "./arbitraries.js";
import { makeSchool } from "./fixtures.js";

/** A valid school with one thing somewhere in it replaced by anything at all. */
const mutated = school("S1").chain((s) => {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, [...path, Array.isArray(v) ? Number(k) : k]);
  };
  walk(s, []);
  const junk = fc.oneof(fc.anything(), fc.double(), fc.constantFrom(-1, 101, 0.5, 1e308, "", "12", null, undefined, [], {}, "__proto__"));
  return fc.tuple(fc.constantFrom(...paths.slice(1)), junk, fc.boolean()).map(([path, value, asNewKey]) => {
    const copy = structuredClone(s) as unknown as Record<string, unknown>;
    let at: Record<string, unknown> = copy;
    for (const key of path.slice(0, -1)) at = at[key as string] as Record<string, unknown>;
    const last = path.at(-1)!;
    if (asNewKey && typeof at === "object" && !Array.isArray(at)) at[`${String(last)}x`] = value;
    else at[last as string] = value;
    return copy;
  });
});

describe("isValidSchool (the fast path of parsing)", () => {
  it("says valid only for schools SchoolSchema accepts unchanged", () => {
    fc.assert(
      fc.property(fc.oneof(mutated, school("S2")), (candidate) => {
        if (!isValidSchool(candidate)) return;
        const parsed = SchoolSchema.safeParse(candidate);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toEqual(candidate);
      }),
      { numRuns: 3000 },
    );
  });

  it("accepts every valid school, so valid requests really take the fast path", () => {
    fc.assert(
      fc.property(school("S3"), (s) => {
        expect(isValidSchool(JSON.parse(JSON.stringify(s)))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("rejects the edges zod rejects", () => {
    const base = makeSchool("A");
    const cases: unknown[] = [
      { ...base, subgroups: { HI: { n: 30 } } }, // no ALL
      { ...base, subgroups: undefined },
      { ...base, id: "" },
      { ...base, sig: null },
      { ...base, extra: 1 },
      { ...base, subgroups: { ALL: { n: 10, growth: 0 } } },
      { ...base, subgroups: { ALL: { n: 10, ela: Number.NaN } } },
      { ...base, subgroups: { ALL: { n: 1.5 } } },
      { ...base, subgroups: { ALL: { n: 10 }, XX: { n: 1 } } },
      { ...base, history: [{ index: 50 }] },
      JSON.parse('{"id":"A","level":"high","title1":"none","subgroups":{"ALL":{"n":1}},"__proto__":{"x":1}}'),
    ];
    for (const c of cases) {
      expect(isValidSchool(c)).toBe(false);
      expect(SchoolSchema.safeParse(c).success).toBe(false);
    }
  });
});
