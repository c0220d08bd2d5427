// The School report action on the fake workbook: score the template's sample, select a school's row
// in SQII Results, and SQII School Report holds that school's report — the model's lines, its
// indicator table and one bar chart of the levels; a second report replaces the first.

import { describe, expect, it } from "vitest";
import type { ScoredRun } from "../../addin/last-score.js";
import { selectedSchoolId, writeSchoolReport } from "../../addin/school-report-flow.js";
import { prepare, scoreAndWrite } from "../../addin/score-flow.js";
import { writeSheets } from "../../addin/sheet-writer.js";
import { insertTemplate } from "../../addin/template.js";
import { PALETTE } from "../../shared/reports/report.js";
import { schoolReport } from "../../shared/reports/school-report.js";
import { SCHOOL_REPORT_SHEET, schoolReportSheet } from "../../shared/reports/school-report-sheet.js";
import { resultSheets } from "../../shared/reports/score-report.js";
import { scoredRun } from "../../shared/reports/scored-run.js";
import { generateConsortium } from "../../shared/samples/consortium.js";
import { parseScoreRequest, scoreSchools } from "../../shared/schools/score.js";
import { FakeWorkbook } from "./fake-excel.js";

async function scoredWorkbook() {
  const book = new FakeWorkbook();
  await insertTemplate(book.context(), generateConsortium({ schools: 40, seed: 2014, year: 2014 }));
  book.select("SQII Template", book.tables.get("SQIITemplate")!.range.row + 1, 0);
  const run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>) => batch(book.context());
  const outcome = await scoreAndWrite(run, await prepare(run), { endpoint: "local" }, new Date("2014-09-01T12:00:00Z"));
  if (!outcome.ok) throw new Error("the sample did not score");
  const last: ScoredRun = { body: outcome.body, response: outcome.response, run: outcome.run };
  /** Selects a cell of the school's row in SQII Results. */
  const selectSchool = (id: string, column = 5) => {
    const table = book.tables.get("SQIIResults")!;
    const ids = book.sheets
      .get("SQII Results")!
      .values()
      .map((row) => row[0]);
    book.select("SQII Results", ids.indexOf(id, table.range.row + 1), column);
  };
  return { book, run, last, selectSchool };
}

/** What the model says the sheet holds, from the same run. */
function expectedSheet(last: ScoredRun, id: string) {
  const parsed = parseScoreRequest(last.body);
  if (!parsed.ok) throw new Error("unparsable body");
  const report = schoolReport({ response: last.response, schools: parsed.value.request.schools, config: parsed.value.config }, id)!;
  return schoolReportSheet(report, last.run);
}

describe("School report in the add-in", () => {
  it("writes SQII School Report for the selected school: header block, indicator table, a bar chart of its levels", async () => {
    const { book, run, last, selectSchool } = await scoredWorkbook();
    const focus = last.response.results.find((r) => r.designation.type === "focus")!;
    selectSchool(focus.id);
    expect(await selectedSchoolId(run)).toEqual({ ok: true, id: focus.id });

    const outcome = await writeSchoolReport(run, last);
    expect(outcome).toMatchObject({ ok: true, sheet: SCHOOL_REPORT_SHEET, school: focus.name });
    const expected = expectedSheet(last, focus.id);
    const sheet = book.sheets.get(SCHOOL_REPORT_SHEET)!;
    const values = sheet.values();
    expect(values.slice(0, expected.info.length).map((row) => row.slice(0, 2))).toEqual(expected.info.map(([label, value]) => [label, value ?? ""]));
    expect(values[0]!.slice(0, 2)).toEqual(["School", focus.name]);
    expect(values.find((row) => row[0] === "Designation")![1]).toMatch(/^Focus school · year \d · /);
    expect(values.find((row) => row[0] === "Distance to exit")![1]).toMatch(/^Focus for its achievement gap\. The cut-off is /);

    const table = book.tables.get("SQIISchoolReport")!;
    const rows = values.slice(table.range.row, table.range.row + table.range.rowCount);
    expect(rows[0]).toEqual(expected.table!.header);
    expect(rows.slice(1)).toEqual(expected.table!.rows.map((r) => r.map((v) => v ?? "")));
    expect(book.active).toBe(SCHOOL_REPORT_SHEET);

    expect(sheet.chartList).toHaveLength(1);
    const [chart] = sheet.chartList;
    expect(chart).toMatchObject({ name: "SQII School Report chart", type: "BarClustered", title: { text: `${focus.name}: level of each indicator (1–10)` } });
    // The Level column, its header cell naming the series, over every indicator row.
    expect(chart!.source).toMatchObject({
      row: table.range.row,
      column: expected.table!.header.indexOf("Level"),
      rowCount: expected.table!.rows.length + 1,
      columnCount: 1,
    });
  });

  it("a second report replaces the first: one table, one chart, no lines left over", async () => {
    const { book, run, last, selectSchool } = await scoredWorkbook();
    const [longer, shorter] = [
      last.response.results.find((r) => r.designation.type === "priority")!,
      last.response.results.find((r) => r.designation.type === "none")!,
    ];
    selectSchool(longer.id);
    await writeSchoolReport(run, last);
    selectSchool(shorter.id, 0);
    expect((await writeSchoolReport(run, last)).ok).toBe(true);
    const sheet = book.sheets.get(SCHOOL_REPORT_SHEET)!;
    const expected = expectedSheet(last, shorter.id);
    expect(sheet.values()[0]![1]).toBe(shorter.name);
    expect(sheet.values()).toHaveLength(expected.info.length + 1 + 1 + expected.table!.rows.length);
    expect(sheet.chartList).toHaveLength(1);
    expect([...book.tables.keys()].filter((name) => name === "SQIISchoolReport")).toHaveLength(1);
  });

  it("says what to do without a run, outside a table, on a header, or for a school the run does not have", async () => {
    const { book, run, last, selectSchool } = await scoredWorkbook();
    expect(await writeSchoolReport(run, null)).toEqual({ ok: false, message: "Score the data first: the report is made from this session's scoring run." });
    const table = book.tables.get("SQIIResults")!;
    book.select("SQII Results", table.range.row, 0); // the header row
    expect(await writeSchoolReport(run, last)).toMatchObject({ ok: false, message: expect.stringMatching(/^Select a school's row in SQII Results/) });
    book.select("SQII Results", 0, 0); // the header block above the table
    expect(await writeSchoolReport(run, last)).toMatchObject({ ok: false, message: expect.stringMatching(/^Select a school's row/) });
    selectSchool(last.response.results[0]!.id);
    const other = { ...last, response: { ...last.response, results: last.response.results.slice(1) } };
    expect(await writeSchoolReport(run, other)).toEqual({
      ok: false,
      message: `School ${last.response.results[0]!.id} is not in the last scoring run: score again, then select its row.`,
    });
    expect(book.sheets.has(SCHOOL_REPORT_SHEET)).toBe(false);
  });

  it("with a prior year: the status × change grid under the indicator table, each cell filled with its colour", async () => {
    // A run whose body carries prior years, as a JSON request would (the pane's last run holds the body it sent).
    const body = generateConsortium({ schools: 40, seed: 2014, year: 2014, priors: "every" });
    const parsed = parseScoreRequest(body);
    if (!parsed.ok) throw new Error("the sample should be valid");
    const response = await scoreSchools(parsed.value.request, parsed.value.config);
    const trace = { source: "prior.json", at: new Date("2014-09-01T12:00:00Z"), engine: "local" };
    const book = new FakeWorkbook();
    await writeSheets(book.context(), resultSheets(await scoredRun(response, parsed.value), trace));
    const run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>) => batch(book.context());
    const school = response.results.find((r) => Object.values(r.indicators).filter((i) => i.performance).length >= 5)!;
    const ids = book.sheets
      .get("SQII Results")!
      .values()
      .map((row) => row[0]);
    book.select("SQII Results", ids.indexOf(school.id, book.tables.get("SQIIResults")!.range.row + 1), 3);

    expect(await writeSchoolReport(run, { body, response, run: trace })).toMatchObject({ ok: true });
    const expected = expectedSheet({ body, response, run: trace }, school.id);
    const grid = book.tables.get("SQIIStatusChange")!;
    const sheet = book.sheets.get(SCHOOL_REPORT_SHEET)!;
    const { header, rows } = expected.blocks![0]!.table;
    const values = sheet.values().slice(grid.range.row, grid.range.row + grid.range.rowCount);
    expect(values.map((row) => row.slice(0, header.length))).toEqual([header, ...rows.map((row) => row.map((v) => v ?? ""))]);
    // Every cell of the five-by-five filled, with the palette's colour for the code §13 gives it.
    for (const fill of expected.blocks![0]!.fills!) {
      expect(sheet.fills.get(`${grid.range.row + 1 + fill.row},${header.indexOf(fill.column)}`)).toBe(PALETTE[fill.code]);
    }
    expect(sheet.fills.size).toBe(25);
    const placed = Object.values(school.indicators).filter((i) => i.performance).length;
    expect(
      rows
        .flatMap((row) => row.slice(1))
        .filter((cell) => cell !== null)
        .join(", ")
        .split(", "),
    ).toHaveLength(placed);
    // The chart under the grid, not over it.
    expect(sheet.chartList[0]!.position!.row).toBeGreaterThan(grid.range.row + grid.range.rowCount);
  });
});
