// Roll forward (api.md "Inputs › SQII History"): after a year is scored, its results (year, index
// score, designation, ALL graduation rate) go into SQII History, so next year's escalation stage and
// years in status need nothing typed by hand. This decides every cell written; the two renderers
// (the add-in, the command line) only place them. Only the history table's own cells are written:
// a school's row for the scored year is replaced in place (a year scored again, e.g. after a fix,
// rolls forward again), new rows go below the table's last row, and every other cell of the sheet
// (other columns, notes) is left as it is.
import type { ScoreResponse } from "../contract/responses.js";
import type { LocatedProblem, TableCell } from "../tables/cells.js";
import { designationLabel, HISTORY_HEADER, type HistoryField, readHistorySheet } from "../tables/history-table.js";
import type { SheetValues } from "../tables/input-sheets.js";

/** Cells to write from a 1-based sheet position; `""` clears a cell, `null` leaves it as it is. */
export interface CellBlock {
  row: number;
  column: number;
  values: TableCell[][];
}

export interface HistoryWrite {
  sheet: string;
  year: number;
  /** The history table's header cell of School ID (1-based): the renderer finds the Excel table there, if there is one. */
  header: { row: number; column: number };
  /** Replaced rows: Index, Designation and Graduation of each run of consecutive rows. */
  replace: CellBlock[];
  /** New rows, from the row below the table's last; the columns between the history columns are null. */
  append: CellBlock;
  /** The sheet column (1-based) of each history field. School ID's new cells are formatted as text first, so an id keeps its leading zeros. */
  columns: Record<HistoryField, number>;
  replaced: number;
  added: number;
}

/** What the roll forward needs of the scored request: each school's ALL graduation rate as given. */
export interface ScoredSchools {
  schools: readonly { id: unknown; subgroups?: unknown }[];
}

export type RollForwardPlan = { ok: true; value: HistoryWrite } | { ok: false; problems: LocatedProblem[] };

const WRITTEN: readonly HistoryField[] = ["id", "year", "index", "designation", "grad"];

/**
 * The writes that add `response`'s year to the history sheet. Refused, with problems, when the
 * year is unknown, the sheet does not read cleanly, or it lacks one of the five columns.
 */
export function planRollForward(response: ScoreResponse, request: ScoredSchools, sheet: SheetValues): RollForwardPlan {
  const { year } = response;
  const noYear = unknownYear(response);
  if (noYear || year === null) return refuse(noYear!);
  const history = readHistorySheet(sheet);
  if (history.log.size > 0) return { ok: false, problems: history.log.sorted() };
  const missing = WRITTEN.filter((f) => !history.columns.has(f));
  if (missing.length > 0) {
    const names = missing.map((f) => HISTORY_HEADER[WRITTEN.indexOf(f)]).join(", ");
    return refuse({
      path: "history",
      cell: history.cellOf(0, "id"),
      message: `the history table has no ${names} column${missing.length === 1 ? "" : "s"}; roll forward writes ${HISTORY_HEADER.join(" | ")}`,
    });
  }
  const column = (field: HistoryField) => history.place.firstColumn + history.columns.get(field)!;
  const sheetRow = (row: number) => history.place.firstRow + row;

  const existing = existingRows(history.rows, year);
  const grads = gradRates(request);
  const replaced: { row: number; cells: Record<HistoryField, TableCell> }[] = [];
  const added: Record<HistoryField, TableCell>[] = [];
  for (const result of response.results) {
    const cells: Record<HistoryField, TableCell> = {
      id: result.id,
      year,
      // "" clears a cell (a replaced row's old value must not stay); null, between the history columns, leaves one as it is.
      index: result.index?.score ?? "",
      designation: designationLabel(result.designation.type),
      grad: grads.get(result.id) ?? "",
    };
    const row = existing(result.id);
    if (row === undefined) added.push(cells);
    else replaced.push({ row: sheetRow(row), cells });
  }

  const left = Math.min(...WRITTEN.map(column));
  const right = Math.max(...WRITTEN.map(column));
  const rowOf = (cells: Record<HistoryField, TableCell>, fields: readonly HistoryField[], from: number) =>
    Array.from({ length: right - from + 1 }, (_, i) => fields.find((f) => column(f) === from + i)).map((f) => (f === undefined ? null : cells[f]));
  return {
    ok: true,
    value: {
      sheet: sheet.sheet,
      year,
      header: { row: history.place.firstRow, column: column("id") },
      replace: runs(replaced).map((run) => {
        const from = Math.min(...(["index", "designation", "grad"] as const).map(column));
        return { row: run[0]!.row, column: from, values: run.map((r) => rowOf(r.cells, ["index", "designation", "grad"], from)) };
      }),
      append: { row: sheetRow(history.lastRow + 1), column: left, values: added.map((cells) => rowOf(cells, WRITTEN, left)) },
      columns: Object.fromEntries(WRITTEN.map((f) => [f, column(f)])) as Record<HistoryField, number>,
      replaced: replaced.length,
      added: added.length,
    },
  };
}

/** A response without a year cannot be rolled forward: the problem to show, or null. */
export function unknownYear(response: Pick<ScoreResponse, "year">): LocatedProblem | null {
  if (response.year !== null) return null;
  return {
    path: "year",
    message: "the scored year is unknown, so it cannot be rolled forward: give the data a Year column (or set the year) and score again",
  };
}

function refuse(problem: LocatedProblem): RollForwardPlan {
  return { ok: false, problems: [problem] };
}

/** The row of a school's entry for `year`, matched as scoring matches rows to schools (a number cell may have lost leading zeros). */
function existingRows(rows: ReturnType<typeof readHistorySheet>["rows"], year: number): (id: string) => number | undefined {
  const byId = new Map<string, number>();
  const byDigits = new Map<string, number>();
  for (const r of rows) {
    if (r.entry.year !== year) continue;
    byId.set(r.id, r.row);
    if (r.numericId) byDigits.set(r.id, r.row);
  }
  return (id) => byId.get(id) ?? (/^\d+$/.test(id) ? byDigits.get(id.replace(/^0+/, "")) : undefined);
}

/** Each school's ALL graduation rate, as the request gave it (any level: the sheet keeps what there was). */
function gradRates(request: ScoredSchools): Map<string, number> {
  const rates = new Map<string, number>();
  for (const school of request.schools) {
    const grad = (school.subgroups as { ALL?: { grad?: unknown } } | undefined)?.ALL?.grad;
    if (typeof school.id === "string" && typeof grad === "number") rates.set(school.id, grad);
  }
  return rates;
}

/** Rows grouped into runs of consecutive sheet rows, so a year rolled again is a few blocks, not a write per cell. */
function runs<T extends { row: number }>(rows: readonly T[]): T[][] {
  const sorted = [...rows].sort((a, b) => a.row - b.row);
  const out: T[][] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && last.at(-1)!.row === r.row - 1) last.push(r);
    else out.push([r]);
  }
  return out;
}
