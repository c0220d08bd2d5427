// Where each part of a request read from a school table came from: the records the reader keeps
// per school and year, and the cell behind a request path (`schools[3].prior.subgroups.HI.ela` →
// the ELA cell of that school's HI row of the prior year), so that a problem the schema finds is
// shown at the cell that holds the value.
import type { Subgroup } from "../core/model.js";
import { isValueField, SCHOOL_FIELDS, type SchoolField, type TableField } from "./school-columns.js";
import { columnKey, type Layout, type TableColumn } from "./school-layout.js";
import type { RowYear } from "./school-years.js";

/**
 * A school as the table gives it: School-shaped, except that a cell the reader could not convert
 * keeps its raw value, so the schema rejects it too and nothing is silently lost.
 */
export interface SchoolDraft {
  id: string;
  subgroups: Record<string, Record<string, unknown>>;
  [field: string]: unknown;
}

/** 0-based within the table's values (0 is the header row). */
export interface Position {
  row: number;
  col: number;
}

/** A school's rows of one year: its groups and where each came from. */
export interface YearPart {
  which: RowYear;
  subgroups: Record<string, Record<string, unknown>>;
  /** The request path of its groups: `schools[3].subgroups`, `schools[3].prior.subgroups`. */
  path: string;
  firstRow: number;
  /** Long format: the row of each group; wide format: the school's row for every group. */
  groupRows: Map<Subgroup, number>;
}

export interface SchoolRecord {
  draft: SchoolDraft;
  index: number;
  /** The school's first row of the year scored. */
  firstRow: number;
  /** The row each school attribute was taken from (always a row of the year scored). */
  attributeRows: Partial<Record<SchoolField, number>>;
  current: YearPart;
  prior?: YearPart;
}

export interface ReadRecords {
  layout: Layout;
  schools: readonly SchoolRecord[];
  /** The first row of the year scored with a Year cell: where the request's `year` came from. */
  firstScoredRow?: number | undefined;
}

/** The column of a field; in wide format, of a value field for a group (ALL when none is named). */
export function columnOf(layout: Layout, field: TableField, group?: Subgroup): TableColumn | undefined {
  return layout.columns.get(columnKey(field, layout.format === "wide" && isValueField(field) ? (group ?? "ALL") : undefined));
}

/** The cell behind a request path, or behind its nearest ancestor that has one. */
export function positionOf(read: ReadRecords, path: string): Position | undefined {
  const { layout, schools, firstScoredRow } = read;
  if (path === "year") return firstScoredRow === undefined ? undefined : { row: firstScoredRow, col: columnOf(layout, "year")!.index };
  const match = /^schools\[(\d+)\](?:\.([A-Za-z0-9]+))?(.*)$/.exec(path);
  const school = match && schools[Number(match[1])];
  if (!school) return undefined;
  const schoolCell = { row: school.firstRow, col: columnOf(layout, "id")!.index };
  const field = match[2];
  if (field === "subgroups") return subgroupPosition(layout, school.current, match[3]!.slice(1)) ?? schoolCell;
  if (field === "prior") return priorPosition(layout, school.prior, match[3]!) ?? schoolCell;
  if (field && (SCHOOL_FIELDS as readonly string[]).includes(field)) {
    const column = columnOf(layout, field as SchoolField);
    if (column) return { row: school.attributeRows[field as SchoolField] ?? school.firstRow, col: column.index };
  }
  return schoolCell;
}

/** `.year` → the prior year's first Year cell; `.subgroups.HI.ela` as subgroupPosition; else its first School ID cell. */
function priorPosition(layout: Layout, part: YearPart | undefined, rest: string): Position | undefined {
  if (!part) return undefined;
  const year = columnOf(layout, "year");
  if (rest === ".year" && year) return { row: part.firstRow, col: year.index };
  if (rest.startsWith(".subgroups")) return subgroupPosition(layout, part, rest.slice(".subgroups.".length));
  return { row: part.firstRow, col: columnOf(layout, "id")!.index };
}

/** `HI.ela` → the HI row's ELA cell; `HI` → its group cell; `` → the first group cell of the year's rows. */
function subgroupPosition(layout: Layout, part: YearPart, rest: string): Position | undefined {
  const [groupPart, field] = rest.split(".") as [string, string | undefined];
  const group = groupPart as Subgroup;
  const row = part.groupRows.get(group) ?? part.firstRow;
  const column =
    layout.format === "long"
      ? (field !== undefined && columnOf(layout, field as TableField)) || columnOf(layout, "group")
      : (field !== undefined && columnOf(layout, field as TableField, group)) || layout.valueColumns.get(group)?.[0];
  return column && { row, col: column.index };
}

/** A missing Level column is one problem, not one per school (nor per year). */
export function coveredByMissingColumn(layout: Layout, path: string): boolean {
  const missing = layout.missingKeys;
  const field = /^schools\[\d+\]\.([A-Za-z0-9]+)/.exec(path)?.[1];
  if (field && missing.has(field)) return true;
  const count = /^schools\[\d+\]\.(?:prior\.)?subgroups\.([A-Za-z]+)\.n$/.exec(path);
  return count !== null && (missing.has("n") || missing.has(`n:${count[1]}`));
}
