// The educator table of the workbook contract (api.md "Inputs › Educators"): one row per educator,
// read with the shared column-spec reader into a POST /v1/educators/score request, every problem
// on its cell; and the other direction, educators written as the template's rows.
import type { Educator } from "../contract/educators.js";
import { MEASURES, type Measure } from "../contract/educators.js";
import type { Problem } from "../core/problems.js";
import type { LocatedProblem, TableCell, TablePlace } from "./cells.js";
import { asNumber, asText, type ColumnSpec, type Converter, converted, readFlatTable } from "./columns.js";

type EducatorField = "id" | "role" | "school" | "district" | Measure;

const rating = asNumber("a rating from 1 to 4");
// Roles are codes in the request; "Teacher" typed in a cell is the same role.
const asRole: Converter = (cell, context) => {
  const text = asText(cell, context);
  return text.ok ? converted(String(text.value).toLowerCase()) : text;
};

/** Template order; the first five are needed to rate anyone. */
export const EDUCATOR_COLUMNS: readonly ColumnSpec<EducatorField>[] = [
  { field: "id", label: "Educator ID", synonyms: ["Employee ID", "Staff ID", "ID"], required: true, convert: asText },
  { field: "role", label: "Role", synonyms: ["Position"], required: true, convert: asRole },
  { field: "school", label: "School", synonyms: ["School Name", "Site"], required: true, convert: asText },
  { field: "district", label: "District", synonyms: ["District Name", "LEA"], required: true, convert: asText },
  { field: "practice", label: "Practice", synonyms: ["Practice Rating", "Professional Practice"], required: true, convert: rating },
  { field: "growth", label: "Growth", synonyms: ["Student Growth"], convert: rating },
  { field: "growth2", label: "Growth 2", synonyms: ["Second Growth Measure"], convert: rating },
  { field: "surveys", label: "Surveys", synonyms: ["Survey"], convert: rating },
  { field: "goals", label: "Goals", synonyms: ["Student Learning Goals"], convert: rating },
];

export const EDUCATOR_HEADER = EDUCATOR_COLUMNS.map((c) => c.label);

const isMeasure = (field: EducatorField): field is Measure => (MEASURES as readonly string[]).includes(field);
const pathOf = (record: number, field: EducatorField) => `educators[${record}]${isMeasure(field) ? ".measures" : ""}.${field}`;

/** Template rows for these educators: a measure's rating, blank when absent. */
export function educatorRows(educators: readonly Educator[] = []): { header: string[]; rows: TableCell[][] } {
  const rows = educators.map((e) => EDUCATOR_COLUMNS.map(({ field }): TableCell => (isMeasure(field) ? (e.measures[field] ?? null) : e[field])));
  // An empty template still needs one (blank) row for the table and its validation to exist.
  return { header: [...EDUCATOR_HEADER], rows: rows.length > 0 ? rows : [EDUCATOR_HEADER.map(() => null)] };
}

export interface EducatorTable {
  request: { educators: unknown[] };
  /** Problems of reading, each at its cell (a missing column is reported at the header). */
  problems: LocatedProblem[];
  /** The cell of a request path such as `educators[3].measures.growth`. */
  locate(path: string): string | undefined;
}

/** Reads the educator table (header row first); blank rows are skipped, blank cells are absent. */
export function readEducatorTable(values: readonly (readonly unknown[])[], place: TablePlace): EducatorTable {
  const read = readFlatTable(values, place, EDUCATOR_COLUMNS, pathOf);
  const educators = read.records.map(({ values: v }) => ({
    id: v.id,
    role: v.role,
    school: v.school,
    district: v.district,
    measures: Object.fromEntries(MEASURES.flatMap((m) => (v[m] === undefined ? [] : [[m, v[m]]]))),
  }));
  const locate = (path: string) => {
    const match = /^educators\[(\d+)\](?:\.measures)?\.?(\w+)?/.exec(path);
    return match ? read.cellOf(Number(match[1]), (match[2] ?? "id") as EducatorField) : undefined;
  };
  return { request: { educators }, problems: read.log.sorted(), locate };
}

/** Reading problems, then the engine's problems at their cells. */
export function withCells(table: EducatorTable, problems: readonly Problem[]): LocatedProblem[] {
  return [...table.problems, ...problems.map((p) => ({ ...p, cell: table.locate(p.path) ?? "" }))];
}
