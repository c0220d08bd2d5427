// Files for the workbook contract on Node: a table of schools read from .xlsx or .csv, an input
// workbook written from a request, and results written as a workbook or CSV. The reading and the
// tables themselves are shared/workbook.ts; this module only moves cells in and out of files.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import ExcelJS from "exceljs";
import type { ScoreRequest } from "../../shared/contract/requests.js";
import type { ScoreResponse } from "../../shared/contract/responses.js";
import {
  columnLetters,
  requestToLongRows,
  resultsTable,
  subgroupsTable,
  type Table,
  type TableCell,
  type TablePlace,
} from "../../shared/tables/school-table.js";

export interface TableFile extends TablePlace {
  /** The used range, header first, as Excel's `range.values` gives it: text, numbers, booleans, "" for blank. */
  values: unknown[][];
  /** Number formats of the same cells (xlsx only), so percent-formatted cells can be scaled. */
  numberFormats?: string[][];
}

export const RESULTS_SHEET = "SQII Results";
export const SUBGROUPS_SHEET = "SQII Subgroups";
export const RUN_SHEET = "SQII Run";

// ---------------------------------------------------------------- reading

/** The table of an .xlsx (sheet `Data` if there is one, else the first) or a .csv file. */
export async function readTableFile(file: string): Promise<TableFile> {
  const extension = path.extname(file).toLowerCase();
  if (extension === ".xlsx") return readXlsxTable(file);
  if (extension === ".csv") return readCsvTable(file);
  throw new Error(`cannot read ${JSON.stringify(path.basename(file))}: expected an .xlsx or .csv file`);
}

async function readXlsxTable(file: string): Promise<TableFile> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet("Data") ?? workbook.worksheets.find((s) => s.name.toLowerCase() === "data") ?? workbook.worksheets[0];
  if (!sheet) throw new Error(`${path.basename(file)} has no worksheet`);
  const cells: { row: number; col: number; value: unknown; format: string }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const value = plainValue(cell.value);
      if (value !== "") cells.push({ row: rowNumber, col: colNumber, value, format: cell.numFmt ?? "" });
    });
  });
  return tableOfCells(sheet.name, cells);
}

/** The bounding box of the non-blank cells: a table need not start at A1. */
function tableOfCells(sheet: string, cells: { row: number; col: number; value: unknown; format: string }[]): TableFile {
  if (cells.length === 0) return { sheet, firstRow: 1, firstColumn: 1, values: [] };
  // A loop, not Math.min(...cells): a statewide sheet has more cells than a call takes arguments.
  let [firstRow, firstColumn, lastRow, lastColumn] = [Infinity, Infinity, 0, 0];
  for (const { row, col } of cells) {
    firstRow = Math.min(firstRow, row);
    firstColumn = Math.min(firstColumn, col);
    lastRow = Math.max(lastRow, row);
    lastColumn = Math.max(lastColumn, col);
  }
  const height = lastRow - firstRow + 1;
  const width = lastColumn - firstColumn + 1;
  const values = Array.from({ length: height }, () => new Array<unknown>(width).fill(""));
  const numberFormats = Array.from({ length: height }, () => new Array<string>(width).fill(""));
  for (const cell of cells) {
    values[cell.row - firstRow]![cell.col - firstColumn] = cell.value;
    numberFormats[cell.row - firstRow]![cell.col - firstColumn] = cell.format;
  }
  return { sheet, firstRow, firstColumn, values, numberFormats };
}

/** What Excel's `range.values` would show for an exceljs cell value. */
function plainValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return "";
  if (typeof value !== "object") return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("formula" in value || "sharedFormula" in value) return plainValue((value as ExcelJS.CellFormulaValue).result ?? null);
  if ("hyperlink" in value) return plainValue(value.text as ExcelJS.CellValue);
  if ("error" in value) return value.error;
  return "";
}

async function readCsvTable(file: string): Promise<TableFile> {
  const rows = parseCsv(await readFile(file, "utf8"));
  return { sheet: path.basename(file, path.extname(file)), firstRow: 1, firstColumn: 1, values: rows };
}

// A field is quoted ("" inside stands for ") or bare, and ends at a comma, a line break or the end.
const CSV_FIELD = /(?:"([^"]*(?:""[^"]*)*)"|([^",\r\n]*))(,|\r\n|\n|\r|$)/y;

/** RFC 4180: quoted fields with "" escapes and line breaks, CRLF or LF, an optional byte order mark. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (at >= text.length) return rows;
  for (;;) {
    CSV_FIELD.lastIndex = at;
    const match = CSV_FIELD.exec(text);
    if (!match) throw new Error(`malformed CSV on line ${lineNumber(text, at)}: a quote inside a bare field, or a quoted field that never ends`);
    row.push(match[1] !== undefined ? match[1].replace(/""/g, '"') : match[2]!);
    at = CSV_FIELD.lastIndex;
    if (match[3] === ",") continue;
    rows.push(row);
    row = [];
    if (at >= text.length) return rows;
  }
}

function lineNumber(text: string, offset: number): number {
  return text.slice(0, offset).split(/\r\n|\r|\n/).length;
}

// ---------------------------------------------------------------- writing

/** CSV with CRLF line ends and a byte order mark, so that Excel opens UTF-8 names correctly. */
export function toCsv(rows: readonly (readonly TableCell[])[]): string {
  return "\ufeff" + rows.map((row) => row.map(csvField).join(",") + "\r\n").join("");
}

function csvField(cell: TableCell): string {
  if (cell === null) return "";
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  const text = String(cell);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// Both workbooks are streamed: exceljs's in-memory writer takes minutes on a statewide table
// (millions of cells), the streaming one seconds. It cannot write Excel tables, so sheets get a
// frozen bold header and filter buttons instead.

interface SheetContent {
  name: string;
  table: Table;
  /** Columns kept in view when scrolling right. */
  frozenColumns: number;
  /** Fill colours by value, per column header, applied by conditional formatting. */
  highlights?: Record<string, Record<string, string>>;
}

/** Sheet `Data` in the long format, as shared/workbook.ts reads it back. */
export async function writeInputWorkbook(request: Pick<ScoreRequest, "schools" | "year">, file: string): Promise<void> {
  const [header, ...rows] = requestToLongRows(request) as [string[], ...TableCell[][]];
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  writeSheet(workbook, { name: "Data", table: { header, rows }, frozenColumns: 0 });
  await workbook.commit();
}

/** Sheets `SQII Results` and `SQII Subgroups`, then `SQII Run`: methodology version, config hash, time, counts. */
export async function writeResultsWorkbook(response: ScoreResponse, file: string, now = new Date()): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  // School id and name stay in view.
  const highlights = { Band: BAND_FILLS, Designation: DESIGNATION_FILLS };
  writeSheet(workbook, { name: RESULTS_SHEET, table: resultsTable(response), frozenColumns: 2, highlights });
  writeSheet(workbook, { name: SUBGROUPS_SHEET, table: subgroupsTable(response), frozenColumns: 2 });
  writeRunSheet(workbook, response, now);
  await workbook.commit();
}

/** The one-row-per-school results table as CSV. */
export async function writeResultsCsv(response: ScoreResponse, file: string): Promise<void> {
  const table = resultsTable(response);
  await writeFile(file, toCsv([table.header, ...table.rows]));
}

function writeSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, content: SheetContent): void {
  const { table } = content;
  const sheet = workbook.addWorksheet(content.name, { views: [{ state: "frozen", xSplit: content.frozenColumns, ySplit: 1 }] });
  // A streamed sheet takes its column widths before its first row.
  sheet.columns = columnWidths(table).map((width) => ({ width }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.header.length } };
  let priority = 1;
  for (const [header, fills] of Object.entries(content.highlights ?? {})) {
    highlightColumn(sheet, { column: table.header.indexOf(header) + 1, rows: table.rows.length, fills, firstPriority: priority });
    priority += Object.keys(fills).length;
  }
  const headerRow = sheet.addRow(table.header);
  headerRow.font = { bold: true };
  headerRow.commit();
  for (const row of table.rows) sheet.addRow(row).commit();
  sheet.commit();
}

// Light red, orange and green for designations; red, amber and green for bands.
const DESIGNATION_FILLS = { Priority: "FFF4CCCC", Focus: "FFFCE5CD", Reward: "FFD9EAD3" };
const BAND_FILLS = { "Below average": "FFF4CCCC", Average: "FFFFF2CC", "Above average": "FFD9EAD3" };

interface Highlight {
  column: number;
  rows: number;
  fills: Record<string, string>;
  /** Rule priorities are unique within a sheet, as Excel writes them. */
  firstPriority: number;
}

/** Conditional formatting rather than fixed fills, so the colours follow the values when people sort or edit. */
function highlightColumn(sheet: ExcelJS.Worksheet, { column, rows, fills, firstPriority }: Highlight): void {
  if (rows === 0) return;
  const letters = columnLetters(column);
  sheet.addConditionalFormatting({
    ref: `${letters}2:${letters}${rows + 1}`,
    rules: Object.entries(fills).map(([value, color], i) => ({
      type: "cellIs",
      operator: "equal",
      formulae: [JSON.stringify(value)],
      priority: firstPriority + i,
      style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: color } } },
    })),
  });
}

function writeRunSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, response: ScoreResponse, now: Date): void {
  const sheet = workbook.addWorksheet(RUN_SHEET);
  sheet.columns = [{ width: 24 }, { width: 68 }];
  const { summary } = response;
  const rows: [string, TableCell][] = [
    ["Methodology version", response.methodologyVersion],
    ["Config hash (SHA-256)", response.configHash],
    ["Year", response.year],
    ["Scored at", now.toISOString()],
    ["Schools", summary.schools],
    ["Scored", summary.scored],
    ["Unscored", summary.unscored],
    ["Title I pool", summary.titleIPool],
    ...Object.entries(summary.designations).map(([type, count]): [string, TableCell] => [`Designation: ${type}`, count]),
  ];
  for (const values of rows) {
    const row = sheet.addRow(values);
    row.getCell(1).font = { bold: true };
    row.commit();
  }
  sheet.commit();
}

/** Widths from the longest text in the header and the first rows, within reason. */
function columnWidths(table: Table): number[] {
  const sample = table.rows.slice(0, 200);
  return table.header.map((header, i) => {
    const longest = Math.max(header.length, ...sample.map((row) => String(row[i] ?? "").length));
    return Math.min(Math.max(longest + 2, 6), 40);
  });
}
