// docs/methodology.md works one school through by hand. This test reads that school and the
// expected numbers from the document itself, so the document cannot drift from the engine.
import { describe, expect, it } from "vitest";
import { INDICATORS } from "../../shared/core/model.js";
import { evaluateSchools } from "../../shared/schools/score.js";
import { testConfig } from "./fixtures.js";
import { code as codeOf, fromMarker, num, workedSchool as school, tableAfter } from "./worked-example-doc.js";

const table = tableAfter("table").map(([code, value, allLevel, subgroupMean, level, weight, points]) => ({
  code: codeOf(code!),
  value: num(value!),
  allLevel: num(allLevel!),
  subgroupLevel: num(subgroupMean!),
  level: num(level!),
  weight: Number(weight),
  points: Number(points),
}));

describe("the worked example in docs/methodology.md", () => {
  const result = evaluateSchools([school], testConfig()).results[0]!;

  it("has a row for every elementary indicator", () => {
    expect(table.map((r) => r.code)).toEqual(INDICATORS.filter((c) => c in result.indicators));
  });

  it("matches the engine, number by number", () => {
    for (const row of table) {
      const got = result.indicators[row.code as (typeof INDICATORS)[number]]!;
      expect({
        code: row.code,
        value: got.value,
        allLevel: got.allLevel,
        subgroupLevel: got.subgroupLevel,
        level: got.level,
        weight: got.weight,
        points: got.points,
      }).toEqual(row);
    }
  });

  it("states the index the engine computes", () => {
    const [, score, level, band] = fromMarker("index").match(/Index score ([\d.]+), index level (\d+), band (\w+)/)!;
    expect(result.index).toEqual({ score: Number(score), level: Number(level), band, priorScore: null, change: null });
    expect(result.domains.academic).toEqual({ weight: 0.6, meanLevel: 5.666667 });
    expect(result.domains.secc).toEqual({ weight: 0.4, meanLevel: 7.4 });
  });

  it("states the flags and gap the engine computes", () => {
    expect(result.gap).toEqual({ value: 0.5, highest: ["HI"], lowest: ["SED"] });
    expect(result.subgroups.HI!.flags).toEqual(["newlyAccountable", "belowTarget:ela", "belowTarget:math"]);
    expect(result.subgroups.EL!.flags).toEqual(["notAccountable"]);
    expect(result.indicators.ela!.changeNeeded).toEqual([5, 15, 25]);
    expect(result.indicators.chronicAbsence!.changeNeeded).toEqual([-2, null, null]);
  });
});
