// The columns of a school table (api.md "Workbook contract › Inputs › Data"): each field's header,
// the synonyms research files and district exports use for it, and how its cells convert. The
// reader in school-table.ts and the writer in school-rows.ts both take their columns from here.
import {
  INDICATOR_INFO,
  INDICATORS,
  type Indicator,
  SCHOOL_LEVELS,
  type SchoolLevel,
  SUBGROUP_NAMES,
  type Subgroup,
  TITLE1_STATUSES,
  type Title1Status,
} from "../core/model.js";
import { squash, synonymMap } from "./cells.js";
import { asChoice, asNumber, asText, asYear, asYesNo, type ColumnSpec, type Converter, converted, headerMatcher, refused } from "./columns.js";

export type SchoolField = "id" | "name" | "district" | "level" | "title1" | "sig" | "history";
export type ValueField = "n" | Indicator;
export type TableField = SchoolField | ValueField | "group" | "year";

export const SCHOOL_FIELDS: readonly SchoolField[] = ["id", "name", "district", "level", "title1", "sig", "history"];
export const VALUE_FIELDS: readonly ValueField[] = ["n", ...INDICATORS];

/** N and the indicators: the fields a student group has, one column per group in wide format. */
export function isValueField(field: string): field is ValueField {
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
export const LONG_FORMAT_FIELDS: readonly TableField[] = ["id", "name", "district", "level", "title1", "group", ...VALUE_FIELDS];

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

/** Case, spaces and punctuation do not count: "% Met/Exceeded ELA" → "metexceededela". */

const GROUP_BY_NAME = synonymMap(GROUP_SYNONYMS, (group) => [SUBGROUP_NAMES[group]]);
const LEVEL_BY_NAME = synonymMap(LEVEL_SYNONYMS);
const TITLE1_BY_NAME = synonymMap(TITLE1_SYNONYMS);

export function groupOfName(name: string): Subgroup | undefined {
  return GROUP_BY_NAME.get(squash(name));
}

const asLevel = asChoice(LEVEL_BY_NAME, `a school level (${SCHOOL_LEVELS.join(", ")})`);
const title1Choice = asChoice(TITLE1_BY_NAME, `a Title I status (${TITLE1_STATUSES.join(", ")})`);
const asTitle1: Converter = (cell, context) => (typeof cell === "boolean" ? converted(cell ? "participating" : "none") : title1Choice(cell, context));

/** History as JSON in a cell (the SQII History sheet is the readable way; this stays for old files). */
const asHistory: Converter = (cell) => {
  const what = 'a history list (JSON like [{"year":2013,"index":55.2}])';
  if (typeof cell !== "string") return refused(cell, what);
  try {
    return converted(JSON.parse(cell));
  } catch {
    return refused(cell, what);
  }
};

/** A rate or percentile; out-of-range numbers pass through to the schema, which reports them. */
const asIndicator = (code: Indicator) => asNumber(`a number between ${INDICATOR_INFO[code].min} and ${INDICATOR_INFO[code].max}`, { percent: true });

const CONVERTERS: Record<TableField, Converter> = {
  id: asText,
  name: asText,
  district: asText,
  level: asLevel,
  title1: asTitle1,
  sig: asYesNo(["SIG"]),
  history: asHistory,
  group: asText,
  year: asYear,
  n: asNumber("a whole number of students"),
  ...(Object.fromEntries(INDICATORS.map((code) => [code, asIndicator(code)])) as Record<Indicator, Converter>),
};

/** Every column a school table can have. Which are required depends on the format (see school-table.ts). */
export const SCHOOL_COLUMNS: readonly ColumnSpec<TableField>[] = (Object.keys(FIELD_LABELS) as TableField[]).map((field) => ({
  field,
  label: FIELD_LABELS[field],
  synonyms: HEADER_SYNONYMS[field],
  convert: CONVERTERS[field],
}));

export const fieldOfHeader = headerMatcher(SCHOOL_COLUMNS);

/** Converts one cell of a field; percent-formatted number cells of rates are scaled to 0–100. */
export function convertCell(field: TableField, cell: unknown, percentFormat = false) {
  return CONVERTERS[field](cell, { percentFormat });
}
