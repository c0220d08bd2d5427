// The other direction of the school table: a request written as rows in the long format, the way
// the template and the example workbook present schools, so that reading them back gives the
// same request.
import type { School, ScoreRequest, SubgroupResult } from "../contract/requests.js";
import { INDICATORS, SUBGROUPS } from "../core/model.js";
import type { TableCell } from "./cells.js";
import { FIELD_LABELS, LONG_FORMAT_FIELDS, type TableField } from "./school-columns.js";

export interface LongRowsOptions {
  /** A Year column even when the request has no year (the empty template has one to fill in). */
  yearColumn?: boolean;
}

/**
 * The request in long format, ALL first and groups in §1 order. SIG (on every row), History
 * (JSON on the ALL row) and Year columns are added when the request has them, so that reading the
 * rows back gives the same request. Schools with a prior year (methodology §13) add the rows of
 * the year before, after the rows of the year scored, each with its Year; such a request needs
 * its year (or its priors' years) to be written this way, and reads back the same when each
 * prior's year is the year before the request's.
 */
export function requestToLongRows(request: Pick<ScoreRequest, "schools" | "year">, options: LongRowsOptions = {}): TableCell[][] {
  const withPrior = request.schools.filter((s) => s.prior !== undefined);
  const priorYear = withPrior.map((s) => s.prior!.year).find((y) => y !== undefined);
  const year = request.year ?? (priorYear === undefined ? undefined : priorYear + 1);
  if (withPrior.length > 0 && year === undefined) throw new Error("a prior year needs a year: give the request's year or the priors' years");
  const extras: TableField[] = [];
  if (request.schools.some((s) => s.sig !== undefined)) extras.push("sig");
  if (request.schools.some((s) => s.history !== undefined)) extras.push("history");
  if (year !== undefined || options.yearColumn) extras.push("year");
  const fields = [...LONG_FORMAT_FIELDS, ...extras];
  const rows: TableCell[][] = [fields.map((f) => FIELD_LABELS[f])];
  for (const school of request.schools) rows.push(...groupRows(fields, school, school.subgroups, year ?? null, true));
  for (const school of withPrior) rows.push(...groupRows(fields, school, school.prior!.subgroups, school.prior!.year ?? year! - 1, false));
  return rows;
}

/** One row per group of one year; the school's attributes on each (the reader takes them from the year scored). */
function groupRows(fields: readonly TableField[], school: School, subgroups: School["subgroups"], year: number | null, scored: boolean): TableCell[][] {
  const rows: TableCell[][] = [];
  for (const group of SUBGROUPS) {
    const result: SubgroupResult | undefined = subgroups[group];
    if (!result) continue;
    const cells: Record<TableField, TableCell | undefined> = {
      id: school.id,
      name: school.name,
      district: school.district,
      level: school.level,
      title1: school.title1,
      group,
      n: result.n,
      ...Object.fromEntries(INDICATORS.map((code) => [code, result[code]])),
      sig: school.sig,
      history: scored && group === "ALL" && school.history ? JSON.stringify(school.history) : null,
      year,
    } as Record<TableField, TableCell | undefined>;
    rows.push(fields.map((f) => cells[f] ?? null));
  }
  return rows;
}
