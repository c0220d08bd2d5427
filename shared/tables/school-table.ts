// The workbook contract (api.md): a table of schools, long or wide, with the headers and labels
// people actually use, read into a score request with every problem tied to its cell; and a
// response turned back into tables. Pure data in, data out: the Excel add-in bundles this module
// and the command line uses it, so both read a sheet the same way.

import { describeValue, type ScoreRequest } from "../contract/requests.js";
import type { Partnerships, SchoolResult, ScoreResponse } from "../contract/responses.js";
import {
  INDICATOR_INFO,
  INDICATORS,
  type Indicator,
  SCHOOL_LEVELS,
  type SchoolLevel,
  SUBGROUP_NAMES,
  SUBGROUPS,
  type Subgroup,
  TITLE1_STATUSES,
  type Title1Status,
} from "../core/model.js";
import type { Problem } from "../core/problems.js";

// ---------------------------------------------------------------- fields and headers

type SchoolField = "id" | "name" | "district" | "level" | "title1" | "sig" | "history";
type ValueField = "n" | Indicator;
export type TableField = SchoolField | ValueField | "group" | "year";

const SCHOOL_FIELDS: readonly SchoolField[] = ["id", "name", "district", "level", "title1", "sig", "history"];
const VALUE_FIELDS: readonly ValueField[] = ["n", ...INDICATORS];

/** N and the indicators: the fields a student group has, one column per group in wide format. */
function isValueField(field: string): field is ValueField {
  return (VALUE_FIELDS as readonly string[]).includes(field);
}

/** The header each field gets when this module writes a table. */
export const FIELD_LABELS: Record<TableField, string> = {
  id: "School ID",
  name: "School",
  district: "District",
  level: "Level",
  title1: "Title I",
  group: "Student Group",
  n: "N",
  ela: "ELA",
  math: "Math",
  growth: "Growth",
  grad: "Graduation",
  hsReady: "HS Readiness",
  chronicAbsence: "Chronic Absence",
  suspension: "Suspension",
  sel: "SEL",
  climate: "Climate",
  elRedesignation: "EL Redesignation",
  spedIdentification: "SpEd Identification",
  sig: "SIG",
  history: "History",
  year: "Year",
};

/** Long format column order (api.md); SIG, History and Year are optional extras after them. */
const LONG_FORMAT_FIELDS: readonly TableField[] = ["id", "name", "district", "level", "title1", "group", ...VALUE_FIELDS];

// Besides these, every field answers to its label and its code. Matching ignores case, spaces and
// punctuation, and a leading "percent" or trailing "rate"/"percent" ("Suspension Rate").
const HEADER_SYNONYMS: Record<TableField, readonly string[]> = {
  id: ["CDS Code", "CDS", "School Code", "School Number", "ID"],
  name: ["School Name", "Name"],
  district: ["District Name", "LEA"],
  level: ["School Level", "School Type", "Type", "Grade Span"],
  title1: ["Title 1", "Title I Status", "Title I Participation"],
  group: ["Subgroup", "Group", "Student Subgroup", "Student Group Name", "Student Group Code", "Subgroup Code"],
  n: ["Students", "Enrollment", "Count", "N Size", "Number of Students", "Student Count"],
  ela: ["English Language Arts", "% Met/Exceeded ELA", "ELA % Met/Exceeded", "% Met or Exceeded ELA", "ELA Proficiency", "English"],
  math: ["Mathematics", "% Met/Exceeded Math", "Math % Met/Exceeded", "% Met or Exceeded Math", "Math Proficiency", "Maths"],
  growth: ["Academic Growth", "Growth Percentile", "Median Growth Percentile", "MGP"],
  grad: ["Grad", "Grad Rate", "Graduation Rate", "Four-Year Graduation Rate", "4-Year Graduation Rate", "Cohort Graduation Rate"],
  hsReady: ["High School Readiness", "HS Ready", "High School Ready", "HS Readiness Grade 8"],
  chronicAbsence: ["Chronic Absenteeism", "Chronically Absent", "Chronic Absentee"],
  suspension: ["Suspensions", "Suspension/Expulsion", "Suspension or Expulsion", "Suspensions/Expulsions"],
  sel: ["Social-Emotional", "Social Emotional Learning", "Social-Emotional Skills", "Non-Cognitive", "Non-Cognitive Skills"],
  climate: ["Culture-Climate", "Culture and Climate", "School Climate"],
  elRedesignation: ["EL Reclassification", "Redesignation", "Reclassification", "RFEP"],
  spedIdentification: ["Special Education Identification", "SpEd ID", "Special Ed Identification"],
  sig: ["School Improvement Grant", "SIG School"],
  history: ["Prior Years"],
  year: ["School Year", "Academic Year"],
};

const GROUP_SYNONYMS: Record<Subgroup, readonly string[]> = {
  ALL: ["All", "Total", "All Student Groups", "Schoolwide"],
  AA: ["Black or African American", "African American", "Black"],
  AI: ["American Indian or Alaska Native", "American Indian", "Native American"],
  AS: ["Asian"],
  FI: ["Filipino"],
  HI: ["Hispanic or Latino", "Hispanic", "Latino", "Latinx"],
  PI: ["Pacific Islander", "Native Hawaiian or Pacific Islander", "Native Hawaiian/Pacific Islander"],
  WH: ["White"],
  MR: ["Two or More Races", "Multiracial", "Multiple Races", "Two or More"],
  SED: ["Socioeconomically Disadvantaged", "Economically Disadvantaged", "Low Income"],
  EL: ["English Learner", "English Language Learners", "ELL"],
  SWD: ["Students with Disability", "Special Education", "SpEd", "Disabilities"],
  FY: ["Foster", "Foster Youth"],
  HOM: ["Homeless Youth"],
};

const LEVEL_SYNONYMS: Record<SchoolLevel, readonly string[]> = {
  elementary: ["ES", "Elem", "E", "Elementary School"],
  middle: ["MS", "M", "Middle School", "Junior High", "JHS", "Intermediate"],
  high: ["HS", "H", "High School"],
  // Span schools run across levels; these are the usual grade spans.
  span: ["Span School", "K-8", "K-12", "6-12", "7-12"],
};

const TITLE1_SYNONYMS: Record<Title1Status, readonly string[]> = {
  participating: ["Yes", "Y", "True", "Schoolwide", "Targeted Assistance", "Title I"],
  eligible: ["Eligible, not participating", "Eligible not participating"],
  none: ["No", "N", "False", "Not Title I", "Not eligible"],
};

const YES_NO: Record<"yes" | "no", readonly string[]> = {
  yes: ["Y", "True", "1", "X", "SIG"],
  no: ["N", "False", "0"],
};

/** Case, spaces and punctuation do not count: "% Met/Exceeded ELA" → "metexceededela". */
export function squash(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^a-z0-9]/g, "");
}

/** Each value answers to its own code and its synonyms, squashed. */
function synonymMap<T extends string>(synonyms: Record<T, readonly string[]>, extra: (value: T) => string[] = () => []): Map<string, T> {
  const map = new Map<string, T>();
  for (const value of Object.keys(synonyms) as T[]) {
    for (const name of [value, ...extra(value), ...synonyms[value]]) map.set(squash(name), value);
  }
  return map;
}

const FIELD_BY_NAME = synonymMap(HEADER_SYNONYMS, (field) => [FIELD_LABELS[field]]);
const GROUP_BY_NAME = synonymMap(GROUP_SYNONYMS, (group) => [SUBGROUP_NAMES[group]]);
const LEVEL_BY_NAME = synonymMap(LEVEL_SYNONYMS);
const TITLE1_BY_NAME = synonymMap(TITLE1_SYNONYMS);
const YES_NO_BY_NAME = synonymMap(YES_NO);

export function fieldOfHeader(header: string): TableField | undefined {
  const key = squash(header);
  return FIELD_BY_NAME.get(key) ?? FIELD_BY_NAME.get(key.replace(/^(percent|pct)/, "").replace(/(rate|percent|pct)$/, ""));
}

export function groupOfName(name: string): Subgroup | undefined {
  return GROUP_BY_NAME.get(squash(name));
}

// ---------------------------------------------------------------- cells and addresses

/** Where a table sits: its sheet and the 1-based position of its header's first cell. */
export interface TablePlace {
  sheet: string;
  firstRow: number;
  firstColumn: number;
}

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

// Research files mark suppressed or missing values with these; they mean "no value", like a blank.
const NO_VALUE_MARKS = new Set(["", "*", "-", "–", "—", "n/a", "na"]);

function isBlank(cell: unknown): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && NO_VALUE_MARKS.has(cell.trim().toLowerCase()));
}

function cellText(cell: unknown): string {
  return typeof cell === "string" ? cell.trim() : String(cell);
}

/** A number from a number cell or numeric text: "45.2", "45.2%", "1,234". */
function numberIn(cell: unknown, allowPercentSign: boolean): number | undefined {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell !== "string") return undefined;
  let text = cell.trim();
  if (allowPercentSign) text = text.replace(/\s*%$/, "");
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(text)) text = text.replace(/,/g, "");
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : undefined;
}

// ---------------------------------------------------------------- converting one cell

/** A converted cell, or why it could not be; the caller keeps the raw value on failure. */
type Conversion = { ok: true; value: unknown } | { ok: false; message: string };

const converted = (value: unknown): Conversion => ({ ok: true, value });
const refused = (cell: unknown, what: string): Conversion => ({ ok: false, message: `${describeValue(cell)} is not ${what}` });

function fromSynonyms<T>(cell: unknown, names: Map<string, T>, what: string): Conversion {
  const value = typeof cell === "string" ? names.get(squash(cell)) : undefined;
  return value === undefined ? refused(cell, what) : converted(value);
}

function toText(cell: unknown): Conversion {
  return converted(cellText(cell));
}

function toLevel(cell: unknown): Conversion {
  return fromSynonyms(cell, LEVEL_BY_NAME, `a school level (${SCHOOL_LEVELS.join(", ")})`);
}

function toTitle1(cell: unknown): Conversion {
  if (typeof cell === "boolean") return converted(cell ? "participating" : "none");
  return fromSynonyms(cell, TITLE1_BY_NAME, `a Title I status (${TITLE1_STATUSES.join(", ")})`);
}

function toYesNo(cell: unknown): Conversion {
  if (typeof cell === "boolean") return converted(cell);
  const answer = fromSynonyms(typeof cell === "number" ? String(cell) : cell, YES_NO_BY_NAME, "yes or no");
  return answer.ok ? converted(answer.value === "yes") : refused(cell, "yes or no");
}

function toHistory(cell: unknown): Conversion {
  const what = 'a history list (JSON like [{"year":2013,"index":55.2}])';
  if (typeof cell !== "string") return refused(cell, what);
  try {
    return converted(JSON.parse(cell));
  } catch {
    return refused(cell, what);
  }
}

function toYear(cell: unknown): Conversion {
  // "2013-14" is the school year that ends in spring 2014, the year the methodology scores.
  const span = typeof cell === "string" ? /^\s*(\d{4})\s*[-–/]\s*(\d{2}|\d{4})\s*$/.exec(cell) : null;
  if (span) return converted(Number(span[1]) + 1);
  const year = numberIn(cell, false);
  return year === undefined ? refused(cell, "a year") : converted(year);
}

function toStudentCount(cell: unknown): Conversion {
  const n = numberIn(cell, false);
  return n === undefined ? refused(cell, "a whole number of students") : converted(n);
}

/** A rate; out-of-range numbers pass through, so that the schema, the one home of range rules, reports them. */
function toIndicatorValue(code: Indicator, cell: unknown, percentFormat: boolean): Conversion {
  const value = numberIn(cell, true);
  const { min, max } = INDICATOR_INFO[code];
  if (value === undefined) return refused(cell, `a number between ${min} and ${max}`);
  // A cell formatted as a percentage shows 45.2% but holds 0.452.
  return converted(percentFormat && typeof cell === "number" ? Number((value * 100).toPrecision(15)) : value);
}

const SCHOOL_CONVERSIONS: Record<SchoolField, (cell: unknown) => Conversion> = {
  id: toText,
  name: toText,
  district: toText,
  level: toLevel,
  title1: toTitle1,
  sig: toYesNo,
  history: toHistory,
};

// ---------------------------------------------------------------- header mapping

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

interface TableColumn {
  index: number;
  field: TableField;
  group?: Subgroup;
}

interface Layout {
  format: "long" | "wide";
  columns: Map<string, TableColumn>;
  /** Value columns (n and indicators): all of them in long format, per group in wide format. */
  valueColumns: Map<Subgroup | "any", TableColumn[]>;
  /** Keys of required columns that are missing: `level`, `n`, `n:HI`. */
  missingKeys: Set<string>;
}

const columnKey = (field: TableField, group?: Subgroup) => (group === undefined ? field : `${field}:${group}`);

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

// ---------------------------------------------------------------- reading a table

/**
 * A school as the table gives it: School-shaped, except that a cell the reader could not convert
 * keeps its raw value, so the schema rejects it too and nothing is silently lost.
 */
export interface SchoolDraft {
  id: string;
  subgroups: Record<string, Record<string, unknown>>;
  [field: string]: unknown;
}

export interface TableRequest {
  year?: unknown;
  schools: SchoolDraft[];
}

export type CellProblem = Problem & { cell: string };
/** A problem with its cell when it has one; problems outside the table (config, a year given apart) have none. */
export type LocatedProblem = Problem & { cell?: string };

export interface TableRead {
  request: TableRequest;
  mapping: MappingReport;
  /** What went wrong while reading, in table order. Any of these blocks scoring. */
  problems: CellProblem[];
  /** The cell behind a request path (`schools[3].subgroups.HI.ela` → `Data!H14`), or its nearest ancestor's. */
  locate(path: string): string | undefined;
  /**
   * The reading problems plus `schemaProblems` (from parseScoreRequest) with their cells, in table
   * order, leaving out schema problems the reading already reported in its own words.
   */
  cellProblems(schemaProblems: readonly Problem[]): LocatedProblem[];
}

export interface ReadOptions {
  /** Number formats parallel to the values (Excel's `range.numberFormat`): percent formats are scaled to 0–100. */
  numberFormats?: readonly (readonly unknown[])[];
}

/** The first row is the header; rows after it are schools (wide) or school × student group (long). */
export function readTable(values: readonly (readonly unknown[])[], place: TablePlace, options: ReadOptions = {}): TableRead {
  return new TableReader(values, place, options).read();
}

interface Position {
  row: number;
  col: number;
}

interface SchoolRecord {
  draft: SchoolDraft;
  index: number;
  firstRow: number;
  /** The row each school attribute was taken from. */
  attributeRows: Partial<Record<SchoolField, number>>;
  /** Long format: the row of each group; wide format: the school's row for every group. */
  groupRows: Map<Subgroup, number>;
}

interface PlacedProblem {
  problem: LocatedProblem;
  at?: Position;
}

class TableReader {
  private readonly problems: PlacedProblem[] = [];
  private readonly schools: SchoolRecord[] = [];
  private readonly byId = new Map<string, SchoolRecord>();
  private year: { value: unknown; row: number } | undefined;
  private layout!: Layout;
  private mapping!: MappingReport;
  private idIsCdsCode = false;

  constructor(
    private readonly values: readonly (readonly unknown[])[],
    private readonly place: TablePlace,
    private readonly options: ReadOptions,
  ) {}

  read(): TableRead {
    this.mapHeader(this.values[0] ?? []);
    if (this.layout.columns.has("id")) this.readRows();
    const request: TableRequest = { schools: this.schools.map((s) => s.draft) };
    if (this.year) request.year = this.year.value;
    return {
      request,
      mapping: this.mapping,
      problems: inTableOrder(this.problems).map((p) => p.problem as CellProblem),
      locate: (path) => {
        const at = this.position(path);
        return at && this.cellName(at);
      },
      cellProblems: (schemaProblems) => this.withSchemaProblems(schemaProblems),
    };
  }

  // -------------------------------------------------------------- header

  private mapHeader(headerRow: readonly unknown[]): void {
    const cells = headerRow.flatMap((cell, index) => (isBlank(cell) ? [] : [classifyHeader(index, cellText(cell))]));
    const format = cells.some((c) => c.field === "group") ? "long" : "wide";
    const columns = new Map<string, TableColumn>();
    const recognised: RecognisedColumn[] = [];
    const ignored: string[] = [];
    for (const cell of cells) {
      const column = this.headerColumn(cell, format);
      if (!column) {
        if (cell.field === undefined) ignored.push(cell.header);
        continue;
      }
      const key = columnKey(column.field, column.group);
      const earlier = columns.get(key);
      if (earlier) {
        this.headerProblem(cell.index, `"${cell.header}" repeats the column in ${this.letters(earlier.index)}; only that one is read`);
        continue;
      }
      columns.set(key, column);
      recognised.push({ column: this.letters(cell.index), header: cell.header, field: column.field, ...(column.group && { group: column.group }) });
    }
    const valueColumns = groupValueColumns(columns, format);
    const missing = missingColumns(columns, valueColumns, format);
    this.layout = { format, columns, valueColumns, missingKeys: new Set(missing.map((m) => m.key)) };
    this.mapping = { format, recognised, ignored, missing: missing.map((m) => m.label) };
    for (const { label } of missing) this.headerProblem(0, `the table has no ${label} column`);
  }

  /** The column a header cell makes, or undefined (reporting why when it is a problem). */
  private headerColumn(cell: HeaderCell, format: "long" | "wide"): TableColumn | undefined {
    if (cell.field === undefined) return undefined;
    // Wide format reads the bracketed part as a student group; long format takes it as a note on the header.
    if (cell.annotation !== undefined && format === "wide") {
      this.headerProblem(cell.index, `${describeValue(cell.annotation)} in the header "${cell.header}" is not a student group`);
      return undefined;
    }
    if (cell.group !== undefined && format === "long") {
      this.headerProblem(cell.index, `"${cell.header}" is a wide-format column, but the table has a Student Group column (long format)`);
      return undefined;
    }
    // In wide format a plain value column (`ELA`, `N`) belongs to all students.
    const group = format === "wide" && isValueField(cell.field) ? (cell.group ?? "ALL") : undefined;
    return { index: cell.index, field: cell.field, ...(group && { group }) };
  }

  // -------------------------------------------------------------- rows

  private readRows(): void {
    this.idIsCdsCode = squash(cellText(this.values[0]![this.column("id")!.index])).startsWith("cds");
    for (let row = 1; row < this.values.length; row++) {
      const cells = this.values[row] ?? [];
      if (cells.every(isBlank)) continue;
      const idCell = cells[this.column("id")!.index];
      if (isBlank(idCell)) {
        this.problemAt({ row, col: this.column("id")!.index }, "", "this row has values but no school ID");
        continue;
      }
      this.readYear(row);
      const id = this.schoolId(idCell);
      if (this.layout.format === "long") this.readLongRow(row, this.schoolOf(id, row));
      else this.readWideRow(row, id);
    }
    if (this.layout.format === "long") this.reportMissingAllRows();
  }

  private readLongRow(row: number, school: SchoolRecord): void {
    this.readAttributes(school, row);
    const groupColumn = this.column("group")!;
    const groupCell = this.values[row]![groupColumn.index];
    const at = { row, col: groupColumn.index };
    const path = `schools[${school.index}].subgroups`;
    if (isBlank(groupCell)) return this.problemAt(at, path, "this row has no student group", school);
    const group = typeof groupCell === "string" ? groupOfName(groupCell) : undefined;
    if (!group)
      return this.problemAt(at, path, `${describeValue(groupCell)} is not a student group (a code such as HI or a name such as Hispanic/Latino)`, school);
    const earlier = school.groupRows.get(group);
    if (earlier !== undefined) {
      return this.problemAt(
        at,
        `${path}.${group}`,
        `a second ${SUBGROUP_NAMES[group]} row for school "${school.draft.id}" (the first is row ${this.sheetRow(earlier)})`,
        school,
      );
    }
    school.groupRows.set(group, row);
    school.draft.subgroups[group] = this.readValues(row, this.layout.valueColumns.get("any") ?? [], school, group);
  }

  private readWideRow(row: number, id: string): void {
    const earlier = this.byId.get(id);
    if (earlier) {
      const at = { row, col: this.column("id")!.index };
      return this.problemAt(
        at,
        `schools[${earlier.index}]`,
        `school "${id}" already has a row (row ${this.sheetRow(earlier.firstRow)}); this one is not read`,
        earlier,
      );
    }
    const school = this.schoolOf(id, row);
    this.readAttributes(school, row);
    for (const group of SUBGROUPS) {
      const columns = this.layout.valueColumns.get(group) ?? [];
      // A group with no value in this row is not in the school; ALL always is, so a blank N is reported.
      if (group !== "ALL" && columns.every((c) => isBlank(this.values[row]![c.index]))) continue;
      school.groupRows.set(group, row);
      school.draft.subgroups[group] = this.readValues(row, columns, school, group);
    }
  }

  private schoolOf(id: string, row: number): SchoolRecord {
    let school = this.byId.get(id);
    if (!school) {
      school = { draft: { id, subgroups: {} }, index: this.schools.length, firstRow: row, attributeRows: { id: row }, groupRows: new Map() };
      this.byId.set(id, school);
      this.schools.push(school);
    }
    return school;
  }

  /** Ids are text; CDS codes are 14 digits, so a number under a CDS header has lost its leading zero. */
  private schoolId(cell: unknown): string {
    const text = cellText(cell);
    return this.idIsCdsCode && typeof cell === "number" && Number.isInteger(cell) ? text.padStart(14, "0") : text;
  }

  /** Name, district, level, Title I, SIG and history: the first value given wins; a different later one is a problem. */
  private readAttributes(school: SchoolRecord, row: number): void {
    for (const field of SCHOOL_FIELDS) {
      const column = this.column(field);
      if (field === "id" || !column) continue;
      const cell = this.values[row]![column.index];
      if (isBlank(cell)) continue;
      const at = { row, col: column.index };
      const path = `schools[${school.index}].${field}`;
      const conversion = SCHOOL_CONVERSIONS[field](cell);
      const value = conversion.ok ? conversion.value : cell;
      if (!conversion.ok) this.problemAt(at, path, conversion.message, school);
      const firstRow = school.attributeRows[field];
      if (firstRow === undefined) {
        school.draft[field] = value;
        school.attributeRows[field] = row;
      } else if (JSON.stringify(value) !== JSON.stringify(school.draft[field])) {
        const first = this.values[firstRow]![column.index];
        this.problemAt(
          at,
          path,
          `${FIELD_LABELS[field]} ${describeValue(cell)} differs from ${describeValue(first)} in ${this.letters(column.index)}${this.sheetRow(firstRow)} for the same school`,
          school,
        );
      }
    }
  }

  private readValues(row: number, columns: readonly TableColumn[], school: SchoolRecord, group: Subgroup): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const column of columns) {
      const cell = this.values[row]![column.index];
      if (isBlank(cell)) continue;
      const field = column.field as ValueField;
      const conversion = field === "n" ? toStudentCount(cell) : toIndicatorValue(field, cell, this.hasPercentFormat(row, column.index));
      if (conversion.ok) result[field] = conversion.value;
      else {
        result[field] = cell;
        this.problemAt({ row, col: column.index }, `schools[${school.index}].subgroups.${group}.${field}`, conversion.message, school);
      }
    }
    return result;
  }

  private hasPercentFormat(row: number, col: number): boolean {
    const format = this.options.numberFormats?.[row]?.[col];
    return typeof format === "string" && format.includes("%");
  }

  private readYear(row: number): void {
    const column = this.column("year");
    const cell = column && this.values[row]![column.index];
    if (!column || isBlank(cell)) return;
    const at = { row, col: column.index };
    const conversion = toYear(cell);
    const value = conversion.ok ? conversion.value : cell;
    if (!conversion.ok) this.problemAt(at, "year", conversion.message);
    if (!this.year) this.year = { value, row };
    else if (value !== this.year.value) {
      this.problemAt(
        at,
        "year",
        `Year ${describeValue(cell)} differs from ${describeValue(this.values[this.year.row]![column.index])} in ${this.letters(column.index)}${this.sheetRow(this.year.row)}`,
      );
    }
  }

  private reportMissingAllRows(): void {
    const col = this.column("group")!.index;
    for (const school of this.schools) {
      if (school.groupRows.has("ALL")) continue;
      this.problemAt({ row: school.firstRow, col }, `schools[${school.index}].subgroups.ALL`, `school "${school.draft.id}" has no All Students row`, school);
    }
  }

  // -------------------------------------------------------------- locating

  /** The cell behind a request path, or behind its nearest ancestor that has one. */
  private position(path: string): Position | undefined {
    if (path === "year") return this.year && { row: this.year.row, col: this.column("year")!.index };
    const match = /^schools\[(\d+)\](?:\.([A-Za-z0-9]+))?(.*)$/.exec(path);
    const school = match && this.schools[Number(match[1])];
    if (!school) return undefined;
    const schoolCell = { row: school.firstRow, col: this.column("id")!.index };
    const field = match[2];
    if (field === "subgroups") return this.subgroupPosition(school, match[3]!.slice(1)) ?? schoolCell;
    if (field && (SCHOOL_FIELDS as readonly string[]).includes(field)) {
      const column = this.column(field as SchoolField);
      if (column) return { row: school.attributeRows[field as SchoolField] ?? school.firstRow, col: column.index };
    }
    return schoolCell;
  }

  /** `HI.ela` → the HI row's ELA cell; `HI` → its group cell; `` → the school's first group cell. */
  private subgroupPosition(school: SchoolRecord, rest: string): Position | undefined {
    const [groupPart, field] = rest.split(".") as [string, string | undefined];
    const group = groupPart as Subgroup;
    const row = school.groupRows.get(group) ?? school.firstRow;
    const column =
      this.layout.format === "long"
        ? (field !== undefined && this.column(field as TableField)) || this.column("group")
        : (field !== undefined && this.column(field as TableField, group)) || this.layout.valueColumns.get(group)?.[0];
    return column && { row, col: column.index };
  }

  private withSchemaProblems(schemaProblems: readonly Problem[]): LocatedProblem[] {
    const readPaths = new Set(this.problems.map((p) => p.problem.path));
    const placed = schemaProblems
      .filter((p) => !readPaths.has(p.path) && !this.coveredByMissingColumn(p.path))
      .map((problem): PlacedProblem => {
        const at = this.position(problem.path);
        return at ? { problem: { ...problem, cell: this.cellName(at) }, at } : { problem };
      });
    return inTableOrder([...this.problems, ...placed]).map((p) => p.problem);
  }

  /** A missing Level column is one problem, not one per school. */
  private coveredByMissingColumn(path: string): boolean {
    const missing = this.layout.missingKeys;
    const field = /^schools\[\d+\]\.([A-Za-z0-9]+)/.exec(path)?.[1];
    if (field && missing.has(field)) return true;
    const count = /^schools\[\d+\]\.subgroups\.([A-Za-z]+)\.n$/.exec(path);
    return count !== null && (missing.has("n") || missing.has(`n:${count[1]}`));
  }

  // -------------------------------------------------------------- small helpers

  private column(field: TableField, group?: Subgroup): TableColumn | undefined {
    return this.layout.columns.get(columnKey(field, this.layout.format === "wide" && isValueField(field) ? (group ?? "ALL") : undefined));
  }

  private problemAt(at: Position, path: string, message: string, school?: SchoolRecord): void {
    const problem: CellProblem = { path, message, cell: this.cellName(at) };
    if (school) problem.schoolId = school.draft.id;
    this.problems.push({ problem, at });
  }

  private headerProblem(col: number, message: string): void {
    this.problemAt({ row: 0, col }, "", message);
  }

  private cellName(at: Position): string {
    return cellAddress(this.place.sheet, this.sheetRow(at.row), this.place.firstColumn + at.col);
  }

  private sheetRow(row: number): number {
    return this.place.firstRow + row;
  }

  private letters(col: number): string {
    return columnLetters(this.place.firstColumn + col);
  }
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
  const groups = new Set<Subgroup>(["ALL", ...(valueColumns.keys() as Iterable<Subgroup>)]);
  for (const group of SUBGROUPS) {
    if (groups.has(group) && !columns.has(columnKey("n", group))) missing.push({ key: `n:${group}`, label: group === "ALL" ? "N" : `N (${group})` });
  }
  return missing;
}

/** Problems outside the table first, then by row and column; the sort is stable. */
function inTableOrder(problems: PlacedProblem[]): PlacedProblem[] {
  const rank = (p: PlacedProblem) => (p.at ? [p.at.row, p.at.col] : [-1, -1]);
  return [...problems].sort((a, b) => {
    const [ra, ca] = rank(a);
    const [rb, cb] = rank(b);
    return ra! - rb! || ca! - cb!;
  });
}

/** The line the add-in and the command line show: `Data!H14: message`. */
export function problemLine(problem: LocatedProblem): string {
  return `${problem.cell ?? (problem.path || "request")}: ${problem.message}`;
}

// ---------------------------------------------------------------- writing an input table

export type TableCell = string | number | boolean | null;

export interface Table {
  header: string[];
  rows: TableCell[][];
}

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

// ---------------------------------------------------------------- writing results

interface ColumnSpec<T> {
  header: string;
  value: (item: T) => TableCell;
}

function tableOf<T>(columns: ColumnSpec<T>[], items: readonly T[]): Table {
  return { header: columns.map((c) => c.header), rows: items.map((item) => columns.map((c) => c.value(item))) };
}

/** `belowAverage` → `Below average`, `communityOfPractice` → `Community of practice`. */
function codeLabel(code: string): string {
  const words = code.replace(/([A-Z])/g, " $1").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const joinMessages = (reasons: readonly { message: string }[]) => reasons.map((r) => r.message).join("; ");

/** Who each school is paired with, in either direction: the Reward partner, or the schools it supports. */
function partnersById(partnerships: Partnerships): Map<string, string[]> {
  const partners = new Map<string, string[]>();
  const add = (id: string, other: string) => partners.set(id, [...(partners.get(id) ?? []), other]);
  for (const pair of partnerships.pairs) {
    add(pair.school, pair.partner);
    add(pair.partner, pair.school);
  }
  return partners;
}

function indicatorColumns(): ColumnSpec<SchoolResult>[] {
  return INDICATORS.flatMap((code) => [
    { header: `${FIELD_LABELS[code]} Level`, value: (r: SchoolResult) => r.indicators[code]?.level ?? null },
    { header: `${FIELD_LABELS[code]} Points`, value: (r: SchoolResult) => (r.indicators[code]?.level != null ? r.indicators[code]!.points : null) },
  ]);
}

/** One row per school, in response order. */
export function resultsTable(response: ScoreResponse): Table {
  const partners = partnersById(response.partnerships);
  const columns: ColumnSpec<SchoolResult>[] = [
    { header: "School ID", value: (r) => r.id },
    { header: "School", value: (r) => r.name },
    { header: "District", value: (r) => r.district },
    { header: "Level", value: (r) => codeLabel(r.level) },
    { header: "Title I", value: (r) => codeLabel(r.title1) },
    { header: "Status", value: (r) => codeLabel(r.status) },
    { header: "Index Score", value: (r) => r.index?.score ?? null },
    { header: "Index Level", value: (r) => r.index?.level ?? null },
    { header: "Band", value: (r) => (r.index ? codeLabel(r.index.band) : null) },
    { header: "Academic", value: (r) => r.domains.academic?.meanLevel ?? null },
    { header: "SE/CC", value: (r) => r.domains.secc?.meanLevel ?? null },
    ...indicatorColumns(),
    { header: "Gap", value: (r) => r.gap?.value ?? null },
    { header: "Gap High", value: (r) => r.gap?.highest.join(", ") ?? null },
    { header: "Gap Low", value: (r) => r.gap?.lowest.join(", ") ?? null },
    { header: "Designation", value: (r) => codeLabel(r.designation.type) },
    { header: "Designation Reasons", value: (r) => joinMessages(r.designation.reasons) },
    { header: "Stage", value: (r) => (r.designation.stage ? codeLabel(r.designation.stage) : null) },
    { header: "Years in Status", value: (r) => r.designation.yearsInStatus },
    { header: "Partner", value: (r) => partners.get(r.id)?.join(", ") ?? null },
    // Why a school is unscored, or how it was scored without a domain (allowMissingDomain).
    { header: "Index Reasons", value: (r) => joinMessages(r.reasons) || null },
  ];
  return tableOf(columns, response.results);
}

interface SubgroupRow {
  school: SchoolResult;
  group: Subgroup;
}

/** One row per school × student group reported, schools in response order, groups in §1 order. */
export function subgroupsTable(response: ScoreResponse): Table {
  const report = ({ school, group }: SubgroupRow) => school.subgroups[group]!;
  const columns: ColumnSpec<SubgroupRow>[] = [
    { header: "School ID", value: (s) => s.school.id },
    { header: "School", value: (s) => s.school.name },
    { header: "Group", value: (s) => s.group },
    { header: "Group Name", value: (s) => SUBGROUP_NAMES[s.group] },
    { header: "N", value: (s) => report(s).n },
    { header: "Accountable", value: (s) => report(s).accountable },
    { header: "Flags", value: (s) => report(s).flags.join(", ") || null },
    { header: "Academic Level", value: (s) => report(s).academicLevel },
    ...INDICATORS.map((code) => ({ header: `${FIELD_LABELS[code]} Level`, value: (s: SubgroupRow) => report(s).levels[code] ?? null })),
  ];
  const rows = response.results.flatMap((school) => SUBGROUPS.filter((group) => school.subgroups[group]).map((group) => ({ school, group })));
  return tableOf(columns, rows);
}
