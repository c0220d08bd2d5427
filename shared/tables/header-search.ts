// Finding a table on an input sheet (SQII History, SQII Evaluation Config, an educator sheet): the
// doors hand over a sheet's used range, whose first row may be a title or a few lines of notes
// (the templates put instructions above their tables), so a table starts at the first row whose
// cells name the columns it cannot do without. Rows above that row are not read.
import { cellText, isBlank } from "./cells.js";
import { type ColumnSpec, headerMatcher } from "./columns.js";
import type { SheetValues } from "./input-sheets.js";

/** The fields a row's cells name, by the specs' labels and synonyms. */
export function fieldsOfRow<F extends string>(row: readonly unknown[] | undefined, specs: readonly ColumnSpec<F>[]): Set<F> {
  return namedFields(row, headerMatcher(specs));
}

function namedFields<F extends string>(row: readonly unknown[] | undefined, fieldOf: (header: string) => F | undefined): Set<F> {
  const fields = new Set<F>();
  for (const cell of row ?? []) {
    const field = isBlank(cell) ? undefined : fieldOf(cellText(cell));
    if (field !== undefined) fields.add(field);
  }
  return fields;
}

/** The index of the first row (from `from`) that names every one of `needed`, or undefined. */
export function findHeaderRow<F extends string>(
  values: readonly (readonly unknown[])[],
  specs: readonly ColumnSpec<F>[],
  needed: readonly F[],
  from = 0,
): number | undefined {
  const fieldOf = headerMatcher(specs);
  for (let row = from; row < values.length; row++) {
    const fields = namedFields(values[row], fieldOf);
    if (needed.every((f) => fields.has(f))) return row;
  }
  return undefined;
}

/** Rows `from` up to (not including) `to` of a sheet, as a sheet of their own: its place moves with them. */
export function sheetPart(sheet: SheetValues, from: number, to = sheet.values.length): SheetValues {
  const part: SheetValues = { sheet: sheet.sheet, firstRow: sheet.firstRow + from, firstColumn: sheet.firstColumn, values: sheet.values.slice(from, to) };
  if (sheet.numberFormats) part.numberFormats = sheet.numberFormats.slice(from, to);
  return part;
}
