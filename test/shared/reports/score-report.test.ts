// The results and subgroups tables of a scoring run: one row per school, one per school × group.
import { describe, expect, it } from "vitest";
import { INDICATORS } from "../../../shared/core/model.js";
import { resultsTable, subgroupsTable } from "../../../shared/reports/score-report.js";
import { scoreRequest } from "../../../shared/schools/score.js";

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
    expect(table.header.slice(0, 13)).toEqual([
      "School ID",
      "School",
      "District",
      "Level",
      "Title I",
      "Status",
      "Index Score",
      "Index Level",
      "Band",
      "Academic",
      "SE/CC",
      "ELA Level",
      "ELA Points",
    ]);
    expect(table.header.length).toBe(11 + 2 * INDICATORS.length + 9);
    expect(table.rows.map((r) => r.length)).toEqual([table.header.length, table.header.length]);
    const column = (name: string) => table.rows.map((r) => r[table.header.indexOf(name)]);
    expect(column("School ID")).toEqual(["A", "B"]);
    expect(column("Status")).toEqual(["Scored", "Unscored"]);
    expect(column("Index Score")).toEqual([scored.value.results[0]!.index!.score, null]);
    expect(column("District")).toEqual([null, null]);
    expect(column("Graduation Level")).toEqual([null, null]);
    expect(column("Index Reasons")[1]).toMatch(/no index/);
  });

  it("has one row per school × group reported", async () => {
    const scored = await scoreRequest({ schools });
    if (!scored.ok) throw new Error(JSON.stringify(scored.problems));
    const table = subgroupsTable(scored.value);
    expect(table.header.slice(0, 8)).toEqual(["School ID", "School", "Group", "Group Name", "N", "Accountable", "Flags", "Academic Level"]);
    expect(table.rows.map((r) => [r[0], r[2], r[3], r[4]])).toEqual([
      ["A", "ALL", "All Students", 100],
      ["A", "HI", "Hispanic/Latino", 30],
      ["B", "ALL", "All Students", 100],
    ]);
  });
});
