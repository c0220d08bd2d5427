// Writes one output sheet the add-in owns (SQII Results, SQII Subgroups, SQII Scenarios): a small
// header block, then an Excel table. A re-run replaces the sheet's contents, so results never pile
// up, and nothing outside the add-in's own sheets is ever touched. Large tables go out in chunks
// that stay within Excel on the web's request limits, with calculation suspended while they land.
import type { Table, TableCell } from "../shared/tables/school-table.js";
import { type ChunkLimits, chunkRows, EXCEL_LIMITS } from "./chunks.js";

export interface SheetContent {
  /** The sheet the add-in owns, e.g. "SQII Results". */
  sheet: string;
  /** The Excel table's name, e.g. "SQIIResults" (unique in a workbook). */
  tableName: string;
  /** Label/value lines above the table: methodology version, config hash, time, source. */
  info: [string, TableCell][];
  table: Table;
  /** Per column header, fill colours for cells whose text contains a label (conditional formats). */
  highlights?: Record<string, Record<string, string>>;
  /** Per column header, an Excel number format for its data cells ("0.0"). Sent with the table
   *  step, one entry per cell: keep it to sheets of modest height (SQII Results). */
  numberFormats?: Record<string, string>;
}

export interface SheetReport {
  /** context.sync calls this sheet's write made. */
  syncs: number;
  /** 0-based row of the table's header on the sheet. */
  headerRow: number;
  chunks: number;
}

/** Which of our sheets and tables exist already: one round trip for every sheet written. */
async function existing(context: Excel.RequestContext): Promise<{ sheets: Set<string>; tables: Set<string> }> {
  const sheets = context.workbook.worksheets.load("items/name");
  const tables = context.workbook.tables.load("items/name");
  await context.sync();
  return { sheets: new Set(sheets.items.map((s) => s.name)), tables: new Set(tables.items.map((t) => t.name)) };
}

export interface WriteReport {
  /** All context.sync calls, the shared lookup included. */
  syncs: number;
  sheets: SheetReport[];
}

/** Called after each chunk lands, so a pane can show progress on large sheets. */
export type Progress = (sheet: string, done: number, total: number) => void;

export async function writeSheets(
  context: Excel.RequestContext,
  contents: SheetContent[],
  limits: ChunkLimits = EXCEL_LIMITS,
  onProgress?: Progress,
): Promise<WriteReport> {
  const found = await existing(context);
  const sheets: SheetReport[] = [];
  for (const content of contents) sheets.push(await writeSheet(context, content, found, limits, onProgress));
  return { syncs: 1 + sheets.reduce((n, s) => n + s.syncs, 0), sheets };
}

async function writeSheet(
  context: Excel.RequestContext,
  content: SheetContent,
  found: { sheets: Set<string>; tables: Set<string> },
  limits: ChunkLimits,
  onProgress?: Progress,
): Promise<SheetReport> {
  const { workbook } = context;
  if (found.tables.has(content.tableName)) workbook.tables.getItem(content.tableName).delete();
  let sheet: Excel.Worksheet;
  if (found.sheets.has(content.sheet)) {
    sheet = workbook.worksheets.getItem(content.sheet);
    sheet.getRange().clear(); // contents and formats of our own sheet only
  } else {
    sheet = workbook.worksheets.add(content.sheet);
  }

  const { header, rows } = content.table;
  const width = header.length;
  if (content.info.length > 0) sheet.getRangeByIndexes(0, 0, content.info.length, 2).values = content.info;
  const headerRow = content.info.length === 0 ? 0 : content.info.length + 1; // a blank line between
  const all: TableCell[][] = [header, ...rows];
  const chunks = chunkRows(all, limits);
  let syncs = 0;
  for (const { start, end } of chunks) {
    context.application.suspendApiCalculationUntilNextSync();
    sheet.getRangeByIndexes(headerRow + start, 0, end - start, width).values = all.slice(start, end);
    await context.sync();
    syncs++;
    onProgress?.(content.sheet, syncs, chunks.length);
  }

  // One table over everything written: never table.rows.add row by row.
  const table = sheet.tables.add(sheet.getRangeByIndexes(headerRow, 0, all.length, width), true);
  table.name = content.tableName;
  sheet.freezePanes.freezeRows(headerRow + 1);
  highlight(sheet, content, headerRow, rows.length);
  formatNumbers(table, content, rows.length);
  await context.sync();
  syncs++;
  return { syncs, headerRow, chunks: chunks.length };
}

/** Conditional formats rather than painted cells: they follow the values if the user sorts. */
function highlight(sheet: Excel.Worksheet, content: SheetContent, headerRow: number, rowCount: number): void {
  if (!content.highlights || rowCount === 0) return;
  for (const [column, fills] of Object.entries(content.highlights)) {
    const index = content.table.header.indexOf(column);
    if (index < 0) continue;
    const cells = sheet.getRangeByIndexes(headerRow + 1, index, rowCount, 1);
    for (const [text, color] of Object.entries(fills)) {
      // String enum values: the Excel global's enums exist only inside Office.
      const format = cells.conditionalFormats.add("ContainsText");
      format.textComparison.format.fill.color = color;
      format.textComparison.rule = { operator: "Contains", text };
    }
  }
}

function formatNumbers(table: Excel.Table, content: SheetContent, rowCount: number): void {
  if (!content.numberFormats || rowCount === 0) return;
  for (const [column, format] of Object.entries(content.numberFormats)) {
    if (!content.table.header.includes(column)) continue;
    // A range's numberFormat takes one entry per cell.
    table.columns.getItem(column).getDataBodyRange().numberFormat = Array.from({ length: rowCount }, () => [format]);
  }
}
