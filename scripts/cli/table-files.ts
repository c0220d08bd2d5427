// Tables out of files for the command line: the sheet of an .xlsx (exceljs) or a .csv, as the plain
// values and number formats Excel's range.values would give, with where the table sits, so that
// shared/tables reads them exactly as it reads the add-in's selection.
import { readFile } from "node:fs/promises";
import path from "node:path";
import ExcelJS from "exceljs";
import type { TablePlace } from "../../shared/tables/cells.js";
import { findInputSheet, type InputSheet, isProductSheetName } from "../../shared/tables/input-sheets.js";

export interface TableFile extends TablePlace {
  /** The used range, header first, as Excel's `range.values` gives it: text, numbers, booleans, "" for blank. */
  values: unknown[][];
  /** Number formats of the same cells (xlsx only), so percent-formatted cells can be scaled. */
  numberFormats?: string[][];
}

/** The school data of an .xlsx (sheet `Data` if there is one, else the first sheet that is not an `SQII …` sheet) or a .csv file. */
export async function readTableFile(file: string): Promise<TableFile> {
  const extension = path.extname(file).toLowerCase();
  if (extension === ".xlsx") return readXlsxTable(file);
  if (extension === ".csv") return readCsvTable(file);
  throw new Error(`cannot read ${JSON.stringify(path.basename(file))}: expected an .xlsx or .csv file`);
}

async function readXlsxTable(file: string): Promise<TableFile> {
  const workbook = await openWorkbook(file);
  const sheet =
    workbook.getWorksheet("Data") ??
    workbook.worksheets.find((s) => s.name.toLowerCase() === "data") ??
    workbook.worksheets.find((s) => !isProductSheetName(s.name)) ??
    workbook.worksheets[0];
  if (!sheet) throw new Error(`${path.basename(file)} has no worksheet`);
  return sheetTable(sheet);
}

export async function openWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/**
 * An optional input sheet of an .xlsx (SQII Config, SQII History, SQII Evaluation Config; the
 * "SQII " prefix may be left out), or null when the file has none or is not a workbook.
 */
export async function readInputSheet(file: string, which: InputSheet): Promise<TableFile | null> {
  if (path.extname(file).toLowerCase() !== ".xlsx") return null;
  const workbook = await openWorkbook(file);
  const name = findInputSheet(
    workbook.worksheets.map((s) => s.name),
    which,
  );
  const sheet = name === undefined ? undefined : workbook.getWorksheet(name);
  return sheet ? sheetTable(sheet) : null;
}

/** A sheet's used range as a table file (the bounding box of its non-blank cells). */
export function sheetTable(sheet: ExcelJS.Worksheet): TableFile {
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
