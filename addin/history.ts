// SQII History in the open workbook: the template inserted beside the data template, and Roll
// forward, which writes a scored year into the history table as shared/reports/roll-forward.ts
// plans it. Only the planned cells are written: nothing outside the history table, no other sheet.
// New rows extend the Excel table when the history is one, and their School ID cells are text first.
import type { ScoreResponse } from "../shared/contract/responses.js";
import { historyTemplate } from "../shared/reports/history-sheets.js";
import { type HistoryWrite, planRollForward, type ScoredSchools, unknownYear } from "../shared/reports/roll-forward.js";
import type { LocatedProblem, TableCell } from "../shared/tables/cells.js";
import { HISTORY_HEADER } from "../shared/tables/history-table.js";
import { findInputSheet, type SheetValues } from "../shared/tables/input-sheets.js";
import { type ChunkLimits, chunkRows, EXCEL_LIMITS } from "./chunks.js";
import type { RunExcel } from "./score-flow.js";
import { parseAddress } from "./source-reader.js";
import { insertTableSheet } from "./template.js";

/**
 * Inserts SQII History (header, validation, `rows` when given) unless the workbook has a history
 * sheet already, which is never replaced. The sheet's name, or null when one was there.
 */
export async function insertHistoryTemplate(context: Excel.RequestContext, rows?: readonly TableCell[][]): Promise<string | null> {
  if ((await historySheetName(context)) !== undefined) return null;
  return insertTableSheet(context, historyTemplate(rows));
}

export type Rolled = { ok: true; write: HistoryWrite; created: boolean } | { ok: false; problems: LocatedProblem[] };

/** The Roll forward button: `response`'s year into SQII History, which is created when absent. */
export async function rollForward(run: RunExcel, response: ScoreResponse, request: ScoredSchools, limits: ChunkLimits = EXCEL_LIMITS): Promise<Rolled> {
  const noYear = unknownYear(response);
  if (noYear) return { ok: false, problems: [noYear] };
  return run(async (context) => {
    let created = false;
    let sheet = await readHistorySheetValues(context);
    if (!sheet) {
      created = await makeHistorySheet(context);
      sheet = await readHistorySheetValues(context);
    }
    const plan = planRollForward(response, request, sheet!);
    if (!plan.ok) return plan;
    await applyHistoryWrite(context, plan.value, limits);
    return { ok: true, write: plan.value, created };
  });
}

async function historySheetName(context: Excel.RequestContext): Promise<string | undefined> {
  const sheets = context.workbook.worksheets.load("items/name");
  await context.sync();
  return findInputSheet(
    sheets.items.map((s) => s.name),
    "history",
  );
}

/** The history sheet's used range, or null when there is none. */
async function readHistorySheetValues(context: Excel.RequestContext): Promise<SheetValues | null> {
  const name = await historySheetName(context);
  if (name === undefined) return null;
  const range = context.workbook.worksheets.getItem(name).getUsedRangeOrNullObject(true);
  range.load("address, values, numberFormat");
  await context.sync();
  if (range.isNullObject) return null;
  return { ...parseAddress(range.address), values: range.values, numberFormats: range.numberFormat };
}

/** A new SQII History sheet; an empty one of that name gets the header in A1 instead (nothing is there to replace). True when a sheet was added. */
async function makeHistorySheet(context: Excel.RequestContext): Promise<boolean> {
  const empty = await historySheetName(context);
  if (empty === undefined) {
    await insertTableSheet(context, historyTemplate());
    return true;
  }
  context.workbook.worksheets.getItem(empty).getRangeByIndexes(0, 0, 1, HISTORY_HEADER.length).values = [[...HISTORY_HEADER]];
  await context.sync();
  return false;
}

/** Places a planned write: replaced rows in place, then new rows below the table, extending its Excel table. */
export async function applyHistoryWrite(context: Excel.RequestContext, write: HistoryWrite, limits: ChunkLimits = EXCEL_LIMITS): Promise<void> {
  const sheet = context.workbook.worksheets.getItem(write.sheet);
  for (const block of write.replace) await writeBlock(context, sheet, block.row, block.column, block.values, limits);
  const { append } = write;
  if (append.values.length === 0) return;
  await extendTable(context, sheet, write, limits);
  await writeBlock(context, sheet, append.row, append.column, append.values, limits, write.columns.id);
}

/** Rows in chunks within Excel's request limits; `textColumn`'s cells are formatted as text before their values land. */
async function writeBlock(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  row: number,
  column: number,
  values: TableCell[][],
  limits: ChunkLimits,
  textColumn?: number,
): Promise<void> {
  const width = values[0]?.length ?? 0;
  for (const { start, end } of chunkRows(values, limits)) {
    if (textColumn !== undefined)
      sheet.getRangeByIndexes(row - 1 + start, textColumn - 1, end - start, 1).numberFormat = values.slice(start, end).map(() => ["@"]);
    sheet.getRangeByIndexes(row - 1 + start, column - 1, end - start, width).values = values.slice(start, end);
    await context.sync();
  }
}

/**
 * When the history table is an Excel table, blank rows are added to it so that the new rows land
 * inside it (ExcelApi 1.9 has no table resize); a table that does not reach the new rows' place,
 * or does not hold all five columns, is left as it is and the rows are written beside it.
 */
async function extendTable(context: Excel.RequestContext, sheet: Excel.Worksheet, write: HistoryWrite, limits: ChunkLimits): Promise<void> {
  const tables = sheet.getRangeByIndexes(write.header.row - 1, write.header.column - 1, 1, 1).getTables(false);
  const count = tables.getCount();
  await context.sync();
  if (count.value === 0) return;
  const table = tables.getFirst();
  const range = table.getRange();
  range.load("address, rowCount, columnCount");
  await context.sync();
  const place = parseAddress(range.address);
  const lastRow = place.firstRow + range.rowCount - 1;
  const { append } = write;
  const width = append.values[0]!.length;
  const holds = append.column >= place.firstColumn && append.column + width <= place.firstColumn + range.columnCount && append.row <= lastRow + 1;
  const extra = append.row + append.values.length - 1 - lastRow;
  if (!holds || extra <= 0) return;
  const blank = Array.from({ length: extra }, () => new Array<string>(range.columnCount).fill(""));
  for (const { start, end } of chunkRows(blank, limits)) {
    table.rows.add(undefined, blank.slice(start, end));
    await context.sync();
  }
}
