// Reads the school data the user points at: the selection as it is, or, when a single cell inside
// an Excel table is selected, that whole table. Values come back in one batch with their place on
// the sheet, so every problem can name its cell.
import type { TablePlace } from "../shared/tables/cells.js";
import { findInputSheet, type InputSheet } from "../shared/tables/input-sheets.js";

export interface Source {
  /** The range read, as Excel writes it: `Data!A1:R2001`. */
  address: string;
  place: TablePlace;
  values: unknown[][];
  numberFormats: string[][];
  /** The table read, when the source is a table. */
  table: string | null;
}

/** `Data!B3:D5`, `'My Data'!B3` → sheet `My Data`, row 3, column 2 (1-based). */
export function parseAddress(address: string): TablePlace {
  const match = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]+)\$?(\d+)/.exec(address);
  if (!match) throw new Error(`not a range address: ${address}`);
  const sheet = match[1] !== undefined ? match[1].replaceAll("''", "'") : match[2]!;
  let column = 0;
  for (const letter of match[3]!) column = column * 26 + (letter.charCodeAt(0) - 64);
  return { sheet, firstRow: Number(match[4]), firstColumn: column };
}

export async function readSource(context: Excel.RequestContext): Promise<Source> {
  const selected = context.workbook.getSelectedRange();
  selected.load("address, rowCount, columnCount");
  // A TableScopedCollection has getFirst but no getFirstOrNullObject: count first.
  const tables = selected.getTables(false);
  const tableCount = tables.getCount();
  await context.sync();

  const oneCell = selected.rowCount === 1 && selected.columnCount === 1;
  const table = oneCell && tableCount.value > 0 ? tables.getFirst() : null;
  const range = table ? table.getRange() : selected;
  range.load("address, values, numberFormat");
  table?.load("name");
  await context.sync();
  return {
    address: range.address,
    place: parseAddress(range.address),
    values: range.values,
    numberFormats: range.numberFormat as string[][],
    table: table ? table.name : null,
  };
}

/**
 * An optional input sheet of the open workbook (SQII Config, SQII History, SQII Evaluation Config;
 * the "SQII " prefix may be left out): its used range, or null when there is no such sheet or it is empty.
 */
export async function readInputSheet(context: Excel.RequestContext, which: InputSheet): Promise<Source | null> {
  const sheets = context.workbook.worksheets.load("items/name");
  await context.sync();
  const name = findInputSheet(
    sheets.items.map((s) => s.name),
    which,
  );
  return name === undefined ? null : ((await readNamedSheet(context, name)) ?? null);
}

/** The used range of the sheet of this name (exactly); null when it is empty, undefined when there is no such sheet. */
export async function readNamedSheet(context: Excel.RequestContext, name: string): Promise<Source | null | undefined> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(name);
  await context.sync();
  if (sheet.isNullObject) return undefined;
  const range = sheet.getUsedRangeOrNullObject(true);
  range.load("address, values, numberFormat");
  await context.sync();
  if (range.isNullObject) return null;
  return { address: range.address, place: parseAddress(range.address), values: range.values, numberFormats: range.numberFormat as string[][], table: null };
}
