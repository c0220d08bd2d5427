// The Score button end to end in Node: template with sample data → select a cell → prepare →
// score → write; with the fake Excel standing in for the workbook.

import { describe, expect, it } from "vitest";
import { prepare, scoreAndWrite, selectCell } from "../../addin/score-flow.js";
import { insertTemplate } from "../../addin/template.js";
import { resultsTable } from "../../shared/reports/score-report.js";
import { generateConsortium } from "../../shared/samples/consortium.js";
import { scoreRequest } from "../../shared/schools/score.js";
import { FakeWorkbook } from "./fake-excel.js";

async function workbookWithTemplate(schools = 25) {
  const book = new FakeWorkbook();
  const sample = generateConsortium({ schools, seed: 4, year: 2014 });
  await insertTemplate(book.context(), sample);
  const table = book.tables.get("SQIITemplate")!;
  book.select("SQII Template", table.range.row + 3, 2); // any cell inside the table
  const run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>) => batch(book.context());
  return { book, sample, run };
}

describe("Score, in local mode", () => {
  it("reads the table around the selection, shows its mapping, scores and writes the result sheets; input untouched", async () => {
    const { book, sample, run } = await workbookWithTemplate();
    const input = book.sheets.get("SQII Template")!.values();
    const prepared = await prepare(run);
    expect(prepared.source.address).toMatch(/^'SQII Template'!A\d+:[A-Z]+\d+$/);
    expect(prepared.mapping.missing).toEqual([]);
    expect(prepared.schools).toBe(25);
    expect(prepared.problems).toEqual([]);

    const first = await scoreAndWrite(run, prepared, { endpoint: "local" });
    expect(first.ok).toBe(true);
    const expected = await scoreRequest(sample);
    const results = book.sheets.get("SQII Results")!.values();
    const table = book.tables.get("SQIIResults")!;
    expect(results.slice(table.range.row + 1).map((r) => r[0])).toEqual(expected.ok && resultsTable(expected.value).rows.map((r) => r[0]));
    expect(book.sheets.get("SQII Template")!.values()).toEqual(input);

    const again = await scoreAndWrite(run, prepared, { endpoint: "local" });
    expect(again.ok).toBe(true);
    expect(book.sheets.get("SQII Results")!.values()).toHaveLength(results.length); // replaced, not piled up
  });

  it("stops at problems, each with its cell, and a click selects that cell", async () => {
    const { book, run } = await workbookWithTemplate(3);
    const table = book.tables.get("SQIITemplate")!;
    const sheet = book.sheets.get("SQII Template")!;
    const header = sheet.values()[table.range.row]!;
    sheet.getRangeByIndexes(table.range.row + 2, header.indexOf("ELA"), 1, 1).values = [[250]];
    const prepared = await prepare(run);
    expect(prepared.problems).toHaveLength(1);
    const cell = prepared.problems[0]!.cell!;
    expect(cell).toBe(`'SQII Template'!H${table.range.row + 3}`);
    expect(prepared.problems[0]!.message).toBe("expected a number from 0 to 100, got 250");
    await selectCell(run, cell);
    expect(book.selection).toEqual({ sheet: "SQII Template", address: `H${table.range.row + 3}` });
  });
});
