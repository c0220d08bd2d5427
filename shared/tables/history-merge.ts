// SQII History joined to the school data (api.md "Inputs › SQII History"): each usable row becomes
// a history entry of the school with its School ID, after any entries of that school's History
// cell (the older JSON-in-a-cell form, still read). Rows that cannot count are not errors of the
// data, so they do not stop scoring: they come back as notes, each on its cell (a school that is
// not in the data; a year that is not before the scored year, as after re-scoring a year already
// rolled forward). A year given both in the sheet and in the school's History cell is a problem.
import type { Problem } from "../core/problems.js";
import type { CellProblem } from "./cells.js";
import { type HistoryField, type HistorySheet, readHistorySheet } from "./history-table.js";
import type { SheetValues } from "./input-sheets.js";
import type { SchoolDraft, TableRead } from "./school-table.js";

/**
 * The data table as read, with the sheet's history in its request. `problems` and `cellProblems`
 * give the data table's problems, then the history sheet's (reading, repeats, years given twice),
 * schema problems each at its cell: an entry from the sheet at its sheet cell, anything else as
 * the data table places it. Any of these blocks scoring.
 */
export interface WithHistory extends TableRead {
  /** Rows that are read but not used, each at its cell: the data table's, then the sheet's. Scoring goes ahead; the doors show them apart from problems. */
  notes: CellProblem[];
}

const ENTRY_FIELDS: Record<string, HistoryField> = { year: "year", index: "index", designation: "designation", gradRate: "grad" };

/**
 * The data's request with the sheet's history merged in. `year` is the year being scored (the
 * request's own, or one given apart, as the command line's --year): rows of that year or later are
 * notes, not entries. Without a sheet the request is the data's as it is.
 */
export function withHistorySheet(read: TableRead, sheet: SheetValues | null, year?: unknown): WithHistory {
  if (!sheet) return read;
  const history = readHistorySheet(sheet);
  const log = history.log.copy();
  const notes: { row: number; note: CellProblem }[] = [];
  const schools: SchoolDraft[] = read.request.schools.map((s) => ({ ...s }));
  const find = schoolFinder(schools);
  /** `school:entry` → the sheet row the entry came from. */
  const origin = new Map<string, number>();
  const unknown = new Map<string, { row: number; count: number }>();
  const later = new Map<number, { row: number; count: number }>();

  for (const { row, id, numericId, entry } of history.rows) {
    const index = find(id, numericId);
    if (index === undefined) {
      countAt(unknown, id, row);
      continue;
    }
    if (typeof year === "number" && entry.year >= year) {
      countAt(later, entry.year, row);
      continue;
    }
    const school = schools[index]!;
    const given = school.history;
    if (given !== undefined && !Array.isArray(given)) continue; // a History cell that is not a list: a problem of the data already
    const fromCell = (read.request.schools[index]!.history as { year?: unknown }[] | undefined) ?? [];
    if (fromCell.some((h) => h?.year === entry.year)) {
      log.at(
        { row, col: history.columns.get("year")! },
        `schools[${index}].history`,
        `${entry.year} is in school "${school.id}"'s History cell (${read.locate(`schools[${index}].history`)}) too; give each year in one place`,
        school.id,
      );
      continue;
    }
    const entries = [...((given as unknown[] | undefined) ?? []), entry];
    school.history = entries;
    origin.set(`${index}:${entries.length - 1}`, row);
  }

  for (const [id, { row, count }] of unknown) {
    notes.push({ row, note: note(history, row, "id", `school "${id}" is not in the data; its ${rowsAre(count)} not used`, id) });
  }
  for (const [y, { row, count }] of later) {
    notes.push({
      row,
      note: note(
        history,
        row,
        "year",
        `${count === 1 ? "the row" : `the ${count} rows`} of ${y} ${count === 1 ? "is" : "are"} not before the scored year ${year}, so not used`,
      ),
    });
  }

  const locate = (path: string) => {
    const at = sheetPosition(path);
    return at ? log.cellName(at) : read.locate(path);
  };
  const sheetPosition = (path: string) => {
    const match = /^schools\[(\d+)\]\.history\[(\d+)\](?:\.(\w+))?/.exec(path);
    const row = match ? origin.get(`${match[1]}:${match[2]}`) : undefined;
    return row === undefined ? undefined : { row, col: history.columns.get(ENTRY_FIELDS[match![3] ?? ""] ?? "id") ?? 0 };
  };
  return {
    ...read,
    request: { ...read.request, schools },
    problems: [...read.problems, ...(log.sorted() as CellProblem[])],
    locate,
    notes: [...read.notes, ...notes.sort((a, b) => a.row - b.row).map((n) => n.note)],
    cellProblems(schemaProblems) {
      const fromSheet = log.copy();
      const elsewhere: Problem[] = [];
      for (const problem of schemaProblems) {
        const at = sheetPosition(problem.path);
        if (at) fromSheet.add(problem, at);
        else elsewhere.push(problem);
      }
      return [...read.cellProblems(elsewhere), ...fromSheet.sorted()];
    },
  };
}

/**
 * The school a row's School ID names. A number cell may have lost an id's leading zeros (Excel
 * turns a typed 0161259 into 161259): it names the one school whose id is those digits after zeros.
 */
function schoolFinder(schools: readonly SchoolDraft[]): (id: string, numericId: boolean) => number | undefined {
  const byId = new Map<string, number>();
  const byDigits = new Map<string, number | null>();
  schools.forEach((s, i) => {
    if (!byId.has(s.id)) byId.set(s.id, i);
    if (!/^\d+$/.test(s.id)) return;
    const digits = s.id.replace(/^0+/, "");
    byDigits.set(digits, byDigits.has(digits) ? null : i); // two such schools: ambiguous, no match
  });
  return (id, numericId) => byId.get(id) ?? (numericId ? (byDigits.get(id) ?? undefined) : undefined);
}

function countAt<K>(counts: Map<K, { row: number; count: number }>, key: K, row: number): void {
  const seen = counts.get(key);
  if (seen) seen.count++;
  else counts.set(key, { row, count: 1 });
}

/** "row is" or "3 rows are". */
const rowsAre = (count: number) => (count === 1 ? "row is" : `${count} rows are`);

function note(history: HistorySheet, row: number, field: HistoryField, message: string, schoolId?: string): CellProblem {
  const problem: CellProblem = { path: "history", message, cell: history.cellOf(row, field) };
  if (schoolId !== undefined) problem.schoolId = schoolId;
  return problem;
}
