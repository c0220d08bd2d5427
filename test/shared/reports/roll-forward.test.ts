// The roll forward's plan: which cells of SQII History get which values, worked by hand for the
// three-year district's first year. Rows of the scored year are replaced in place, new rows go
// below the table's last row, and cells of other columns are left alone (null).
import { beforeAll, describe, expect, it } from "vitest";
import type { ScoreResponse } from "../../../shared/contract/responses.js";
import { planRollForward } from "../../../shared/reports/roll-forward.js";
import { scoreRequest } from "../../../shared/schools/score.js";
import { problemLine } from "../../../shared/tables/cells.js";
import { threeYearDistrict } from "../three-year-district.js";

const request = threeYearDistrict(2014);
let response: ScoreResponse;
beforeAll(async () => {
  const scored = await scoreRequest(request);
  if (!scored.ok) throw new Error(JSON.stringify(scored.problems));
  response = scored.value;
});

const sheet = (values: unknown[][], firstRow = 1, firstColumn = 1) => ({ sheet: "SQII History", firstRow, firstColumn, values });

describe("planRollForward", () => {
  it("appends one row per school below the table: year, index score, designation label, ALL graduation", () => {
    const plan = planRollForward(response, request, sheet([["Notes typed above"], [], ["School ID", "Year", "Index", "Designation", "Graduation"]], 2, 2));
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    const write = plan.value;
    expect(write).toMatchObject({ sheet: "SQII History", year: 2014, header: { row: 4, column: 2 }, replace: [], replaced: 0, added: 11 });
    expect(write.columns).toEqual({ id: 2, year: 3, index: 4, designation: 5, grad: 6 });
    expect(write.append.row).toBe(5);
    expect(write.append.column).toBe(2);
    const byId = new Map(write.append.values.map((r) => [r[0], r]));
    // S01: index 23 (rounded as SQII Results shows it), Priority; H1: Focus with its 55% graduation; S05 no graduation rate.
    expect(byId.get("S01")).toEqual(["S01", 2014, 23, "Priority", ""]);
    expect(byId.get("S05")).toEqual(["S05", 2014, 52, "Focus", ""]);
    expect(byId.get("H1")).toEqual(["H1", 2014, 44, "Focus", 55]);
    expect(byId.get("S02")).toEqual(["S02", 2014, 30, "None", ""]);
  });

  it("replaces a school's row of the scored year in place, keeps other years, and writes nothing in other columns", () => {
    const plan = planRollForward(
      response,
      request,
      sheet([
        ["School ID", "Year", "Comment", "Index", "Designation", "Graduation"],
        ["S05", 2013, "kept", 50, "Focus", ""],
        ["S05", 2014, "typed by hand", 1, "None", 50],
        ["H1", 2014, "", 2, "None", 50],
        ["S01", 2013, "", 20, "Priority", ""],
      ]),
    );
    if (!plan.ok) throw new Error(JSON.stringify(plan.problems));
    const write = plan.value;
    expect([write.replaced, write.added]).toEqual([2, 9]);
    // Rows 3 and 4 run together: one block over Index, Designation, Graduation (D:F); S05's old 50 is cleared.
    expect(write.replace).toEqual([
      {
        row: 3,
        column: 4,
        values: [
          [52, "Focus", ""],
          [44, "Focus", 55],
        ],
      },
    ]);
    expect(write.append.row).toBe(6);
    expect(write.append.column).toBe(1);
    // The Comment column between Year and Index is left as it is.
    expect(write.append.values.find((r) => r[0] === "S01")).toEqual(["S01", 2014, null, 23, "Priority", ""]);
  });

  it("refuses, with the problem at its cell, a year it cannot know, a sheet that does not read, or a missing column", () => {
    const lines = (plan: ReturnType<typeof planRollForward>) => (plan.ok ? [] : plan.problems.map(problemLine));
    const header = ["School ID", "Year", "Index", "Designation", "Graduation"];
    expect(lines(planRollForward({ ...response, year: null }, request, sheet([header])))).toEqual([
      "year: the scored year is unknown, so it cannot be rolled forward: give the data a Year column (or set the year) and score again",
    ]);
    expect(lines(planRollForward(response, request, sheet([header, ["S01", 2013, 20, "Top", ""]])))).toEqual([
      `'SQII History'!D2: "Top" is not a designation (Priority, Focus, Reward, None)`,
    ]);
    expect(lines(planRollForward(response, request, sheet([["School ID", "Year", "Designation"]], 3)))).toEqual([
      "'SQII History'!A3: the history table has no Index, Graduation columns; roll forward writes School ID | Year | Index | Designation | Graduation",
    ]);
  });
});
