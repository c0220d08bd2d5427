// "Insert template": a new sheet with the long-format table staff fill in, validation on every
// column so most mistakes are stopped as they are typed, and a few lines of instructions. It never
// replaces a sheet: a second template is "SQII Template 2".

import type { ScoreRequest } from "../shared/contract/requests.js";
import { INDICATOR_INFO, INDICATORS, SUBGROUPS } from "../shared/core/model.js";
import { FIELD_LABELS, requestToLongRows, type TableCell } from "../shared/tables/school-table.js";
import { writeSheets } from "./sheet-writer.js";

export const TEMPLATE_SHEET = "SQII Template";

const LEVELS = ["Elementary", "Middle", "High", "Span"];
const TITLE1 = ["Participating", "Eligible", "None"];
const capitalised = (code: string) => code.charAt(0).toUpperCase() + code.slice(1);

const INSTRUCTIONS: [string, TableCell][] = [
  ["How to fill in", "One row per school and student group. Every school needs an ALL (All Students) row."],
  ["Student Group", `Codes: ${SUBGROUPS.join(", ")} (names such as "Hispanic/Latino" are understood too).`],
  ["Values", "N is the number of students; rates are percentages 0–100, Growth a percentile 1–99. Leave a cell blank when there is no value."],
  ["Then", "Select any cell of the table and press Score in the SQII pane. Problems are listed by cell."],
];

/** The header, plus sample rows when asked for: labels where the validation lists expect them. */
export function templateRows(sample?: Pick<ScoreRequest, "schools" | "year">): { header: string[]; rows: TableCell[][] } {
  const [header, ...rows] = requestToLongRows(sample ?? { schools: [] }) as [string[], ...TableCell[][]];
  const level = header.indexOf(FIELD_LABELS.level);
  const title1 = header.indexOf(FIELD_LABELS.title1);
  for (const row of rows) {
    row[level] = capitalised(String(row[level]));
    row[title1] = capitalised(String(row[title1]));
  }
  // An empty template still needs one (blank) row for the table and its validation to exist.
  return { header, rows: rows.length > 0 ? rows : [header.map(() => null)] };
}

export type Rule = Excel.DataValidationRule;

/** The validation of each column, keyed by its header; columns not listed take anything. */
export function validationRules(): Record<string, { rule: Rule; message: string }> {
  const list = (values: readonly string[]) => ({ list: { inCellDropDown: true, source: values.join(",") } });
  const rules: Record<string, { rule: Rule; message: string }> = {
    [FIELD_LABELS.level]: { rule: list(LEVELS), message: `Choose ${LEVELS.join(", ")}.` },
    [FIELD_LABELS.title1]: { rule: list(TITLE1), message: `Choose ${TITLE1.join(", ")}.` },
    [FIELD_LABELS.group]: { rule: list(SUBGROUPS), message: `Use a group code: ${SUBGROUPS.join(", ")}.` },
    [FIELD_LABELS.n]: { rule: { wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" } }, message: "A whole number of students, 0 or more." },
  };
  for (const code of INDICATORS) {
    const { min, max, name } = INDICATOR_INFO[code];
    rules[FIELD_LABELS[code]] = {
      rule: { decimal: { formula1: min, formula2: max, operator: "Between" } },
      message: `${name}: a number from ${min} to ${max}.`,
    };
  }
  return rules;
}

/** A sheet name not yet taken: "SQII Template", "SQII Template 2", … */
export function freeName(taken: ReadonlySet<string>, base = TEMPLATE_SHEET): string {
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base} ${n}`)) n++;
  return `${base} ${n}`;
}

export interface TableSheetSpec {
  /** Base sheet name; a taken one gets " 2", " 3"… */
  sheet: string;
  /** Base table name (no spaces). */
  tableName: string;
  instructions: [string, TableCell][];
  table: { header: string[]; rows: TableCell[][] };
  rules: Record<string, { rule: Rule; message: string }>;
}

/** A new sheet (never replacing one) with instructions, a table and validation on its columns. */
export async function insertTableSheet(context: Excel.RequestContext, spec: TableSheetSpec): Promise<string> {
  const sheets = context.workbook.worksheets.load("items/name");
  const tables = context.workbook.tables.load("items/name");
  await context.sync();
  const name = freeName(new Set(sheets.items.map((s) => s.name)), spec.sheet);
  const tableName = freeName(new Set(tables.items.map((t) => t.name)), spec.tableName).replace(/ /g, "");
  await writeSheets(context, [{ sheet: name, tableName, info: spec.instructions, table: spec.table }]);

  const created = context.workbook.tables.getItem(tableName);
  for (const [header, { rule, message }] of Object.entries(spec.rules)) {
    if (!spec.table.header.includes(header)) continue;
    const validation = created.columns.getItem(header).getDataBodyRange().dataValidation;
    validation.rule = rule;
    validation.errorAlert = { showAlert: true, style: "Stop", title: header, message };
  }
  context.workbook.worksheets.getItem(name).activate();
  await context.sync();
  return name;
}

export function insertTemplate(context: Excel.RequestContext, sample?: Pick<ScoreRequest, "schools" | "year">): Promise<string> {
  return insertTableSheet(context, {
    sheet: TEMPLATE_SHEET,
    tableName: "SQIITemplate",
    instructions: INSTRUCTIONS,
    table: templateRows(sample),
    rules: validationRules(),
  });
}
