// §13 properties over random schools: a year compared with itself has changed nothing, and a better
// prior year never makes a change look larger.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { School } from "../../shared/contract/requests.js";
import type { SchoolResult } from "../../shared/contract/responses.js";
import { INDICATOR_INFO, INDICATORS, type Indicator, SUBGROUPS } from "../../shared/core/model.js";
import { colorOf } from "../../shared/schools/performance.js";
import { parseScoreRequest, scoreSchools } from "../../shared/schools/score.js";
import { school } from "./arbitraries.js";

async function scoreOne(s: School): Promise<SchoolResult> {
  const parsed = parseScoreRequest(JSON.parse(JSON.stringify({ year: 2014, schools: [s] })));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 3)));
  return (await scoreSchools(parsed.value.request, parsed.value.config)).results[0]!;
}

describe("the prior year, for any school (§13)", () => {
  it("a prior year equal to this year changes nothing: change 0, the maintained column, academic change 0", async () => {
    await fc.assert(
      fc.asyncProperty(school("S"), async (s) => {
        const r = await scoreOne({ ...s, prior: { year: 2013, subgroups: s.subgroups } });
        if (r.index) expect([r.index.priorScore, r.index.change]).toEqual([r.index.score, 0]);
        for (const item of Object.values(r.indicators)) {
          if (item.allLevel === null) {
            expect(item.performance).toBeNull();
            continue;
          }
          expect(item.prior).toEqual({ value: item.value, allLevel: item.allLevel });
          expect(item.change).toBe(0);
          expect(item.performance!.change).toBe("maintained");
          expect(item.performance!.color).toBe(colorOf(item.performance!.status, "maintained"));
        }
        for (const group of Object.values(r.subgroups)) expect(group.academicChange).toBe(group.academicLevel === null ? null : 0);
      }),
      { numRuns: 200 },
    );
  });

  it("raising one prior value (lowering it where lower is better) never raises a change", async () => {
    const improvable = INDICATORS.filter((code) => INDICATOR_INFO[code].better !== "closer");
    const withPrior = fc.record({
      s: school("S"),
      prior: school("P"),
      group: fc.constantFrom(...SUBGROUPS),
      code: fc.constantFrom(...improvable),
      step: fc.integer({ min: 1, max: 400 }),
    });
    await fc.assert(
      fc.asyncProperty(withPrior, async ({ s, prior, group, code, step }) => {
        const result = prior.subgroups[group];
        const value = result?.[code];
        if (value == null) return;
        const { min, max, better } = INDICATOR_INFO[code];
        const improved = better === "higher" ? Math.min(max, value + step / 10) : Math.max(min, value - step / 10);
        const before = await scoreOne({ ...s, prior: { subgroups: prior.subgroups } });
        const after = await scoreOne({ ...s, prior: { subgroups: { ...prior.subgroups, [group]: { ...result, [code]: improved } } } });
        if (before.index?.change != null) expect(after.index!.change!).toBeLessThanOrEqual(before.index.change);
        for (const c of Object.keys(before.indicators) as Indicator[]) {
          const [b, a] = [before.indicators[c]!.change, after.indicators[c]!.change];
          expect(a === null).toBe(b === null);
          if (a !== null && b !== null) expect(a).toBeLessThanOrEqual(b);
        }
        for (const g of Object.keys(before.subgroups) as (keyof SchoolResult["subgroups"])[]) {
          const [b, a] = [before.subgroups[g]!.academicChange, after.subgroups[g]!.academicChange];
          expect(a === null).toBe(b === null);
          if (a !== null && b !== null) expect(a).toBeLessThanOrEqual(b);
        }
      }),
      { numRuns: 300 },
    );
  });
});
