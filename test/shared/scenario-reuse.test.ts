// Scenarios compute once what their configs share (level grids, minN's counting, scores, gaps, pool
// orders): whatever is shared, each scenario must come out exactly as if scored alone.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ConfigPatch, School } from "../../shared/contract/requests.js";
import { parseScenariosRequest, scenariosResponse } from "../../shared/schools/scenarios.js";
import { evaluateSchools, scoreSchools } from "../../shared/schools/score.js";
import { school } from "./arbitraries.js";

const schoolList = fc
  .integer({ min: 0, max: 40 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => school(`S${String(40 - i).padStart(3, "0")}`))));

/** Patches that share some stages with each other and with the baseline, and some that share none. */
const PATCHES: ConfigPatch[] = [
  {},
  { domainWeights: { academic: 0.5, secc: 0.5 } },
  { domainWeights: { academic: 1, secc: 0 } },
  { minN: 11 },
  { minN: 30 },
  { minN: 100, previousMinN: 150 },
  { subgroupShare: 0.3 },
  { subgroupShare: 0 },
  { designation: { focusShare: 0.3, priorityShare: 0.2 } },
  { designation: { rewardShare: 0.4, progressShare: 0.5 } },
  { designation: { pool: ["participating", "eligible"] } },
  { gapLevels: 1 },
  { allowMissingDomain: true },
  { spedReference: 6 },
  { cutPoints: { ela: [10, 20, 30, 40, 50, 60, 70, 80, 90] } },
  { cutPoints: { ela: [10, 20, 30, 40, 50, 60, 70, 80, 90] }, minN: 11 },
  { indicatorWeights: { elementary: { growth: null }, high: { grad: 3 } } },
];

const scenarioList = fc
  .array(fc.integer({ min: 0, max: PATCHES.length - 1 }), { minLength: 1, maxLength: 6 })
  .map((picks) => picks.map((p, i) => ({ name: `s${i}`, config: PATCHES[p]! })));

describe("scenarios sharing stages", () => {
  it("come out as each config scored alone", async () => {
    await fc.assert(
      fc.asyncProperty(schoolList, scenarioList, fc.constantFrom(2014, undefined), async (schools: School[], scenarios, year) => {
        const body = JSON.parse(JSON.stringify({ year, config: { minN: 15 }, schools, scenarios }));
        const parsed = parseScenariosRequest(body);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 3)));
        const { request, configs } = parsed.value;
        const together = await scenariosResponse(parsed.value);
        for (const [k, config] of configs.entries()) {
          const alone = evaluateSchools(request.schools, config, request.year);
          const { summary } = await scoreSchools(request, config);
          expect(JSON.stringify(together.scenarios[k]!.summary)).toBe(JSON.stringify(summary));
          for (const [s, result] of alone.results.entries()) {
            const { byScenario } = together.schools.item(s);
            expect(JSON.stringify(byScenario[k])).toBe(JSON.stringify({ status: result.status, index: result.index, designation: result.designation }));
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
