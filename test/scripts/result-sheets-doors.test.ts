// Both doors write the same result sheets (api.md "Workbook contract"): the sample consortium
// (examples/core-sample.xlsx, the table form of core-sample.json) scored by the add-in's Score
// into the fake Excel, and by `npm run score -- … --out x.xlsx` into a file read back with exceljs.
// Every sheet's values are checked against the response, and the two workbooks against each other
// cell by cell, header blocks included (only the time and the source differ). Then a run with a
// prior year (§13), scored from JSON by the command line and drawn by the add-in's renderer.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepare, scoreAndWrite } from "../../addin/score-flow.js";
import { writeSheets } from "../../addin/sheet-writer.js";
import { readTableFile } from "../../scripts/cli/table-files.js";
import { writeWorkbook } from "../../scripts/cli/xlsx-writer.js";
import type { ScoreResponse } from "../../shared/contract/responses.js";
import { COLORS } from "../../shared/core/model.js";
import { codeLabel, PALETTE } from "../../shared/reports/report.js";
import { schoolReports } from "../../shared/reports/school-report.js";
import { SCHOOL_REPORT_SHEET, schoolReportSheet } from "../../shared/reports/school-report-sheet.js";
import { resultSheets } from "../../shared/reports/score-report.js";
import { scoredRun } from "../../shared/reports/scored-run.js";
import { generateConsortium } from "../../shared/samples/consortium.js";
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
  addin = new Map(SHEETS.map((name) => [name, fakeCells(addinBook, name)]));
}

/** `npm run score -- <input> --out <out>`, then the workbook it wrote, read back: its sheets' cells by name. */
async function scoreWithCli(input: string, out: string): Promise<{ book: ExcelJS.Workbook; sheets: Map<string, Cell[][]> }> {
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), ["scripts/cli/score.ts", input, "--out", out], { cwd: ROOT, stdio: "ignore" });
    child.on("error", reject);
    child.on("close", resolve);
  });
  expect(code).toBe(0);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(out);
  const sheets = new Map(
    book.worksheets.map((sheet) => {
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
  return { book, sheets };
}

/** A fake Excel sheet's cells as the command line's are read (blanks as null, trailing blanks dropped). */
const fakeCells = (book: FakeWorkbook, name: string) =>
  book.sheets
    .get(name)!
    .values()
    .map((row) => trim(row.map((c) => (c === "" ? null : c))));

/** Conditional-format rules of an exceljs sheet, with their ranges (exceljs reads them back but does not declare them). */
const cliRules = (sheet: ExcelJS.Worksheet) =>
  (sheet as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings.flatMap((f) =>
    f.rules.map((r) => ({ ref: f.ref, ...r })),
  );

async function scoreOnCommandLine(): Promise<void> {
  ({ book: cliBook, sheets: cli } = await scoreWithCli(SAMPLE_XLSX, path.join(dir, "sample.results.xlsx")));
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
    const rules = cliRules(sheet);
    const letter = String.fromCharCode(65 + band);
    expect(rules.find((r) => "formulae" in r && r.formulae?.[0] === '"Below average"')).toMatchObject({
      ref: `${letter}${headerRow + 2}:${letter}${headerRow + 1 + expected.response.results.reduce((n, r) => n + Object.keys(r.indicators).length, 0)}`,
      type: "cellIs",
      operator: "equal",
    });
  });
});

describe("the result sheets of a run with a prior year (§13), from both renderers", () => {
  let response: ScoreResponse;
  let fromCli: { book: ExcelJS.Workbook; sheets: Map<string, Cell[][]> };
  let fromAddin: FakeWorkbook;
  let expectedPrior: Expected;

  beforeAll(async () => {
    // The command line scores the request as JSON; the add-in's renderer draws the same run, traced the same.
    const request = generateConsortium({ schools: 60, seed: 2014, year: 2014, priors: "most" });
    const input = path.join(dir, "prior.json");
    await writeFile(input, JSON.stringify(request));
    fromCli = await scoreWithCli(input, path.join(dir, "prior.results.xlsx"));
    const checked = parseScoreRequest(request);
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    response = await scoreSchools(checked.value.request, checked.value.config);
    expectedPrior = { response, request: checked.value.request, config: checked.value.config };
    const info = parseSheet(fromCli.sheets.get("SQII Results")!).info;
    const trace = { source: String(info.get("Source")), at: new Date(String(info.get("Scored at"))), engine: "local" };
    fromAddin = new FakeWorkbook();
    await writeSheets(fromAddin.context(), resultSheets(await scoredRun(response, checked.value), trace));
  }, 120_000);

  it("has prior scores, colours, academic changes and both kinds of evidence to show", () => {
    const indicators = response.results.flatMap((r) => Object.values(r.indicators));
    expect(response.results.filter((r) => r.index?.priorScore != null).length).toBeGreaterThan(20);
    expect(new Set(indicators.map((i) => i.performance?.color ?? null))).toEqual(new Set([null, "red", "orange", "yellow", "green", "blue"]));
    expect(new Set(response.partnerships.pairs.map((p) => p.evidence)).size).toBeGreaterThan(0);
  });

  it.each(SHEETS)("%s: both wrote the same cells, each the response's", (name) => {
    expect(fakeCells(fromAddin, name)).toEqual(fromCli.sheets.get(name));
    SHEET_CHECKS[name]!(parseSheet(fromCli.sheets.get(name)!), expectedPrior);
  });

  it("colour SQII Indicators' Colour cells by the colour's label, with the palette's fill for its code", () => {
    const header = fromCli.sheets.get("SQII Indicators")!.find((row) => row[0] === "School ID")!;
    const colour = header.indexOf("Colour");
    const fake = fromAddin.sheets.get("SQII Indicators")!;
    const rules = cliRules(fromCli.book.getWorksheet("SQII Indicators")!);
    const letter = String.fromCharCode(65 + colour);
    for (const code of COLORS) {
      const label = codeLabel(code);
      expect(fake.conditionalFormats.find((f) => f.cellValue.rule?.formula1 === `="${label}"`)).toMatchObject({
        column: colour,
        cellValue: { format: { fill: { color: PALETTE[code] } } },
      });
      const rule = rules.find((r) => "formulae" in r && r.formulae?.[0] === `"${label}"`) as { ref: string; style: { fill: { bgColor: { argb: string } } } };
      expect(rule.ref.startsWith(letter)).toBe(true);
      expect(rule.style.fill.bgColor.argb).toBe(`FF${PALETTE[code].slice(1)}`);
    }
    const change = header.indexOf("Change");
    expect(fake.numberFormats.get(`${fromCli.sheets.get("SQII Indicators")!.indexOf(header) + 1},${change}`)).toBe('+0;"−"0;0');
  });

  it("the school report's sheet: both renderers write the same cells and fill the same grid cells with the same colours", async () => {
    const checked = parseScoreRequest(generateConsortium({ schools: 60, seed: 2014, year: 2014, priors: "most" }));
    if (!checked.ok) throw new Error("the sample should be valid");
    const source = { response, schools: checked.value.request.schools, config: checked.value.config };
    const report = schoolReports(source).find((r) => r.change.rows.length > 0)!;
    const sheet = schoolReportSheet(report, { source: "prior.json", at: new Date("2014-09-01T12:00:00Z"), engine: "local" });
    const file = path.join(dir, "school-report.xlsx");
    await writeWorkbook(file, [sheet]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const written = book.getWorksheet(SCHOOL_REPORT_SHEET)!;
    const fake = new FakeWorkbook();
    await writeSheets(fake.context(), [sheet]);
    const cells: Cell[][] = [];
    const fills = new Map<string, string>();
    written.eachRow({ includeEmpty: true }, (row, r) => {
      // An empty label (a line continuing the one above) is blank in both; the fake reads it as null.
      cells[r - 1] = trim(
        Array.from({ length: written.columnCount }, (_, c) => {
          const value = row.getCell(c + 1).value as Cell | undefined;
          return value === undefined || value === "" ? null : value;
        }),
      );
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const fill = cell.fill as ExcelJS.FillPattern | undefined;
        if (fill?.type === "pattern" && fill.pattern === "solid") fills.set(`${r - 1},${c - 1}`, `#${fill.fgColor!.argb!.slice(2)}`);
      });
    });
    expect(fakeCells(fake, SCHOOL_REPORT_SHEET)).toEqual(cells.map((row) => row ?? []));
    // The 25 cells of the grid, and nothing else, filled: the same cells, the same colours.
    expect(fills.size).toBe(25);
    expect(fills).toEqual(fake.sheets.get(SCHOOL_REPORT_SHEET)!.fills);
    expect(new Set(fills.values())).toEqual(new Set(COLORS.map((code) => PALETTE[code])));
  });
});
