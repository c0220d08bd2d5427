// The results and subgroups tables of a scoring run: one row per school, one per school × group.
import { describe, expect, it } from "vitest";
import { INDICATORS } from "../../../shared/core/model.js";
import { resultsTable } from "../../../shared/reports/score-report.js";
import { scoredRun } from "../../../shared/reports/scored-run.js";
import { subgroupsTable } from "../../../shared/reports/subgroup-sheet.js";
import { parseScoreRequest, scoreRequest, scoreSchools } from "../../../shared/schools/score.js";

describe("results tables", () => {
  const schools = [
    {
      id: "A",
      name: "Alpha",
      level: "elementary",
      title1: "participating",
      subgroups: { ALL: { n: 100, ela: 40, math: 40, growth: 50, chronicAbsence: 10, suspension: 2, sel: 70, climate: 70 }, HI: { n: 30, ela: 20, math: 20 } },
    },
    { id: "B", level: "elementary", title1: "none", subgroups: { ALL: { n: 100, ela: 40 } } },
  ];

  it("has one row per school with the contract's columns, nulls for what is not there", async () => {
    const scored = await scoreRequest({ schools });
    if (!scored.ok) throw new Error(JSON.stringify(scored.problems));
    const table = resultsTable(scored.value);
    expect(table.header.slice(0, 15)).toEqual([
      "School ID",
      "School",
      "District",
      "Level",
      "Title I",
      "Status",
      "Index Score",
      "Prior Score",
      "Change",
      "Index Level",
      "Band",
      "Academic",
      "SE/CC",
      "ELA Level",
      "ELA Points",
    ]);
    expect(table.header.length).toBe(13 + 2 * INDICATORS.length + 9);
    expect(table.rows.map((r) => r.length)).toEqual([table.header.length, table.header.length]);
    const column = (name: string) => table.rows.map((r) => r[table.header.indexOf(name)]);
    expect(column("School ID")).toEqual(["A", "B"]);
    expect(column("Status")).toEqual(["Scored", "Unscored"]);
    expect(column("Index Score")).toEqual([scored.value.results[0]!.index!.score, null]);
    expect(column("District")).toEqual([null, null]);
    expect(column("Graduation Level")).toEqual([null, null]);
    expect(column("Index Reasons")[1]).toMatch(/no index/);
  });

  it("has one row per school × group reported, with each indicator's value and level, and the targets", async () => {
    const checked = parseScoreRequest({ schools });
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    const response = await scoreSchools(checked.value.request, checked.value.config);
    const table = subgroupsTable(await scoredRun(response, checked.value));
    expect(table.header.slice(0, 15)).toEqual([
      "School ID",
      "School",
      "Group",
      "Group Name",
      "N",
      "Accountable",
      "Flags",
      "Academic Level",
      "Academic Change",
      "ELA Value",
      "ELA Level",
      "ELA Target",
      "ELA Distance to Target",
      "Math Value",
      "Math Level",
    ]);
    expect(table.header.length).toBe(9 + 2 * INDICATORS.length + 2 * 3);
    const cells = (...names: string[]) => table.rows.map((r) => names.map((name) => r[table.header.indexOf(name)]));
    expect(cells("School ID", "Group", "Group Name", "N")).toEqual([
      ["A", "ALL", "All Students", 100],
      ["A", "HI", "Hispanic/Latino", 30],
      ["B", "ALL", "All Students", 100],
    ]);
    // Default targets 89.2 and 89.5; graduation does not apply to elementary schools, so it has no target there.
    expect(cells("ELA Value", "ELA Target", "ELA Distance to Target", "Graduation Target")).toEqual([
      [40, 89.2, 49.2, null],
      [20, 89.2, 69.2, null],
      [40, 89.2, 49.2, null],
    ]);
    expect(cells("Flags").map(([flags]) => String(flags).includes("belowTarget:ela"))).toEqual([true, true, true]);
    expect(cells("Math Value", "Math Distance to Target", "Chronic Absence Value")).toEqual([
      [40, 49.5, 10],
      [20, 69.5, null],
      [null, null, null],
    ]);
  });
});
