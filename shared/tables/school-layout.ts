// How a school table's header row is understood (api.md "Inputs › Data"): long format when there
// is a Student Group column, else wide (`ELA (HI)` columns, one row per school); which columns are
// recognised, ignored or missing; and the header problems, each at its cell.
import { describeValue } from "../contract/requests.js";
import { INDICATOR_INFO, type Indicator, SUBGROUPS, type Subgroup } from "../core/model.js";
import { cellText, isBlank } from "./cells.js";
import type { ProblemLog } from "./columns.js";
import { FIELD_LABELS, fieldOfHeader, groupOfName, isValueField, type TableField } from "./school-columns.js";

export interface RecognisedColumn {
  /** Column letter in the sheet. */
  column: string;
  header: string;
  field: TableField;
  /** Wide format: the student group of a value column. */
  group?: Subgroup;
}

/** What the reader made of the header row; the add-in shows it before sending. */
export interface MappingReport {
  format: "long" | "wide";
  recognised: RecognisedColumn[];
  ignored: string[];
  /** Required columns not found, by the header they would have: `Level`, `N (HI)`. */
  missing: string[];
}

export interface TableColumn {
  index: number;
  field: TableField;
  group?: Subgroup;
}

export interface Layout {
  format: "long" | "wide";
  columns: Map<string, TableColumn>;
  /** Value columns (n and indicators): all of them in long format, per group in wide format. */
  valueColumns: Map<Subgroup | "any", TableColumn[]>;
  /** Keys of required columns that are missing: `level`, `n`, `n:HI`. */
  missingKeys: Set<string>;
}

export const columnKey = (field: TableField, group?: Subgroup) => (group === undefined ? field : `${field}:${group}`);

interface HeaderCell {
  index: number;
  header: string;
  field?: TableField;
  group?: Subgroup;
  /** The part in brackets (or after a dash) of a value header when it is not a student group: `1-99` in `Growth (1-99)`. */
  annotation?: string;
}

/** `ELA (HI)`, `ELA [Hispanic/Latino]`, `ELA - HI`, `ELA: HI`, `ELA_HI` → ["ELA", "HI"]. */
function splitGroupHeader(header: string): [string, string] | undefined {
  const match = /^(.+?)\s*[([]\s*([^()[\]]+?)\s*[)\]]$/.exec(header) ?? /^(.+?)(?:\s+[-–—]\s+|\s*[:_]\s*)(.+)$/.exec(header);
  return match ? [match[1]!, match[2]!] : undefined;
}

function classifyHeader(index: number, header: string): HeaderCell {
  const field = fieldOfHeader(header);
  if (field !== undefined) return { index, header, field };
  const parts = splitGroupHeader(header);
  const valueField = parts && fieldOfHeader(parts[0]);
  if (!parts || !valueField || !isValueField(valueField)) return { index, header };
  const group = groupOfName(parts[1]);
  return group ? { index, header, field: valueField, group } : { index, header, field: valueField, annotation: parts[1] };
}

export function layoutOf(headerRow: readonly unknown[], log: ProblemLog): { layout: Layout; mapping: MappingReport } {
  const cells = headerRow.flatMap((cell, index) => (isBlank(cell) ? [] : [classifyHeader(index, cellText(cell))]));
  const format = cells.some((c) => c.field === "group") ? "long" : "wide";
  const columns = new Map<string, TableColumn>();
  const recognised: RecognisedColumn[] = [];
  const ignored: string[] = [];
  for (const cell of cells) {
    const column = headerColumn(cell, format, log);
    if (!column) {
      if (cell.field === undefined) ignored.push(cell.header);
      continue;
    }
    const key = columnKey(column.field, column.group);
    const earlier = columns.get(key);
    if (earlier) {
      log.at({ row: 0, col: cell.index }, "", `"${cell.header}" repeats the column in ${log.letters(earlier.index)}; only that one is read`);
      continue;
    }
    columns.set(key, column);
    recognised.push({ column: log.letters(cell.index), header: cell.header, field: column.field, ...(column.group && { group: column.group }) });
  }
  const valueColumns = groupValueColumns(columns, format);
  const missing = missingColumns(columns, valueColumns, format);
  for (const { label } of missing) log.at({ row: 0, col: 0 }, "", `the table has no ${label} column`);
  return {
    layout: { format, columns, valueColumns, missingKeys: new Set(missing.map((m) => m.key)) },
    mapping: { format, recognised, ignored, missing: missing.map((m) => m.label) },
  };
}

/** The column a header cell makes, or undefined (reporting why when it is a problem). */
function headerColumn(cell: HeaderCell, format: "long" | "wide", log: ProblemLog): TableColumn | undefined {
  if (cell.field === undefined) return undefined;
  // Wide format reads the bracketed part as a student group; long format takes it as a note on the header.
  if (cell.annotation !== undefined && format === "wide") {
    log.at({ row: 0, col: cell.index }, "", `${describeValue(cell.annotation)} in the header "${cell.header}" is not a student group`);
    return undefined;
  }
  if (cell.group !== undefined && format === "long") {
    log.at({ row: 0, col: cell.index }, "", `"${cell.header}" is a wide-format column, but the table has a Student Group column (long format)`);
    return undefined;
  }
  // In wide format a plain value column (`ELA`, `N`) belongs to all students.
  const group = format === "wide" && isValueField(cell.field) ? (cell.group ?? "ALL") : undefined;
  return { index: cell.index, field: cell.field, ...(group && { group }) };
}

function groupValueColumns(columns: Map<string, TableColumn>, format: "long" | "wide"): Layout["valueColumns"] {
  const byGroup: Layout["valueColumns"] = new Map();
  for (const column of columns.values()) {
    if (!isValueField(column.field)) continue;
    const key = format === "long" ? "any" : column.group!;
    byGroup.set(key, [...(byGroup.get(key) ?? []), column]);
  }
  return byGroup;
}

/** School ID, Level and Title I always; N in long format; in wide format an N for every group that has values. */
function missingColumns(columns: Map<string, TableColumn>, valueColumns: Layout["valueColumns"], format: "long" | "wide") {
  const missing: { key: string; label: string }[] = [];
  for (const field of ["id", "level", "title1"] as const) {
    if (!columns.has(field)) missing.push({ key: field, label: FIELD_LABELS[field] });
  }
  if (format === "long") {
    if (!columns.has("n")) missing.push({ key: "n", label: FIELD_LABELS.n });
    return missing;
  }
  // A group whose only columns are school-only indicators has no results to count (those values are problems of their own).
  const counted = [...valueColumns].filter(([, cs]) => cs.some((c) => c.field === "n" || !INDICATOR_INFO[c.field as Indicator].schoolOnly));
  const groups = new Set<Subgroup>(["ALL", ...counted.map(([group]) => group as Subgroup)]);
  for (const group of SUBGROUPS) {
    if (groups.has(group) && !columns.has(columnKey("n", group))) missing.push({ key: `n:${group}`, label: group === "ALL" ? "N" : `N (${group})` });
  }
  return missing;
}
