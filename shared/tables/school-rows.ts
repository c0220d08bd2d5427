// The other direction of the school table: a request written as rows in the long format, the way
// the template and the example workbook present schools, so that reading them back gives the
// same request.
import type { ScoreRequest } from "../contract/requests.js";
import { INDICATORS, SUBGROUPS } from "../core/model.js";
import type { TableCell } from "./cells.js";
import { FIELD_LABELS, LONG_FORMAT_FIELDS, type TableField } from "./school-columns.js";

/**
 * The request in long format, ALL first and groups in §1 order. SIG (on every row), History
 * (JSON on the ALL row) and Year columns are added when the request has them, so that reading the
 * rows back gives the same request.
 */
export function requestToLongRows(request: Pick<ScoreRequest, "schools" | "year">): TableCell[][] {
  const extras: TableField[] = [];
  if (request.schools.some((s) => s.sig !== undefined)) extras.push("sig");
  if (request.schools.some((s) => s.history !== undefined)) extras.push("history");
  if (request.year !== undefined) extras.push("year");
  const fields = [...LONG_FORMAT_FIELDS, ...extras];
  const rows: TableCell[][] = [fields.map((f) => FIELD_LABELS[f])];
  for (const school of request.schools) {
    for (const group of SUBGROUPS) {
      const result = school.subgroups[group];
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
        history: group === "ALL" && school.history ? JSON.stringify(school.history) : null,
        year: request.year,
      } as Record<TableField, TableCell | undefined>;
      rows.push(fields.map((f) => cells[f] ?? null));
    }
  }
  return rows;
}
