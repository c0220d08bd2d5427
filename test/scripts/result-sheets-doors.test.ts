// Both doors write the same result sheets (api.md "Workbook contract"): the sample consortium
// (examples/core-sample.xlsx, the table form of core-sample.json) scored by the add-in's Score
// into the fake Excel, and by `npm run score -- … --out x.xlsx` into a file read back with exceljs.
// Every sheet's values are checked against the response, and the two workbooks against each other
// cell by cell, header blocks included (only the time and the source differ).
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepare, scoreAndWrite } from "../../addin/score-flow.js";
import { readTableFile } from "../../scripts/cli/table-files.js";
import { parseScoreRequest, scoreSchools } from "../../shared/schools/score.js";
import { FakeWorkbook } from "../addin/fake-excel.js";
import { type Cell, checkHeaderBlock, type Expected, parseSheet, SHEET_CHECKS } from "../shared/reports/sheet-check.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SAMPLE_XLSX = path.join(ROOT, "examples/core-sample.xlsx");
const SHEETS = Object.keys(SHEET_CHECKS);

let dir: string;
let expected: Expected;
let addin: Map<string, Cell[][]>;
let addinBook: FakeWorkbook;
let cli: Map<string, Cell[][]>;
let cliBook: ExcelJS.Workbook;

/** Trailing blanks dropped, so both renderers' rows compare whatever width each reads. */
const trim = (row: Cell[]) => {
  const out = [...row];
  while (out.length > 0 && out.at(-1) === null) out.pop();
  return out;
};

/** The sample workbook opened in the fake Excel: every sheet's cells where they are, the data as an Excel table. */
async function openSample(): Promise<FakeWorkbook> {
  const book = new FakeWorkbook();
  const file = new ExcelJS.Workbook();
  await file.xlsx.readFile(SAMPLE_XLSX);
  for (const sheet of file.worksheets) {
    // Other sheets (SQII History, when the sample has one) are read by Score as they are.
    const values: Cell[][] = [];
    sheet.eachRow((row, r) => {
      values[r - 1] = (row.values as (Cell | undefined)[]).slice(1).map((v) => v ?? null);
    });
    const width = Math.max(0, ...values.map((row) => row?.length ?? 0));
    const grid = Array.from({ length: values.length }, (_, r) => Array.from({ length: width }, (_, c) => values[r]?.[c] ?? null));
    const fake = book.addSheet(sheet.name);
    if (grid.length > 0) fake.getRangeByIndexes(0, 0, grid.length, width).values = grid;
  }
  const data = await readTableFile(SAMPLE_XLSX);
  const sheet = book.sheets.get(data.sheet)!;
  sheet.tables.add(sheet.getRangeByIndexes(data.firstRow - 1, data.firstColumn - 1, data.values.length, data.values[0]!.length), true).name = "Schools";
  book.select(data.sheet, data.firstRow + 4, 2);
  return book;
}

async function scoreInAddin(): Promise<void> {
  addinBook = await openSample();
  const run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>) => batch(addinBook.context());
  const prepared = await prepare(run);
  expect(prepared.problems).toEqual([]);
  const scored = await scoreAndWrite(run, prepared, { endpoint: "local" }, new Date("2014-09-01T12:00:00Z"));
  if (!scored.ok) throw new Error(JSON.stringify(scored.failure));
  expect(scored.response).toEqual(expected.response);
  addin = new Map(
    SHEETS.map((name) => [
      name,
      addinBook.sheets
        .get(name)!
        .values()
        .map((row) => trim(row.map((c) => (c === "" ? null : c)))),
    ]),
  );
}

async function scoreOnCommandLine(): Promise<void> {
  const out = path.join(dir, "sample.results.xlsx");
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), ["scripts/cli/score.ts", SAMPLE_XLSX, "--out", out], { cwd: ROOT, stdio: "ignore" });
    child.on("error", reject);
    child.on("close", resolve);
  });
  expect(code).toBe(0);
  cliBook = new ExcelJS.Workbook();
  await cliBook.xlsx.readFile(out);
  cli = new Map(
    cliBook.worksheets.map((sheet) => {
      const rows: Cell[][] = [];
      // exceljs counts columns over every row on each call: once per sheet.
      const width = sheet.columnCount;
      for (let r = 1; r <= sheet.rowCount; r++) {
        const values = sheet.getRow(r).values as (Cell | undefined)[];
        rows.push(trim(Array.from({ length: width }, (_, c) => values[c + 1] ?? null)));
      }
      return [sheet.name, rows];
    }),
  );
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sqii-doors-"));
  const request = JSON.parse(await readFile(path.join(ROOT, "examples/core-sample.json"), "utf8"));
  const checked = parseScoreRequest(request);
  if (!checked.ok) throw new Error("the sample should be valid");
  expected = { response: await scoreSchools(checked.value.request, checked.value.config), request: checked.value.request, config: checked.value.config };
  await Promise.all([scoreInAddin(), scoreOnCommandLine()]);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the result sheets of the sample, from both doors", () => {
  it("are the same sheets in the same order", () => {
    expect([...addinBook.sheets.keys()].filter((name) => name.startsWith("SQII ") && name !== "SQII History")).toEqual(SHEETS);
    expect(cliBook.worksheets.map((s) => s.name)).toEqual(SHEETS);
  });

  it.each(SHEETS)("%s: the add-in's values are the response's", (name) => {
    const sheet = parseSheet(addin.get(name)!);
    checkHeaderBlock(sheet, expected);
    SHEET_CHECKS[name]!(sheet, expected);
  });

  it.each(SHEETS)("%s: the command line's values are the response's", (name) => {
    const sheet = parseSheet(cli.get(name)!);
    checkHeaderBlock(sheet, expected);
    SHEET_CHECKS[name]!(sheet, expected);
  });

  it.each(SHEETS)("%s: both doors wrote the same cells, header block included", (name) => {
    // The run's time and where the data was read differ by door; every other cell is the same.
    const sameRun = (rows: Cell[][]) => rows.map((row) => (row[0] === "Scored at" || row[0] === "Source" ? [row[0]] : row));
    expect(sameRun(cli.get(name)!)).toEqual(sameRun(addin.get(name)!));
    const source = (rows: Cell[][]) => rows.find((row) => row[0] === "Source")?.[1];
    expect(source(addin.get(name)!)).toMatch(/^Data!A1:T39633$/);
    expect(source(cli.get(name)!)).toBe("core-sample.xlsx: Data!A1:T39633");
  });

  it("format and colour the same columns in both doors", () => {
    const header = addin.get("SQII Indicators")!.find((row) => row[0] === "School ID")!;
    const headerRow = addin.get("SQII Indicators")!.indexOf(header);
    const level = header.indexOf("Level");
    const band = header.indexOf("Band");
    const fake = addinBook.sheets.get("SQII Indicators")!;
    expect(fake.numberFormats.get(`${headerRow + 1},${level}`)).toBe("0.00");
    expect(fake.numberFormats.get(`${headerRow + 1},${band}`)).toBeUndefined();
    const rule = fake.conditionalFormats.find((f) => f.cellValue.rule?.formula1 === '="Below average"')!;
    expect(rule).toMatchObject({ type: "CellValue", column: band, cellValue: { format: { fill: { color: "#F8CBAD" } } } });
    expect(fake.frozenColumns).toBe(2);

    const sheet = cliBook.getWorksheet("SQII Indicators")!;
    expect(sheet.getRow(headerRow + 2).getCell(level + 1).numFmt).toBe("0.00");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: headerRow + 1 });
    // exceljs reads the rules back but does not declare them.
    const { conditionalFormattings } = sheet as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] };
    const rules = conditionalFormattings.flatMap((f) => f.rules.map((r) => ({ ref: f.ref, ...r })));
    const letter = String.fromCharCode(65 + band);
    expect(rules.find((r) => "formulae" in r && r.formulae?.[0] === '"Below average"')).toMatchObject({
      ref: `${letter}${headerRow + 2}:${letter}${headerRow + 1 + expected.response.results.reduce((n, r) => n + Object.keys(r.indicators).length, 0)}`,
      type: "cellIs",
      operator: "equal",
    });
  });
});
