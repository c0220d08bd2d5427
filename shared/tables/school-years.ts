// The Year column of a school table (methodology §13 "Input", api.md "Inputs › Data"): which rows
// are the year scored and which the year before it, the prior year. The scored year is the one the
// workbook sets (SQII Config's `year`, the command line's --year) when the column holds it, else
// the latest year in the column; rows of the year before become the schools' prior year. Every
// other row is a problem at its Year cell, and so is a blank Year when other rows have one.
import { ScoreRequestSchema } from "../contract/requests.js";
import { isBlank } from "./cells.js";
import type { ProblemLog } from "./columns.js";
import { convertCell } from "./school-columns.js";

/** A year the workbook sets apart from the data. */
export interface GivenYear {
  value: number;
  /** Where it was set, as a message says it: `set in 'SQII Config'!B2`, `--year`. */
  from: string;
}

/** The years a table holds: the year scored, and the year before when rows of it are there. */
export interface TableYears {
  scored: number;
  prior?: number;
}

export type RowYear = "scored" | "prior";

export interface YearSort {
  /** The years read, or undefined when no row has a Year. */
  years?: TableYears;
  /** What each row is; a row not here (a problem of its Year cell) is not read. Without years every row is scored. */
  of(row: number): RowYear | undefined;
  /** The first row of the scored year that has its Year cell (where the request's `year` came from). */
  firstScoredRow?: number;
}

const validYear = (value: unknown) => ScoreRequestSchema.shape.year.safeParse(value);

/**
 * Sorts `rows` (the table's rows with a school, 0-based within the values) by the Year cell in
 * column `col`, logging the problems of Year cells.
 */
export function sortByYear(
  values: readonly (readonly unknown[])[],
  rows: readonly number[],
  col: number | undefined,
  log: ProblemLog,
  given?: GivenYear,
): YearSort {
  if (col === undefined || rows.every((row) => isBlank(values[row]![col]))) return { of: () => "scored" };
  const yearOf = new Map<number, number>();
  const blank: number[] = [];
  for (const row of rows) {
    const cell = values[row]![col];
    if (isBlank(cell)) {
      blank.push(row);
      continue;
    }
    const conversion = convertCell("year", cell);
    const checked = conversion.ok ? validYear(conversion.value) : undefined;
    if (!conversion.ok) log.at({ row, col }, "year", conversion.message);
    else if (!checked!.success) log.at({ row, col }, "year", checked!.error.issues[0]!.message);
    else yearOf.set(row, conversion.value as number);
  }
  const found = new Set(yearOf.values());
  if (found.size === 0) {
    for (const row of blank) log.at({ row, col }, "year", "this row has no Year, but other rows have one: give every row its year");
    return { of: () => undefined };
  }
  const scored = given && found.has(given.value) ? given.value : Math.max(...found);
  const years: TableYears = found.has(scored - 1) ? { scored, prior: scored - 1 } : { scored };
  const which = new Map<number, RowYear>();
  let firstScoredRow: number | undefined;
  const why = given && given.value === scored ? given.from : "the latest in the Year column";
  for (const [row, year] of yearOf) {
    if (year === scored) {
      which.set(row, "scored");
      firstScoredRow ??= row;
    } else if (year === scored - 1) which.set(row, "prior");
    else {
      log.at(
        { row, col },
        "year",
        `${year} is neither the year scored, ${scored} (${why}), nor the year before it, ${scored - 1} (the prior year): a row of any other year cannot be read`,
      );
    }
  }
  const example = log.cellName({ row: firstScoredRow!, col });
  for (const row of blank) log.at({ row, col }, "year", `this row has no Year, but other rows have one (${scored} in ${example}): give every row its year`);
  return { years, of: (row) => which.get(row), firstScoredRow };
}

/** " of 2014" when the table holds two years, so that a message says which year's rows it means. */
export function ofYear(years: TableYears | undefined, which: RowYear): string {
  if (years?.prior === undefined) return "";
  return ` of ${which === "prior" ? years.prior : years.scored}`;
}
