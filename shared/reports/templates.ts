// The input sheets the product hands people to fill in (api.md "Inputs"): the school data template
// and the educator template, each a table with instructions above it and validation on its
// columns; and the plain Data sheet the command line writes for an example workbook. Validation
// rules are host-neutral here; the add-in turns them into Excel's.
import type { Educator } from "../contract/educators.js";
import { MEASURES, ROLES } from "../contract/educators.js";
import type { ScoreRequest } from "../contract/requests.js";
import { INDICATOR_INFO, INDICATORS, SCHOOL_LEVELS, SUBGROUPS, TITLE1_STATUSES } from "../core/model.js";
import type { Table, TableCell } from "../tables/cells.js";
import { EDUCATOR_COLUMNS, educatorRows } from "../tables/educator-table.js";
import { FIELD_LABELS } from "../tables/school-columns.js";
import { requestToLongRows } from "../tables/school-rows.js";
import type { InfoLine, ReportSheet } from "./report.js";

export type ValidationRule = { kind: "list"; values: readonly string[] } | { kind: "whole"; min: number } | { kind: "decimal"; min: number; max: number };

export interface TemplateSheet {
  /** Base sheet name; a taken one gets " 2", " 3"… (a template never replaces a sheet). */
  sheet: string;
  /** Base table name (no spaces). */
  tableName: string;
  instructions: InfoLine[];
  table: Table;
  /** Per column header: the rule, and the message shown when a typed value breaks it. */
  validation: Record<string, { rule: ValidationRule; message: string }>;
}

export const TEMPLATE_SHEET = "SQII Template";
export const EDUCATOR_TEMPLATE_SHEET = "SQII Educators";

const capitalised = (code: string) => code.charAt(0).toUpperCase() + code.slice(1);
const LEVELS = SCHOOL_LEVELS.map(capitalised);
const TITLE1 = TITLE1_STATUSES.map(capitalised);

const SCHOOL_INSTRUCTIONS: InfoLine[] = [
  ["How to fill in", "One row per school and student group. Every school needs an ALL (All Students) row."],
  ["Student Group", `Codes: ${SUBGROUPS.join(", ")} (names such as "Hispanic/Latino" are understood too).`],
  ["Values", "N is the number of students; rates are percentages 0–100, Growth a percentile 1–99. Leave a cell blank when there is no value."],
  [
    "Year",
    "The spring of the school year (2014 is 2013–14). Rows of the year before, with their Year, are each school's prior year, so every result shows its change; the later year is scored.",
  ],
  ["Then", "Select any cell of the table and press Score in the SQII pane. Problems are listed by cell."],
];

/**
 * The header, plus sample rows when asked for: labels where the validation lists expect them. The
 * sample's history goes in SQII History (history-sheets.ts), not in a History column; its prior
 * year in the rows of the year before. The Year column is always there, to be filled in.
 */
export function templateRows(sample?: Pick<ScoreRequest, "schools" | "year">): Table {
  const schools = (sample?.schools ?? []).map(({ history: _, ...school }) => school);
  const [header, ...rows] = requestToLongRows({ ...sample, schools }, { yearColumn: true }) as [string[], ...TableCell[][]];
  const level = header.indexOf(FIELD_LABELS.level);
  const title1 = header.indexOf(FIELD_LABELS.title1);
  for (const row of rows) {
    row[level] = capitalised(String(row[level]));
    row[title1] = capitalised(String(row[title1]));
  }
  // An empty template still needs one (blank) row for the table and its validation to exist.
  return { header, rows: rows.length > 0 ? rows : [header.map(() => null)] };
}

/** The validation of each column of the school template, keyed by its header; columns not listed take anything. */
export function validationRules(): TemplateSheet["validation"] {
  const rules: TemplateSheet["validation"] = {
    [FIELD_LABELS.level]: { rule: { kind: "list", values: LEVELS }, message: `Choose ${LEVELS.join(", ")}.` },
    [FIELD_LABELS.title1]: { rule: { kind: "list", values: TITLE1 }, message: `Choose ${TITLE1.join(", ")}.` },
    [FIELD_LABELS.group]: { rule: { kind: "list", values: SUBGROUPS }, message: `Use a group code: ${SUBGROUPS.join(", ")}.` },
    [FIELD_LABELS.n]: { rule: { kind: "whole", min: 0 }, message: "A whole number of students, 0 or more." },
    [FIELD_LABELS.year]: { rule: { kind: "whole", min: 1900 }, message: "A whole year: the spring of the school year (2014 is 2013–14)." },
  };
  for (const code of INDICATORS) {
    const { min, max, name } = INDICATOR_INFO[code];
    rules[FIELD_LABELS[code]] = { rule: { kind: "decimal", min, max }, message: `${name}: a number from ${min} to ${max}.` };
  }
  return rules;
}

export function schoolTemplate(sample?: Pick<ScoreRequest, "schools" | "year">): TemplateSheet {
  return { sheet: TEMPLATE_SHEET, tableName: "SQIITemplate", instructions: SCHOOL_INSTRUCTIONS, table: templateRows(sample), validation: validationRules() };
}

export function educatorTemplate(sample?: readonly Educator[]): TemplateSheet {
  const validation: TemplateSheet["validation"] = { Role: { rule: { kind: "list", values: ROLES }, message: "Choose teacher or principal." } };
  for (const { field, label } of EDUCATOR_COLUMNS) {
    if ((MEASURES as readonly string[]).includes(field))
      validation[label] = { rule: { kind: "decimal", min: 1, max: 4 }, message: `${label}: a rating from 1.0 to 4.0.` };
  }
  return {
    sheet: EDUCATOR_TEMPLATE_SHEET,
    tableName: "SQIIEducators",
    instructions: [
      ["How to fill in", "One row per educator. Practice is required; growth too under the weighted model."],
      ["Ratings", "Every measure is a rating from 1.0 to 4.0, converted by the district. Leave a cell blank when there is none."],
      ["Privacy", "These are personnel records: the public distribution hides groups of fewer than 10."],
    ],
    table: educatorRows(sample),
    validation,
  };
}

/** Sheet `Data` in the long format, as the school table reader reads it back (the example workbook). */
export function inputSheet(request: Pick<ScoreRequest, "schools" | "year">): ReportSheet {
  const [header, ...rows] = requestToLongRows(request) as [string[], ...TableCell[][]];
  return { sheet: "Data", tableName: "Data", info: [], table: { header, rows }, frozenColumns: 0 };
}
