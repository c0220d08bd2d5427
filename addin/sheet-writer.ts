// Draws the report model (shared/reports) with Office.js: each sheet the add-in owns (SQII
// Results, SQII Subgroups, SQII Scenarios, …) gets its header block, then an Excel table, its
// colours, number formats and chart, all as the model says; nothing here decides content. A re-run replaces the sheet's contents, so results never pile
// up, and nothing outside the add-in's own sheets is ever touched. Large tables go out in chunks
// that stay within Excel on the web's request limits, with calculation suspended while they land.
import type { ChartSpec, ReportSheet } from "../shared/reports/report.js";
import type { TableCell } from "../shared/tables/cells.js";
import { type ChunkLimits, chunkRows, EXCEL_LIMITS } from "./chunks.js";

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
  contents: ReportSheet[],
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
  content: ReportSheet,
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

  if (content.info.length > 0) sheet.getRangeByIndexes(0, 0, content.info.length, 2).values = content.info;
  if (!content.table) {
    await context.sync();
    return { syncs: 1, headerRow: -1, chunks: 0 };
  }
  const { header, rows } = content.table;
  const width = header.length;
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
  if (content.frozenColumns) sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, headerRow + 1, content.frozenColumns));
  else sheet.freezePanes.freezeRows(headerRow + 1);
  highlight(sheet, content, headerRow, rows.length);
  formatNumbers(table, content, rows.length);
  await context.sync();
  syncs++;
  if (content.chart) syncs += await drawChart(context, sheet, content.chart, header, headerRow);
  return { syncs, headerRow, chunks: chunks.length };
}

/** Conditional formats rather than painted cells: they follow the values if the user sorts. */
function highlight(sheet: Excel.Worksheet, content: ReportSheet, headerRow: number, rowCount: number): void {
  if (!content.highlights || !content.table || rowCount === 0) return;
  for (const { column, fills } of content.highlights) {
    const index = content.table.header.indexOf(column);
    if (index < 0) continue;
    const cells = sheet.getRangeByIndexes(headerRow + 1, index, rowCount, 1);
    for (const { text, color } of fills) {
      // String enum values: the Excel global's enums exist only inside Office.
      const format = cells.conditionalFormats.add("ContainsText");
      format.textComparison.format.fill.color = color;
      format.textComparison.rule = { operator: "Contains", text };
    }
  }
}

function formatNumbers(table: Excel.Table, content: ReportSheet, rowCount: number): void {
  if (!content.numberFormats || !content.table || rowCount === 0) return;
  for (const [column, format] of Object.entries(content.numberFormats)) {
    if (!content.table.header.includes(column)) continue;
    // A range's numberFormat takes one entry per cell.
    table.columns.getItem(column).getDataBodyRange().numberFormat = Array.from({ length: rowCount }, () => [format]);
  }
}

/** Charts survive clearing the cells: the sheet's old chart of this name goes before the new one is drawn. */
async function drawChart(context: Excel.RequestContext, sheet: Excel.Worksheet, spec: ChartSpec, header: string[], headerRow: number): Promise<number> {
  const charts = sheet.charts.load("items/name");
  await context.sync();
  for (const old of charts.items) if (old.name === spec.name) old.delete();
  // The series columns with their header cells (the series names), then the rows' labels as categories.
  const source = sheet.getRangeByIndexes(headerRow, header.indexOf(spec.series[0]!), spec.rows + 1, spec.series.length);
  const chart = sheet.charts.add(CHART_TYPES[spec.kind], source, "Columns");
  chart.name = spec.name;
  chart.title.text = spec.title;
  chart.axes.categoryAxis.setCategoryNames(sheet.getRangeByIndexes(headerRow + 1, header.indexOf(spec.categories), spec.rows, 1));
  chart.setPosition(sheet.getRangeByIndexes(spec.at.row, spec.at.column, 1, 1));
  await context.sync();
  return 2;
}

// String enum values: the Excel global's enums exist only inside Office.
const CHART_TYPES: Record<ChartSpec["kind"], "ColumnStacked100" | "BarClustered"> = { columnStacked100: "ColumnStacked100", barClustered: "BarClustered" };
