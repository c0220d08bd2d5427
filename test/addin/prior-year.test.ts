// The prior year in the add-in (methodology §13 "Input"), over the fake workbook: the template's
// sample holds two years of rows with a Year column; Read makes the earlier year each school's
// prior; a row of another year, a blank Year and a year SQII Config does not score are problems at
// their cells; a school of the prior year only is a note, and scoring goes ahead.
import { describe, expect, it } from "vitest";
import { insertConfigIfMissing } from "../../addin/block-sheet.js";
import { prepare, scoreAndWrite } from "../../addin/score-flow.js";
import { insertTemplate } from "../../addin/template.js";
import { generateConsortium, TEMPLATE_SAMPLE_OPTIONS } from "../../shared/samples/consortium.js";
import { cellAddress, problemLine } from "../../shared/tables/cells.js";
import { type FakeSheet, FakeWorkbook } from "./fake-excel.js";

const SAMPLE = generateConsortium(TEMPLATE_SAMPLE_OPTIONS);

async function workbook(withConfig = false) {
  const book = new FakeWorkbook();
  await insertTemplate(book.context(), SAMPLE);
  if (withConfig) await insertConfigIfMissing(book.context());
  const table = book.tables.get("SQIITemplate")!;
  book.select("SQII Template", table.range.row + 1, 0);
  const run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>) => batch(book.context());
  const sheet = book.sheets.get("SQII Template")!;
  const header = sheet.values()[table.range.row]!;
  /** The sheet rows (0-based) of the table's body. */
  const body = Array.from({ length: table.range.rowCount - 1 }, (_, i) => table.range.row + 1 + i);
  const at = (row: number, column: string) => cellAddress("SQII Template", row + 1, header.indexOf(column) + 1);
  return { book, run, sheet, header, body, at };
}

/** Types into a cell of the template, as a user would. */
function type(sheet: FakeSheet, header: unknown[], row: number, column: string, value: string | number): void {
  sheet.getRangeByIndexes(row, header.indexOf(column), 1, 1).values = [[value]];
}

describe("the template's two years", () => {
  it("holds the rows of 2014 and of 2013 in a Year column with its validation, and reads them back as the sample", async () => {
    const { book, run, sheet, header, body } = await workbook();
    const values = sheet.values();
    const years = body.map((r) => values[r]![header.indexOf("Year")]);
    expect(new Set(years)).toEqual(new Set([2014, 2013]));
    expect(years.indexOf(2013)).toBeGreaterThan(years.lastIndexOf(2014)); // the year scored first, then the year before
    expect(book.tables.get("SQIITemplate")!.validations.get("Year")!.rule).toEqual({ wholeNumber: { formula1: 1900, operator: "GreaterThanOrEqualTo" } });

    const prepared = await prepare(run);
    expect(prepared.problems).toEqual([]);
    expect(prepared.notes).toEqual([]);
    const withoutHistory = SAMPLE.schools.map(({ history: _, ...school }) => school);
    expect(prepared.checked!.request).toEqual({ year: 2014, schools: withoutHistory });
    expect(withoutHistory.filter((s) => s.prior).length).toBeGreaterThan(30);
    const scored = await scoreAndWrite(run, prepared, { endpoint: "local" });
    expect(scored.ok).toBe(true);
  });

  it("puts a third year, a blank Year and a value of the prior year out of range at their cells", async () => {
    const { run, sheet, header, body, at } = await workbook();
    const values = sheet.values();
    const rows = body.filter((r) => values[r]![header.indexOf("Year")] === 2013);
    type(sheet, header, rows[0]!, "Year", 2012);
    type(sheet, header, rows[1]!, "Year", "");
    type(sheet, header, rows[2]!, "Math", 101);
    const prepared = await prepare(run);
    expect(prepared.problems.map(problemLine)).toEqual([
      `${at(rows[0]!, "Year")}: 2012 is neither the year scored, 2014 (the latest in the Year column), nor the year before it, 2013 (the prior year): a row of any other year cannot be read`,
      `${at(rows[1]!, "Year")}: this row has no Year, but other rows have one (2014 in ${at(body[0]!, "Year")}): give every row its year`,
      // The first school's rows of 2013 were its ALL row and the next: its prior year has lost its ALL row.
      `${at(rows[2]!, "Student Group")}: school "${SAMPLE.schools[0]!.id}" has no All Students row of 2013`,
      `${at(rows[2]!, "Math")}: expected a number from 0 to 100, got 101`,
    ]);
    expect(prepared.checked).toBeNull();
  });

  it("notes a school that has rows of the prior year only, and scores the others", async () => {
    const { run, sheet, header, body, at } = await workbook();
    const id = header.indexOf("School ID");
    const values = sheet.values();
    const school = values[body.at(-1)!]![id];
    const itsPriorRows = body.filter((r) => values[r]![id] === school && values[r]![header.indexOf("Year")] === 2013);
    for (const row of itsPriorRows) type(sheet, header, row, "School ID", "CLOSED-1");
    const prepared = await prepare(run);
    expect(prepared.problems).toEqual([]);
    expect(prepared.notes.map(problemLine)).toEqual([
      `${at(itsPriorRows[0]!, "School ID")}: school "CLOSED-1" has rows of 2013, the prior year, but none of 2014, the year scored: it is not scored, and its ${itsPriorRows.length} rows are not used`,
    ]);
    expect(prepared.checked!.request.schools.find((s) => s.id === school)!.prior).toBeUndefined();
    expect(prepared.schools).toBe(40);
  });

  it("scores SQII Config's year: set to the earlier year, the later year's rows are problems at their Year cells", async () => {
    const { book, run, sheet, header, body, at } = await workbook(true);
    const config = book.sheets.get("SQII Config")!;
    const yearRow = config.values().findIndex((r) => r[0] === "year");
    config.getRangeByIndexes(yearRow, 1, 1, 1).values = [[2013]];
    const prepared = await prepare(run);
    const values = sheet.values();
    const later = body.filter((r) => values[r]![header.indexOf("Year")] === 2014);
    expect(prepared.problems).toHaveLength(later.length);
    expect(problemLine(prepared.problems[0]!)).toBe(
      `${at(later[0]!, "Year")}: 2014 is neither the year scored, 2013 (set in 'SQII Config'!B${yearRow + 1}), nor the year before it, 2012 (the prior year): a row of any other year cannot be read`,
    );
    config.getRangeByIndexes(yearRow, 1, 1, 1).values = [[2014]];
    const agreed = await prepare(run);
    expect(agreed.problems).toEqual([]);
    expect(agreed.checked!.request.schools.filter((s) => s.prior).length).toBe(SAMPLE.schools.filter((s) => s.prior).length);
  });
});
