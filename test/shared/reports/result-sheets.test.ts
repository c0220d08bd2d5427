import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../../shared/contract/default-config.js";
import type { IndicatorResult } from "../../../shared/contract/responses.js";
import { districtsSheet, nSizeTable } from "../../../shared/reports/district-sheet.js";
import { indicatorsSheet, neededValue } from "../../../shared/reports/indicator-sheet.js";
import { partnershipsSheet } from "../../../shared/reports/partnership-sheet.js";
import { type ReportSheet, sheetLayout } from "../../../shared/reports/report.js";
import { scoredRun } from "../../../shared/reports/scored-run.js";
import { generateConsortium } from "../../../shared/samples/consortium.js";
import { levelOf, scalesFor } from "../../../shared/schools/levels.js";
import { parseScoreRequest, scoreSchools } from "../../../shared/schools/score.js";

async function runOf(body: unknown) {
  const checked = parseScoreRequest(body);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return scoredRun(await scoreSchools(checked.value.request, checked.value.config), checked.value);
}

const column = (sheet: ReportSheet, header: string) => sheet.table!.rows.map((row) => row[sheet.table!.header.indexOf(header)]);

describe("sheetLayout", () => {
  it("puts the main table after the header block and a blank line, each block after the previous table and a blank line", () => {
    const table = (rows: number) => ({ header: ["A"], rows: Array.from({ length: rows }, () => [1]) });
    const sheet: ReportSheet = {
      sheet: "S",
      tableName: "Main",
      info: [
        ["x", 1],
        ["y", 2],
      ],
      table: table(4),
      blocks: [
        { tableName: "B1", table: table(0) },
        { tableName: "B2", table: table(2) },
      ],
    };
    expect(sheetLayout(sheet).tables.map((t) => [t.block.tableName, t.headerRow])).toEqual([
      ["Main", 3],
      ["B1", 9],
      ["B2", 11],
    ]);
    expect(sheetLayout({ ...sheet, info: [], blocks: [] }).tables.map((t) => t.headerRow)).toEqual([0]);
    expect(sheetLayout({ sheet: "S", tableName: "T", info: [["x", 1]] }).tables).toEqual([]);
  });
});

describe("SQII Indicators", () => {
  const school = (id: string, level: string, all: Record<string, number>) => ({ id, level, title1: "none", subgroups: { ALL: { n: 200, ...all } } });
  const schools = [
    school("A", "elementary", { ela: 40, math: 40, growth: 50, chronicAbsence: 10, suspension: 2, sel: 70, climate: 70, spedIdentification: 14 }),
    school("B", "elementary", { ela: 95, spedIdentification: 8.5 }),
  ];

  it("has a row per indicator that applies to the level, missing ones included, with weight and points blank without a level", async () => {
    const run = await runOf({ schools });
    const sheet = indicatorsSheet(run, []);
    // Elementary: ELA, Math, Growth and the six SE/CC indicators (no Graduation, no HS Readiness).
    expect(column(sheet, "School ID").filter((id) => id === "A")).toHaveLength(9);
    expect(column(sheet, "Indicator").slice(0, 4)).toEqual(["ELA", "Math", "Growth", "Chronic Absence"]);
    const b = sheet.table!.rows.filter((row) => row[0] === "B");
    const math = b.find((row) => row[1] === "Math")!;
    expect(math.slice(2)).toEqual([null, null, null, null, null, null, null, null, null, null]);
    const ela = b.find((row) => row[1] === "ELA")!;
    expect(ela.slice(2, 7)).toEqual([95, 10, null, 10, "Above average"]);
    expect(ela.slice(9)).toEqual([null, null, null]); // level 10: nothing more to reach
    expect(sheet.numberFormats).toEqual({ "Subgroup Level": "0.00", Level: "0.00", Weight: "0.000", Points: "0.00" });
  });

  it("gives SpEd identification's values to reach as rates on the value's side of the reference", async () => {
    const run = await runOf({ schools });
    const scale = scalesFor(DEFAULT_CONFIG).spedIdentification;
    for (const id of ["A", "B"]) {
      const result = run.response.results.find((r) => r.id === id)!.indicators.spedIdentification!;
      const needed = ([1, 2, 3] as const).map((j) => neededValue("spedIdentification", result, j, run.config));
      // 14 is above the reference 11 and comes down towards it; 8.5 is below and goes up.
      for (const [j, value] of needed.entries()) {
        if (value === null) continue;
        expect(levelOf(scale, value)).toBe(result.allLevel! + j + 1);
        expect(id === "A" ? value < 14 && value >= 11 : value > 8.5 && value <= 11).toBe(true);
      }
      expect(needed[0]).not.toBeNull();
      // Without the config there is no reference to turn a distance into a rate.
      expect(neededValue("spedIdentification", result, 1, null)).toBeNull();
    }
  });

  it("turns a change into the value it leads to, at 6 decimals", () => {
    const result: IndicatorResult = {
      value: 45.2,
      level: 6,
      allLevel: 6,
      subgroupLevel: null,
      band: "average",
      weight: 0.2,
      points: 1.2,
      changeNeeded: [5.8, 12.8, 21.8],
      prior: null,
      change: null,
      performance: null,
    };
    expect([1, 2, 3].map((j) => neededValue("ela", result, j as 1 | 2 | 3, null))).toEqual([51, 58, 67]);
    expect(neededValue("chronicAbsence", { ...result, value: 12.1, changeNeeded: [-1.1, -3.1, null] }, 2, null)).toBe(9);
    expect(neededValue("chronicAbsence", { ...result, value: 12.1, changeNeeded: [-1.1, -3.1, null] }, 3, null)).toBeNull();
  });
});

describe("SQII Partnerships and SQII Districts", () => {
  it("list the pairs, then the unmatched schools with their reason and no partner", async () => {
    const run = await runOf(generateConsortium({ schools: 400, seed: 3, year: 2014 }));
    const { pairs, unmatched } = run.response.partnerships;
    expect(pairs.length).toBeGreaterThan(0);
    expect(unmatched.length).toBeGreaterThan(0);
    const sheet = partnershipsSheet(run, []);
    expect(sheet.table!.header).toEqual(["School ID", "Designation", "Stage", "Subgroup", "Partner", "Quality", "Reason"]);
    expect(column(sheet, "Partner")).toEqual([...pairs.map((p) => p.partner), ...unmatched.map(() => null)]);
    expect(column(sheet, "Reason")).toEqual([...pairs.map(() => null), ...unmatched.map((u) => u.reason.message)]);
    // The schools that need a partner (§9): Priority, and Focus at the Reward-partnership stage.
    expect(column(sheet, "Designation").every((d) => d === "Priority" || d === "Focus")).toBe(true);
    expect(
      column(sheet, "Stage")
        .filter((_, i) => column(sheet, "Designation")[i] === "Focus")
        .every((s) => s === "Reward partnership"),
    ).toBe(true);
    expect(sheet.info).toEqual([["Partnerships", `${pairs.length} pairs; ${unmatched.length} schools without a partner`]]);
  });

  it("roll the districts up with a total row, then the n-size block with its total", async () => {
    const run = await runOf(generateConsortium({ schools: 400, seed: 3, year: 2014 }));
    const { summary } = run.response;
    const sheet = districtsSheet(run, []);
    expect(column(sheet, "District")).toEqual([...summary.rollup.districts.map((d) => d.district), "Total"]);
    expect(sheet.table!.rows.at(-1)!.slice(1, 4)).toEqual([summary.schools, summary.scored, summary.unscored]);
    expect(
      column(sheet, "Priority")
        .slice(0, -1)
        .reduce((a, b) => Number(a) + Number(b), 0),
    ).toBe(summary.designations.priority);
    expect(sheet.info).toEqual([
      ["Title I pool", summary.titleIPool],
      ["Minimum n", 20],
      ["Previous minimum n", 100],
    ]);
    const block = nSizeTable(summary);
    expect(sheet.blocks).toEqual([{ tableName: "SQIINSizeImpact", table: block }]);
    expect(block.rows[0]).toEqual(["Black/African American", summary.nSizeImpact.bySubgroup.AA!.results, summary.nSizeImpact.bySubgroup.AA!.students]);
    expect(block.rows.at(-1)).toEqual(["Total", summary.nSizeImpact.total.results, summary.nSizeImpact.total.students]);
    expect(block.rows.slice(0, -1).reduce((n, row) => n + Number(row[2]), 0)).toBe(summary.nSizeImpact.total.students);
  });
});
