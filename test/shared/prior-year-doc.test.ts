// docs/methodology.md's worked example a year later (§13): the prior year's JSON, the index change
// and the per-indicator table are read from the document and checked against the engine.
import { describe, expect, it } from "vitest";
import { PriorYearSchema } from "../../shared/contract/requests.js";
import type { Indicator } from "../../shared/core/model.js";
import { scoreSchools } from "../../shared/schools/score.js";
import { testConfig } from "./fixtures.js";
import { code, fromMarker, num, tableAfter, workedSchool } from "./worked-example-doc.js";

const prior = PriorYearSchema.parse(JSON.parse(fromMarker("prior").split("```json")[1]!.split("```")[0]!));

async function result() {
  const out = await scoreSchools({ year: 2014, schools: [{ ...workedSchool, prior }] }, testConfig());
  return out.results[0]!;
}

describe("the worked example a year later in docs/methodology.md", () => {
  it("states the prior score and the change the engine computes", async () => {
    const [, priorScore, change] = fromMarker("index-change").match(/Prior score ([\d.]+), change ([+−-][\d.]+)/)!;
    const { index } = await result();
    expect(index).toMatchObject({ score: 63.6, priorScore: Number(priorScore), change: num(change!.replace("+", "")) });
  });

  it("states each indicator's prior value and level, change, status, change class and colour", async () => {
    const { indicators } = await result();
    const rows = tableAfter("change");
    expect(rows).toHaveLength(9);
    for (const [indicator, value, priorLevel, level, change, status, changeClass, colour] of rows) {
      const item = indicators[code(indicator!) as Indicator]!;
      const dash = (cell: string) => (cell === "–" ? null : code(cell));
      expect([item.prior?.value ?? null, item.prior?.allLevel ?? null, item.allLevel, item.change], indicator).toEqual(
        [value, priorLevel, level, change!.replace("+", "")].map((c) => num(c!)),
      );
      expect(item.performance && [item.performance.status, item.performance.change, item.performance.color], indicator).toEqual(
        status === "–" ? null : [dash(status!), dash(changeClass!), dash(colour!)],
      );
    }
  });

  it("states each group's academic change", async () => {
    const { subgroups } = await result();
    expect([subgroups.ALL!.academicChange, subgroups.SED!.academicChange, subgroups.HI!.academicChange, subgroups.EL!.academicChange]).toEqual([
      0.5,
      0.5,
      null,
      null,
    ]);
  });
});
