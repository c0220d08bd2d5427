// The column-spec-driven reader under every table the product reads: a column is a spec (its field,
// the header it is written with, the synonyms people use, whether it is required, how a cell
// converts), and the reader matches a header row to the specs, converts every cell, and puts every
// problem on its cell. Flat tables (educators, and the config and history sheets) are read whole by
// readFlatTable; the school table (long or wide) builds its layout on the same specs and log.
import { describeValue } from "../contract/requests.js";
import {
  type CellProblem,
  cellAddress,
  cellText,
  columnLetters,
  isBlank,
  type LocatedProblem,
  numberIn,
  squash,
  synonymMap,
  type TablePlace,
} from "./cells.js";

/** A converted cell, or why it could not be; callers keep the raw value on failure so the schema rejects it too. */
export type Conversion = { ok: true; value: unknown } | { ok: false; message: string };

export interface CellContext {
  /** The cell is formatted as a percentage: it shows 45.2% but holds 0.452. */
  percentFormat: boolean;
}

export type Converter = (cell: unknown, context: CellContext) => Conversion;

export const converted = (value: unknown): Conversion => ({ ok: true, value });
export const refused = (cell: unknown, what: string): Conversion => ({ ok: false, message: `${describeValue(cell)} is not ${what}` });

export const asText: Converter = (cell) => converted(cellText(cell));

/** A value named by its code or a synonym (see synonymMap). */
export function asChoice<T>(names: ReadonlyMap<string, T>, what: string): Converter {
  return (cell) => {
    const value = typeof cell === "string" ? names.get(squash(cell)) : undefined;
    return value === undefined ? refused(cell, what) : converted(value);
  };
}

/**
 * A number; out-of-range numbers pass through, so that the schema, the one home of range rules,
 * reports them. With `percent`, a percent-formatted number cell is scaled to 0–100.
 */
export function asNumber(what: string, { percent = false } = {}): Converter {
  return (cell, context) => {
    const value = numberIn(cell, percent);
    if (value === undefined) return refused(cell, what);
    return converted(percent && context.percentFormat && typeof cell === "number" ? Number((value * 100).toPrecision(15)) : value);
  };
}

export interface ColumnSpec<F extends string> {
  field: F;
  /** The header the product writes for this column. */
  label: string;
  /** Other headers people use for it; the field's code and label answer too. */
  synonyms?: readonly string[];
  /** A table without this column cannot be read: reported once, at the header. */
  required?: boolean;
  convert: Converter;
}

/**
 * Header text → field. Matching ignores case, spaces and punctuation, and a leading "percent" or a
 * trailing "rate"/"percent" ("Suspension Rate").
 */
export function headerMatcher<F extends string>(specs: readonly ColumnSpec<F>[]): (header: string) => F | undefined {
  const byName = new Map<string, F>();
  for (const spec of specs) for (const name of [spec.field, spec.label, ...(spec.synonyms ?? [])]) byName.set(squash(name), spec.field);
  return (header) => {
    const key = squash(header);
    return byName.get(key) ?? byName.get(key.replace(/^(percent|pct)/, "").replace(/(rate|percent|pct)$/, ""));
  };
}

export interface RecognisedColumn<F extends string = string> {
  /** Column letter in the sheet. */
  column: string;
  header: string;
  field: F;
}

interface Position {
  /** 0-based within the values given (0 is the header row). */
  row: number;
  col: number;
}

/** Problems of one table, each on its cell, listed outside-the-table first and then in reading order. */
export class ProblemLog {
  private readonly entries: { problem: LocatedProblem; at?: Position }[] = [];

  constructor(readonly place: TablePlace) {}

  at(at: Position, path: string, message: string, schoolId?: string): void {
    const problem: CellProblem = { path, message, cell: this.cellName(at) };
    if (schoolId !== undefined) problem.schoolId = schoolId;
    this.entries.push({ problem, at });
  }

  /** A problem found elsewhere (by the schema), placed at a cell when one is known. */
  add(problem: LocatedProblem, at?: Position): void {
    this.entries.push(at ? { problem: { ...problem, cell: this.cellName(at) }, at } : { problem });
  }

  /** A log with the same problems, to add more to without changing this one. */
  copy(): ProblemLog {
    const log = new ProblemLog(this.place);
    // A loop, not push(...entries): a spread passes each entry as an argument, and a sheet with
    // ~120,000 problems would overflow the call stack.
    for (const entry of this.entries) log.entries.push(entry);
    return log;
  }

  get size(): number {
    return this.entries.length;
  }

  paths(): Set<string> {
    return new Set(this.entries.map((e) => e.problem.path));
  }

  /** In table order; the sort is stable, so problems of one cell keep the order they were found in. */
  sorted(): LocatedProblem[] {
    const rank = (e: { at?: Position }) => (e.at ? [e.at.row, e.at.col] : [-1, -1]);
    return [...this.entries]
      .sort((a, b) => {
        const [ra, ca] = rank(a);
        const [rb, cb] = rank(b);
        return ra! - rb! || ca! - cb!;
      })
      .map((e) => e.problem);
  }

  cellName(at: Position): string {
    return cellAddress(this.place.sheet, this.sheetRow(at.row), this.place.firstColumn + at.col);
  }

  sheetRow(row: number): number {
    return this.place.firstRow + row;
  }

  letters(col: number): string {
    return columnLetters(this.place.firstColumn + col);
  }
}

/** What the reader made of a header row; shown before anything is sent. */
export interface ColumnMap<F extends string> {
  columns: Map<F, number>;
  recognised: RecognisedColumn<F>[];
  ignored: string[];
  /** Required columns not found, by label. */
  missing: string[];
}

/** Matches a header row to the specs; a repeated column and a missing required one are problems at the header. */
export function mapColumns<F extends string>(header: readonly unknown[], specs: readonly ColumnSpec<F>[], log: ProblemLog): ColumnMap<F> {
  const fieldOf = headerMatcher(specs);
  const map: ColumnMap<F> = { columns: new Map(), recognised: [], ignored: [], missing: [] };
  for (const [index, cell] of header.entries()) {
    if (isBlank(cell)) continue;
    const text = cellText(cell);
    const field = fieldOf(text);
    const earlier = field === undefined ? undefined : map.columns.get(field);
    if (field === undefined) map.ignored.push(text);
    else if (earlier !== undefined) log.at({ row: 0, col: index }, "", `"${text}" repeats the column in ${log.letters(earlier)}; only that one is read`);
    else {
      map.columns.set(field, index);
      map.recognised.push({ column: log.letters(index), header: text, field });
    }
  }
  for (const spec of specs) {
    if (!spec.required || map.columns.has(spec.field)) continue;
    map.missing.push(spec.label);
    log.at({ row: 0, col: 0 }, "", `the table has no ${spec.label} column`);
  }
  return map;
}

export interface ReadOptions {
  /** Number formats parallel to the values (Excel's `range.numberFormat`): percent formats are scaled to 0–100. */
  numberFormats?: readonly (readonly unknown[])[];
}

export function isPercentFormat(options: ReadOptions, row: number, col: number): boolean {
  const format = options.numberFormats?.[row]?.[col];
  return typeof format === "string" && format.includes("%");
}

export interface FlatRecord<F extends string> {
  /** 0-based row within the values (the header is 0). */
  row: number;
  /** Converted cells; a cell that could not be converted keeps its raw value. Blank cells are absent. */
  values: Partial<Record<F, unknown>>;
}

export interface FlatRead<F extends string> {
  records: FlatRecord<F>[];
  mapping: ColumnMap<F>;
  log: ProblemLog;
  /** The cell of a record's field (its first column's cell when the field has no column). */
  cellOf(record: number, field?: F): string | undefined;
}

/**
 * One record per row that is not blank. `pathOf` names where a record's field lands in the request
 * (`educators[3].measures.growth`), so that reading problems carry the same paths as the schema's.
 */
export function readFlatTable<F extends string>(
  values: readonly (readonly unknown[])[],
  place: TablePlace,
  specs: readonly ColumnSpec<F>[],
  pathOf: (record: number, field: F) => string,
  options: ReadOptions = {},
): FlatRead<F> {
  const log = new ProblemLog(place);
  const mapping = mapColumns(values[0] ?? [], specs, log);
  const records: FlatRecord<F>[] = [];
  for (let row = 1; row < values.length; row++) {
    const cells = values[row] ?? [];
    if (cells.every(isBlank)) continue;
    const record: FlatRecord<F> = { row, values: {} };
    for (const spec of specs) {
      const col = mapping.columns.get(spec.field);
      const cell = col === undefined ? undefined : cells[col];
      if (col === undefined || isBlank(cell)) continue;
      const conversion = spec.convert(cell, { percentFormat: isPercentFormat(options, row, col) });
      record.values[spec.field] = conversion.ok ? conversion.value : cell;
      if (!conversion.ok) log.at({ row, col }, pathOf(records.length, spec.field), conversion.message);
    }
    records.push(record);
  }
  const cellOf = (index: number, field?: F) => {
    const record = records[index];
    if (!record) return undefined;
    return log.cellName({ row: record.row, col: (field !== undefined && mapping.columns.get(field)) || 0 });
  };
  return { records, mapping, log, cellOf };
}

const YES_NO: Record<"yes" | "no", readonly string[]> = { yes: ["Y", "True", "1", "X"], no: ["N", "False", "0"] };

/** TRUE/FALSE cells, and the words and marks people use for them; `extraYes` adds a column's own ("SIG"). */
export function asYesNo(extraYes: readonly string[] = []): Converter {
  const names = synonymMap({ yes: [...YES_NO.yes, ...extraYes], no: YES_NO.no });
  const choice = asChoice(names, "yes or no");
  return (cell, context) => {
    if (typeof cell === "boolean") return converted(cell);
    const answer = choice(typeof cell === "number" ? String(cell) : cell, context);
    return answer.ok ? converted(answer.value === "yes") : refused(cell, "yes or no");
  };
}

/** A year; "2013-14" is the school year that ends in spring 2014, the year the methodology scores. */
export const asYear: Converter = (cell) => {
  const span = typeof cell === "string" ? /^\s*(\d{4})\s*[-–/]\s*(\d{2}|\d{4})\s*$/.exec(cell) : null;
  if (span) return converted(Number(span[1]) + 1);
  const year = numberIn(cell, false);
  return year === undefined ? refused(cell, "a year") : converted(year);
};
