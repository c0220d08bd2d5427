// SQII Evaluation Config in the open workbook: the template inserted with the educator template
// (the district table with validation, then the Setting | Value block below it, as
// shared/reports/evaluation-config-sheet.ts lays them out), never replacing a sheet; and the
// sheet read for the Rate button, its problems on their cells beside the educator table's.
import { evaluationConfigTemplate } from "../shared/reports/evaluation-config-sheet.js";
import type { TableCell } from "../shared/tables/cells.js";
import { type EducatorTable, readEducatorTable } from "../shared/tables/educator-table.js";
import { readEvaluationConfig, withEvaluationConfig } from "../shared/tables/evaluation-config.js";
import { findInputSheet } from "../shared/tables/input-sheets.js";
import { readInputSheet, type Source } from "./source-reader.js";
import { insertTableSheet } from "./template.js";

/** Inserts SQII Evaluation Config unless the workbook has one; the new sheet's name, or null. */
export async function insertEvaluationConfigTemplate(context: Excel.RequestContext): Promise<string | null> {
  const sheets = context.workbook.worksheets.load("items/name");
  await context.sync();
  if (
    findInputSheet(
      sheets.items.map((s) => s.name),
      "evaluationConfig",
    ) !== undefined
  )
    return null;
  const template = evaluationConfigTemplate();
  const name = await insertTableSheet(context, template);
  const sheet = context.workbook.worksheets.getItem(name);
  for (const { row, table } of template.blocks) {
    const width = table.header.length;
    const values: TableCell[][] = [table.header, ...table.rows].map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null));
    sheet.getRangeByIndexes(row, 0, values.length, width).values = values;
  }
  await context.sync();
  return name;
}

/** The educator table of `source` with the workbook's SQII Evaluation Config, when it has one, as its config. */
export async function educatorTableWithConfig(context: Excel.RequestContext, source: Source): Promise<EducatorTable> {
  const config = await readInputSheet(context, "evaluationConfig");
  const sheet = config && readEvaluationConfig({ ...config.place, values: config.values, numberFormats: config.numberFormats });
  return withEvaluationConfig(readEducatorTable(source.values, source.place), sheet);
}
