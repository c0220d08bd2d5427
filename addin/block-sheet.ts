// Draws a block sheet (shared/reports/block-sheet.ts: the SQII Config sheet) with Office.js: its
// cells from A1, an Excel table over each block, and the block's data validation, all as the model
// says. As a template it goes on a new sheet (never replacing one: a second is "SQII Config 2");
// when norm cut points replace a block, the model is the whole sheet with that block replaced and
// the rest kept, and it is redrawn over the same sheet. No other sheet is touched.
import { DEFAULT_CONFIG } from "../shared/contract/default-config.js";
import type { BlockSheet } from "../shared/reports/block-sheet.js";
import { configSheet } from "../shared/reports/config-report.js";
import { findInputSheet } from "../shared/tables/input-sheets.js";
import { excelRule, freeName } from "./template.js";

export type BlockSheetMode = "new" | "replace";

/** Writes the sheet and returns its name. "new": a free name from content.sheet; "replace": that sheet, cleared first. */
export async function writeBlockSheet(context: Excel.RequestContext, content: BlockSheet, mode: BlockSheetMode): Promise<string> {
  const { workbook } = context;
  const sheets = workbook.worksheets.load("items/name");
  const tables = workbook.tables.load("items/name");
  await context.sync();
  const names = new Set(sheets.items.map((s) => s.name));
  const takenTables = new Set(tables.items.map((t) => t.name));
  let name = content.sheet;
  let sheet: Excel.Worksheet;
  if (mode === "replace" && names.has(name)) {
    sheet = workbook.worksheets.getItem(name);
    const own = sheet.tables.load("items/name");
    await context.sync();
    for (const table of own.items) {
      takenTables.delete(table.name);
      table.delete();
    }
    const all = sheet.getRange();
    all.clear();
    all.dataValidation.clear();
  } else {
    name = freeName(names, content.sheet);
    sheet = workbook.worksheets.add(name);
  }

  const height = content.values.length;
  const width = content.values[0]?.length ?? 0;
  if (height > 0 && width > 0) {
    sheet.getRangeByIndexes(0, 0, height, width).values = content.values;
    if (content.numberFormats) sheet.getRangeByIndexes(0, 0, height, width).numberFormat = content.numberFormats.map((r) => r.map((f) => f || "General"));
  }
  for (const block of content.blocks) {
    if (!block.tableName) continue;
    const table = sheet.tables.add(sheet.getRangeByIndexes(block.top, block.left, block.height, block.width), true);
    // A name read back from the proxy would need a sync: the one chosen is kept here.
    const tableName = freeName(takenTables, block.tableName).replace(/ /g, "");
    table.name = tableName;
    takenTables.add(tableName);
    for (const { column, row, rule, message } of block.validation) {
      const body = table.columns.getItem(column).getDataBodyRange();
      const validation = (row === undefined ? body : body.getCell(row, 0)).dataValidation;
      validation.rule = excelRule(rule);
      validation.errorAlert = { showAlert: true, style: "Stop", title: column, message };
    }
  }
  await context.sync();
  return name;
}

/** SQII Config with the default config, unless the workbook has a config sheet (by any accepted name), which is kept. */
export async function insertConfigIfMissing(context: Excel.RequestContext): Promise<{ sheet: string; inserted: boolean }> {
  const sheets = context.workbook.worksheets.load("items/name");
  await context.sync();
  const found = findInputSheet(
    sheets.items.map((s) => s.name),
    "config",
  );
  if (found !== undefined) return { sheet: found, inserted: false };
  return { sheet: await writeBlockSheet(context, configSheet(DEFAULT_CONFIG), "new"), inserted: true };
}
