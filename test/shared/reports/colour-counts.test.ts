// SQII Districts' colour block (§13): the summary's status × change colour counts reach the sheet,
// one row per indicator that has any, and no block at all without a prior year.
import { describe, expect, it } from "vitest";
import type { School } from "../../../shared/contract/requests.js";
import { COLORS } from "../../../shared/core/model.js";
import { colourCountsTable, districtsSheet } from "../../../shared/reports/district-sheet.js";
import { codeLabel, PALETTE } from "../../../shared/reports/report.js";
import { scoredRun } from "../../../shared/reports/scored-run.js";
import { parseScoreRequest, scoreSchools } from "../../../shared/schools/score.js";

async function runOf(body: unknown) {
  const checked = parseScoreRequest(body);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return scoredRun(await scoreSchools(checked.value.request, checked.value.config), checked.value);
}

// Default cut points: ELA 50 is level 7 (≥ 45), 40 level 6 (≥ 39), 60 level 9 (≥ 58); math 30 is
// level 5 (≥ 27) in both years; absence 8 is level 6 (≤ 9, 11, …, 21).
const school = (id: string, ela: number, priorEla: number): School => ({
  id,
  level: "elementary",
  title1: "participating",
  prior: { subgroups: { ALL: { n: 100, ela: priorEla, math: 30, chronicAbsence: 8 } } },
  subgroups: { ALL: { n: 100, ela, math: 30, chronicAbsence: 8 } },
});

describe("SQII Districts: colour counts", () => {
  it("counts each indicator's colours under the n-size block", async () => {
    // A: ELA 7 after 6 (high, increased: green); B: ELA 7 after 9 (high, declined significantly:
    // orange); math medium maintained (yellow), absence medium maintained (yellow) for both.
    const run = await runOf({ year: 2014, schools: [school("A", 50, 40), school("B", 50, 60)] });
    const table = colourCountsTable(run.response.summary)!;
    expect(table).toEqual({
      header: ["Indicator", "Red", "Orange", "Yellow", "Green", "Blue"],
      rows: [
        ["ELA", 0, 1, 0, 1, 0],
        ["Math", 0, 0, 2, 0, 0],
        ["Chronic Absence", 0, 0, 2, 0, 0],
      ],
    });
    const blocks = districtsSheet(run, []).blocks!;
    expect(blocks.map((b) => b.tableName)).toEqual(["SQIINSizeImpact", "SQIIColourCounts"]);
    // Each colour's column is filled with that colour, on every row.
    expect(blocks[1]!.fills).toHaveLength(3 * 5);
    expect(blocks[1]!.fills!.filter((f) => f.row === 2).map((f) => [f.column, f.color])).toEqual(COLORS.map((c) => [codeLabel(c), PALETTE[c]]));
  });

  it("has no colour block when no school sent a prior year", async () => {
    const { prior: _, ...a } = school("A", 50, 40);
    const run = await runOf({ year: 2014, schools: [a] });
    expect(colourCountsTable(run.response.summary)).toBeNull();
    expect(districtsSheet(run, []).blocks!.map((b) => b.tableName)).toEqual(["SQIINSizeImpact"]);
  });
});
