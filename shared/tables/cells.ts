// The vocabulary of every table the product reads or writes: where a table sits, how a cell is
// named (`'My Data'!H14`), what counts as blank, how numbers and names are read from cells, and the
// one line a problem is shown as. Host-neutral: the add-in (Office.js values) and the command line
// (exceljs, CSV) hand the same plain arrays to the readers built on this.
import type { Problem } from "../core/problems.js";

/** Where a table sits: its sheet and the 1-based position of its header's first cell. */
export interface TablePlace {
  sheet: string;
  firstRow: number;
  firstColumn: number;
}

export type TableCell = string | number | boolean | null;

export interface Table {
  header: string[];
  rows: TableCell[][];
}

/** A problem with its cell when it has one; problems outside the table (config, a year given apart) have none. */
export type LocatedProblem = Problem & { cell?: string };
export type CellProblem = Problem & { cell: string };

/** Column number (1-based) to letters: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** `Data!H14`, or `'My Data'!H14` when Excel needs the sheet name quoted. */
export function cellAddress(sheet: string, row: number, column: number): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet) && !/^[RC]\d*([RC]\d*)?$/i.test(sheet);
  const name = plain ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${name}!${columnLetters(column)}${row}`;
}

/** Case, spaces and punctuation do not count: "% Met/Exceeded ELA" → "metexceededela". */
export function squash(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^a-z0-9]/g, "");
}

/** Each value answers to its own code and its synonyms, squashed. */
export function synonymMap<T extends string>(synonyms: Record<T, readonly string[]>, extra: (value: T) => string[] = () => []): Map<string, T> {
  const map = new Map<string, T>();
  for (const value of Object.keys(synonyms) as T[]) {
    for (const name of [value, ...extra(value), ...synonyms[value]]) map.set(squash(name), value);
  }
  return map;
}

// Research files mark suppressed or missing values with these; they mean "no value", like a blank.
const NO_VALUE_MARKS = new Set(["", "*", "-", "–", "—", "n/a", "na"]);

export function isBlank(cell: unknown): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && NO_VALUE_MARKS.has(cell.trim().toLowerCase()));
}

/** Nothing typed at all: for a cell whose text is a name (a school ID "NA" is a school's ID, not a missing value). */
export function isEmpty(cell: unknown): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

export function cellText(cell: unknown): string {
  return typeof cell === "string" ? cell.trim() : String(cell);
}

/** A number from a number cell or numeric text: "45.2", "45.2%", "1,234". */
export function numberIn(cell: unknown, allowPercentSign: boolean): number | undefined {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell !== "string") return undefined;
  let text = cell.trim();
  if (allowPercentSign) text = text.replace(/\s*%$/, "");
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(text)) text = text.replace(/,/g, "");
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : undefined;
}

/** The line the add-in and the command line show: `Data!H14: message`. */
export function problemLine(problem: LocatedProblem): string {
  return `${problem.cell ?? (problem.path || "request")}: ${problem.message}`;
}
