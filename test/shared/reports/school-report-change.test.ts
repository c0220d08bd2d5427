// The school data report's change since the prior year (methodology §13): the model's grid (rows
// the status, highest first; columns the change class, most declined first; every cell in §13's
// colour, each indicator of the school in its cell), the index against the prior year's, the one
// line in place of the grid without a prior year, public suppression, and the report's sheet (the
// grid as a table whose cells are filled with their colours, the chart moved below it).
import { describe, expect, it } from "vitest";
import type { School } from "../../../shared/contract/requests.js";
import { PALETTE } from "../../../shared/reports/report.js";
import { schoolReport } from "../../../shared/reports/school-report.js";
import { schoolReportSheet } from "../../../shared/reports/school-report-sheet.js";
import { scoreSchools } from "../../../shared/schools/score.js";
import { testConfig } from "../fixtures.js";

const config = testConfig();
// Levels now (cut points 10, 20, …, 90): ELA, math, growth 6; chronic absence 5 (lower is better);
// suspension 9; SEL 9; climate 10. The year before: 4, 6, 7, 7, 8, 8, 10.
const A: School = {
  id: "A",
  name: "Alder Elementary",
  level: "elementary",
  title1: "participating",
  subgroups: {
    ALL: { n: 100, ela: 55, math: 55, growth: 55, chronicAbsence: 55, suspension: 15, sel: 85, climate: 95 },
    HI: { n: 40, ela: 45, math: 45 },
    EL: { n: 8, ela: 20, math: 22 },
  },
  prior: {
    year: 2013,
    subgroups: {
      ALL: { n: 100, ela: 35, math: 55, growth: 65, chronicAbsence: 35, suspension: 25, sel: 75, climate: 95 },
      HI: { n: 40, ela: 25, math: 35 },
      EL: { n: 9, ela: 10, math: 12 },
    },
  },
};
const { prior: _, ...withoutPrior } = A;
const B: School = { ...withoutPrior, id: "B" };
const C: School = { ...A, id: "C", prior: { year: 2013, subgroups: { ALL: { ...A.prior!.subgroups.ALL!, n: 12 } } } };
const schools = [A, B, C];
const response = await scoreSchools({ year: 2014, schools }, config);
const source = { response, schools, config };

/** §13's grid as the methodology prints it: rows very high → very low, columns declined significantly → increased significantly. */
const SPEC_GRID = [
  ["yellow", "green", "blue", "blue", "blue"],
  ["orange", "yellow", "green", "green", "blue"],
  ["orange", "orange", "yellow", "green", "green"],
  ["red", "orange", "orange", "yellow", "yellow"],
  ["red", "red", "red", "orange", "yellow"],
];

describe("the status × change grid of a school with a prior year", () => {
  const { change, index } = schoolReport(source, "A")!;

  it("has five rows, highest status first, and five columns, most declined first, each cell in §13's colour", () => {
    expect(change.title).toBe("Change since 2013");
    expect(change.rows.map((r) => [r.label, r.levels])).toEqual([
      ["Very high", "9–10"],
      ["High", "7–8"],
      ["Medium", "5–6"],
      ["Low", "3–4"],
      ["Very low", "1–2"],
    ]);
    expect(change.columns.map((c) => [c.label, c.levels])).toEqual([
      ["Declined significantly", "down 2 or more"],
      ["Declined", "down 1"],
      ["Maintained", "same level"],
      ["Increased", "up 1"],
      ["Increased significantly", "up 2 or more"],
    ]);
    expect(change.rows.map((r) => r.cells.map((c) => c.color))).toEqual(SPEC_GRID);
    expect(change.rows[0]!.cells[2]!.colorLabel).toBe("Blue");
  });

  it("places each indicator with a level in both years in its cell, prior level → level", () => {
    const placed = change.rows.flatMap((row) => row.cells.flatMap((cell) => cell.entries.map((e) => [row.code, cell.change, e.text])));
    expect(placed).toEqual([
      ["veryHigh", "maintained", "Climate 10\u00a0→\u00a010"],
      ["veryHigh", "increased", "Suspension 8\u00a0→\u00a09"],
      ["veryHigh", "increased", "SEL 8\u00a0→\u00a09"],
      ["medium", "declinedSignificantly", "Chronic Absence 7\u00a0→\u00a05"],
      ["medium", "declined", "Growth 7\u00a0→\u00a06"],
      ["medium", "maintained", "Math 6\u00a0→\u00a06"],
      ["medium", "increasedSignificantly", "ELA 4\u00a0→\u00a06"],
    ]);
    // The cell an indicator sits in has the colour the engine gave it.
    for (const row of change.rows)
      for (const cell of row.cells) for (const e of cell.entries) expect(response.results[0]!.indicators[e.code]!.performance!.color).toBe(cell.color);
  });

  it("gives the index against the prior year's, in numbers and in words", () => {
    const scored = response.results[0]!.index!;
    expect(index).toMatchObject({ priorScore: scored.priorScore, change: scored.change });
    expect(scored.change).toBeGreaterThan(0);
    expect(change.index).toMatch(
      new RegExp(`^Index ${scored.score.toFixed(1)}, up ${scored.change!.toFixed(1)} from ${scored.priorScore!.toFixed(1)} in 2013 `),
    );
  });
});

describe("without a grid", () => {
  it("a school without a prior year says so in one line", () => {
    const { change, index } = schoolReport(source, "B")!;
    expect(change).toMatchObject({
      rows: [],
      index: null,
      priorYear: null,
      note: "No prior year's results were sent for this school, so there is no change to show.",
    });
    expect(index).toMatchObject({ priorScore: null, change: null });
  });

  it("a school whose prior ALL group is under the minimum has no indicator to place", () => {
    const { change } = schoolReport(source, "C")!;
    expect(change.rows).toEqual([]);
    expect(change.note).toBe("No indicator has a level of the school's own (ALL) result both this year and in 2013, so none has a colour.");
  });
});

describe("public reports", () => {
  it("blank a group's academic change when it is under suppressBelow in either year; the school's own grid stays", async () => {
    // minN 5 under suppressBelow 11: EL (8 now, 9 before) and HI (40 now, 9 before) count and have a change.
    const small = testConfig({ minN: 5 });
    const school: School = { ...A, id: "S", prior: { year: 2013, subgroups: { ...A.prior!.subgroups, HI: { n: 9, ela: 25, math: 35 } } } };
    const scored = { response: await scoreSchools({ year: 2014, schools: [school] }, small), schools: [school], config: small };
    const internal = schoolReport(scored, "S")!;
    const published = schoolReport(scored, "S", { public: true })!;
    const change = (report: typeof internal, code: string) => report.groups.find((g) => g.code === code)!.academicChange;
    // HI: (5 + 5) / 2 now, (3 + 4) / 2 before; EL: (3 + 3) / 2 now, (2 + 2) / 2 before.
    expect([change(internal, "HI"), change(internal, "EL")]).toEqual([1.5, 1]);
    expect([change(published, "HI"), change(published, "EL")]).toEqual([null, null]);
    expect(published.groups.find((g) => g.code === "HI")).toMatchObject({ suppressed: false, n: 40, academicLevel: 5 });
    expect(published.groups.find((g) => g.code === "EL")).toMatchObject({ suppressed: true, academicLevel: null, n: null });
    expect(published.change).toEqual(internal.change);
  });

  it("publish nothing of a prior year whose ALL group was under suppressBelow", async () => {
    const small = testConfig({ minN: 5 });
    const school: School = { ...A, id: "P", prior: { year: 2013, subgroups: { ALL: { ...A.prior!.subgroups.ALL!, n: 7 } } } };
    const scored = { response: await scoreSchools({ year: 2014, schools: [school] }, small), schools: [school], config: small };
    const internal = schoolReport(scored, "P")!;
    expect(internal.index).toMatchObject({ priorScore: expect.any(Number), change: expect.any(Number) });
    expect(internal.indicators.find((l) => l.code === "ela")!.prior).toEqual({ value: 35, allLevel: 4 });
    const published = schoolReport(scored, "P", { public: true })!;
    expect(published.index).toMatchObject({ score: internal.index!.score, priorScore: null, change: null });
    expect(published.indicators.every((l) => l.prior === null && l.change === null && l.performance === null)).toBe(true);
    expect(published.indicators.find((l) => l.code === "ela")!.value).toBe(55);
    expect(published.change).toMatchObject({ rows: [], index: null, note: "fewer than 11 students in the prior year: its results are not published" });
  });

  it("a withheld school shows no change, only why", async () => {
    const small = testConfig({ minN: 5 });
    const tiny: School = {
      ...A,
      id: "T",
      subgroups: { ALL: { ...A.subgroups.ALL!, n: 8 } },
      prior: { year: 2013, subgroups: { ALL: { ...A.prior!.subgroups.ALL!, n: 8 } } },
    };
    const scored = { response: await scoreSchools({ year: 2014, schools: [tiny] }, small), schools: [tiny], config: small };
    expect(schoolReport(scored, "T")!.change.rows).toHaveLength(5);
    const published = schoolReport(scored, "T", { public: true })!;
    expect(published.change).toMatchObject({ rows: [], index: null, note: "fewer than 11 students: results not published" });
  });
});

describe("the SQII School Report sheet", () => {
  const run = { source: "Data!A1:T40", at: new Date("2014-09-01T12:00:00Z"), engine: "local" };

  it("writes the grid under the indicator table, each cell filled with its colour keyed on the code, and the chart under the grid", () => {
    const sheet = schoolReportSheet(schoolReport(source, "A")!, run);
    const [grid] = sheet.blocks!;
    expect(grid!.tableName).toBe("SQIIStatusChange");
    expect(grid!.table.header).toEqual([
      "Status",
      "Declined significantly (down 2 or more)",
      "Declined (down 1)",
      "Maintained (same level)",
      "Increased (up 1)",
      "Increased significantly (up 2 or more)",
    ]);
    expect(grid!.table.rows).toEqual([
      ["Very high (9–10)", null, null, "Climate 10\u00a0→\u00a010", "Suspension 8\u00a0→\u00a09, SEL 8\u00a0→\u00a09", null],
      ["High (7–8)", null, null, null, null, null],
      ["Medium (5–6)", "Chronic Absence 7\u00a0→\u00a05", "Growth 7\u00a0→\u00a06", "Math 6\u00a0→\u00a06", null, "ELA 4\u00a0→\u00a06"],
      ["Low (3–4)", null, null, null, null, null],
      ["Very low (1–2)", null, null, null, null, null],
    ]);
    expect(grid!.fills).toHaveLength(25);
    for (const fill of grid!.fills!) {
      expect(fill.code).toBe(SPEC_GRID[fill.row]![grid!.table.header.indexOf(fill.column) - 1]);
      expect(fill.color).toBe(PALETTE[fill.code]);
    }
    // Header block, blank, table header and rows, blank, grid header and rows, blank: the chart.
    const tableRows = sheet.table!.rows.length;
    expect(sheet.chart!.at.row).toBe(sheet.info.length + 1 + (tableRows + 2) + (5 + 2));
  });

  it("adds the change columns to the indicator table, the prior score and the change to the header block", () => {
    const report = schoolReport(source, "A")!;
    const sheet = schoolReportSheet(report, run);
    const { header, rows } = sheet.table!;
    expect(header.slice(-7)).toEqual(["Prior Value", "Prior Level", "Change", "Status", "Change Class", "Colour", "Note"]);
    const ela = rows.find((row) => row[0] === report.indicators[0]!.name)!;
    expect(ela.slice(-7)).toEqual([35, 4, 2, "Medium", "Increased significantly", "Green", null]);
    expect(sheet.highlights!.find((h) => h.column === "Colour")!.fills.map((f) => f.code)).toEqual(["red", "orange", "yellow", "green", "blue"]);
    expect(sheet.numberFormats!.Change).toBe('+0;"−"0;0');
    const info = new Map(sheet.info.map(([label, value]) => [label, value]));
    expect([info.get("Prior score"), info.get("Index change")]).toEqual([report.index!.priorScore, report.index!.change]);
    expect(info.get("Change since 2013")).toBe(report.change.index);
    expect(info.get("Hispanic/Latino (N 40)")).toMatch(/ · academic level \+1\.5 since 2013$/);
  });

  it("without a prior year: no grid, one line, the chart right under the table", () => {
    const sheet = schoolReportSheet(schoolReport(source, "B")!, run);
    expect(sheet.blocks).toBeUndefined();
    expect(sheet.info.find(([label]) => label === "Change since the prior year")![1]).toBe(
      "No prior year's results were sent for this school, so there is no change to show.",
    );
    expect(sheet.chart!.at.row).toBe(sheet.info.length + 1 + sheet.table!.rows.length + 2);
  });
});
