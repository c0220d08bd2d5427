// Draws the report model (shared/reports) with Office.js: each sheet the add-in owns (SQII
// Results, SQII Indicators, SQII Districts, SQII Scenarios, …) gets its header block, then an
// Excel table per block, their colours, number formats and chart, all placed as the model's
// layout says; nothing here decides content. A re-run replaces the sheet's contents, so results
// never pile up, and nothing outside the add-in's own sheets is ever touched. Large tables go out
// in chunks that stay within Excel on the web's request limits, values and number formats
// counted together, with calculation suspended while they land.
import { type ChartSpec, type ReportSheet, type SheetLayout, sheetLayout, type TableBlock } from "../shared/reports/report.js";
import type { TableCell } from "../shared/tables/cells.js";
import { type ChunkLimits, chunkRows, EXCEL_LIMITS, type RowCost, valuesCost } from "./chunks.js";

export interface SheetReport {
  /** context.sync calls this sheet's write made. */
  syncs: number;
  /** 0-based row of the table's header on the sheet. */
  headerRow: number;
  chunks: number;
}

interface Found {
  sheets: Set<string>;
  tables: Set<string>;
  /** Per sheet, the tables on it. */
  onSheet: Map<string, string[]>;
}

/** Which of our sheets and tables exist already: one round trip for every sheet written. */
async function existing(context: Excel.RequestContext): Promise<Found> {
  const sheets = context.workbook.worksheets.load("items/name");
  const tables = context.workbook.tables.load("items/name,items/worksheet/name");
  await context.sync();
  const onSheet = new Map<string, string[]>();
  for (const t of tables.items) onSheet.set(t.worksheet.name, [...(onSheet.get(t.worksheet.name) ?? []), t.name]);
  return { sheets: new Set(sheets.items.map((s) => s.name)), tables: new Set(tables.items.map((t) => t.name)), onSheet };
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

/** Rows of one width written from a sheet row down: the header block, a table's header, or its data with their number formats. */
interface Run {
  row: number;
  lines: readonly (readonly TableCell[])[];
  /** Per column, the data cells' number format; none for header lines. */
  formats: readonly (string | undefined)[] | null;
}

/** The sheet's contents as runs, placed by the report model's layout. */
function runsOf(content: ReportSheet, tables: SheetLayout["tables"]): Run[] {
  const runs: Run[] = content.info.length > 0 ? [{ row: 0, lines: content.info, formats: null }] : [];
  for (const { block, headerRow } of tables) {
    const { header, rows } = block.table;
    const formats = block.numberFormats ? header.map((h) => block.numberFormats![h]) : null;
    runs.push({ row: headerRow, lines: [header], formats: null }, { row: headerRow + 1, lines: rows, formats });
  }
  return runs;
}

/** A format entry is one cell of the request, like a value: a chunk's budget counts both. */
function runCost(run: Run): (cells: readonly TableCell[]) => RowCost {
  const formats = (run.formats ?? []).filter((f): f is string => f !== undefined);
  const extra = { bytes: formats.reduce((n, f) => n + JSON.stringify([f]).length + 1, 0), cells: formats.length };
  return (cells) => {
    const values = valuesCost(cells);
    return { bytes: values.bytes + extra.bytes, cells: values.cells + extra.cells };
  };
}

interface Line {
  run: number;
  index: number;
}

async function writeSheet(context: Excel.RequestContext, content: ReportSheet, found: Found, limits: ChunkLimits, onProgress?: Progress): Promise<SheetReport> {
  const { workbook } = context;
  const { tables } = sheetLayout(content);
  // Every table on our sheet goes, not only those written again: a re-run may leave a block out (the
  // colour counts without prior years, a report's grid), and Range.clear() leaves a table in place.
  const doomed = new Set([...(found.sheets.has(content.sheet) ? (found.onSheet.get(content.sheet) ?? []) : []), ...tables.map((t) => t.block.tableName)]);
  for (const name of doomed) if (found.tables.has(name)) workbook.tables.getItem(name).delete();
  let sheet: Excel.Worksheet;
  if (found.sheets.has(content.sheet)) {
    sheet = workbook.worksheets.getItem(content.sheet);
    sheet.getRange().clear(); // contents and formats of our own sheet only
  } else {
    sheet = workbook.worksheets.add(content.sheet);
  }

  // Every line of the sheet in order, chunked together: a small block rides in a large one's request.
  const runs = runsOf(content, tables);
  const costs = runs.map(runCost);
  const lines: Line[] = runs.flatMap((run, r) => run.lines.map((_, index) => ({ run: r, index })));
  const chunks = chunkRows(lines, limits, ({ run, index }) => costs[run]!(runs[run]!.lines[index]!));
  let syncs = 0;
  for (const { start, end } of chunks) {
    context.application.suspendApiCalculationUntilNextSync();
    let i = start;
    while (i < end) {
      const r = lines[i]!.run;
      let j = i;
      while (j < end && lines[j]!.run === r) j++;
      writeLines(sheet, runs[r]!, lines[i]!.index, j - i);
      i = j;
    }
    await context.sync();
    syncs++;
    onProgress?.(content.sheet, syncs, chunks.length);
  }
  if (tables.length === 0) {
    if (syncs === 0) {
      await context.sync();
      syncs++;
    }
    return { syncs, headerRow: -1, chunks: chunks.length };
  }

  // One table over each block written: never table.rows.add row by row.
  for (const { block, headerRow } of tables) {
    const table = sheet.tables.add(sheet.getRangeByIndexes(headerRow, 0, block.table.rows.length + 1, block.table.header.length), true);
    table.name = block.tableName;
    highlight(sheet, block, headerRow);
    // Fixed fills over the table's style: a grid whose colour is each cell's place.
    for (const { row, column, color } of block.fills ?? []) {
      sheet.getRangeByIndexes(headerRow + 1 + row, block.table.header.indexOf(column), 1, 1).format.fill.color = color;
    }
  }
  const headerRow = tables[0]!.headerRow;
  if (content.frozenColumns) sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, headerRow + 1, content.frozenColumns));
  else sheet.freezePanes.freezeRows(headerRow + 1);
  await context.sync();
  syncs++;
  if (content.chart) syncs += await drawChart(context, sheet, content.chart, content.table!.header, headerRow);
  return { syncs, headerRow, chunks: chunks.length };
}

/** `count` lines of a run from its line `first`: their values, then each formatted column's number formats. */
function writeLines(sheet: Excel.Worksheet, run: Run, first: number, count: number): void {
  const width = run.lines[0]!.length;
  const row = run.row + first;
  sheet.getRangeByIndexes(row, 0, count, width).values = run.lines.slice(first, first + count) as TableCell[][];
  run.formats?.forEach((format, column) => {
    // A range's numberFormat takes one entry per cell.
    if (format !== undefined) sheet.getRangeByIndexes(row, column, count, 1).numberFormat = Array.from({ length: count }, () => [format]);
  });
}

/** Conditional formats rather than painted cells: they follow the values if the user sorts. */
function highlight(sheet: Excel.Worksheet, block: TableBlock, headerRow: number): void {
  const rowCount = block.table.rows.length;
  if (!block.highlights || rowCount === 0) return;
  for (const { column, fills, match } of block.highlights) {
    const index = block.table.header.indexOf(column);
    if (index < 0) continue;
    const cells = sheet.getRangeByIndexes(headerRow + 1, index, rowCount, 1);
    for (const { text, color } of fills) {
      // String enum values: the Excel global's enums exist only inside Office.
      if (match === "contains") {
        const format = cells.conditionalFormats.add("ContainsText");
        format.textComparison.format.fill.color = color;
        format.textComparison.rule = { operator: "Contains", text };
      } else {
        // Equal, not "contains": Excel's text test ignores case, so "Average" would colour "Below average".
        const format = cells.conditionalFormats.add("CellValue");
        format.cellValue.format.fill.color = color;
        format.cellValue.rule = { formula1: `="${text.replaceAll('"', '""')}"`, operator: "EqualTo" };
      }
    }
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
