// "Insert template": a new sheet holding one of the input templates of shared/reports/templates.ts
// (schools, educators) with its instructions and its validation turned into Excel's, so most
// mistakes are stopped as they are typed. It never replaces a sheet: a second is "SQII Template 2".

import type { Educator } from "../shared/contract/educators.js";
import type { ScoreRequest } from "../shared/contract/requests.js";
import { educatorTemplate, schoolTemplate, type TemplateSheet, type ValidationRule } from "../shared/reports/templates.js";
import { writeSheets } from "./sheet-writer.js";

/** A sheet name not yet taken: "SQII Template", "SQII Template 2", … */
export function freeName(taken: ReadonlySet<string>, base: string): string {
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base} ${n}`)) n++;
  return `${base} ${n}`;
}

/** The model's rule as Excel's DataValidationRule (string enum values: Excel's enums exist only inside Office). */
export function excelRule(rule: ValidationRule): Excel.DataValidationRule {
  if (rule.kind === "list") return { list: { inCellDropDown: true, source: rule.values.join(",") } };
  if (rule.kind === "whole") return { wholeNumber: { formula1: rule.min, operator: "GreaterThanOrEqualTo" } };
  return { decimal: { formula1: rule.min, formula2: rule.max, operator: "Between" } };
}

/** A new sheet (never replacing one) with instructions, a table and validation on its columns. */
export async function insertTableSheet(context: Excel.RequestContext, template: TemplateSheet): Promise<string> {
  const sheets = context.workbook.worksheets.load("items/name");
  const tables = context.workbook.tables.load("items/name");
  await context.sync();
  const name = freeName(new Set(sheets.items.map((s) => s.name)), template.sheet);
  const tableName = freeName(new Set(tables.items.map((t) => t.name)), template.tableName).replace(/ /g, "");
  await writeSheets(context, [{ sheet: name, tableName, info: template.instructions, table: template.table }]);

  const created = context.workbook.tables.getItem(tableName);
  for (const [header, { rule, message }] of Object.entries(template.validation)) {
    if (!template.table.header.includes(header)) continue;
    const validation = created.columns.getItem(header).getDataBodyRange().dataValidation;
    validation.rule = excelRule(rule);
    validation.errorAlert = { showAlert: true, style: "Stop", title: header, message };
  }
  context.workbook.worksheets.getItem(name).activate();
  await context.sync();
  return name;
}

export function insertTemplate(context: Excel.RequestContext, sample?: Pick<ScoreRequest, "schools" | "year">): Promise<string> {
  return insertTableSheet(context, schoolTemplate(sample));
}

export function insertEducatorTemplate(context: Excel.RequestContext, sample?: readonly Educator[]): Promise<string> {
  return insertTableSheet(context, educatorTemplate(sample));
}
