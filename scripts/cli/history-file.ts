// Roll forward from the command line (`npm run score -- district.xlsx --roll-forward`): the scored
// year's results go into the input workbook's SQII History, created when absent, exactly as
// shared/reports/roll-forward.ts plans them, so the next year's file needs nothing retyped. The
// workbook is rewritten through exceljs, which keeps cells, styles, tables and validation but not
// every part Excel can hold; a workbook with such parts (charts, pivot tables, macros…) is
// refused before anything is scored, with nothing written, rather than silently losing them.
import { readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import type ExcelJS from "exceljs";
import type { ScoreResponse } from "../../shared/contract/responses.js";
import { historyTemplate } from "../../shared/reports/history-sheets.js";
import { type CellBlock, type HistoryWrite, planRollForward, type ScoredSchools, unknownYear } from "../../shared/reports/roll-forward.js";
import type { ValidationRule } from "../../shared/reports/templates.js";
import type { LocatedProblem } from "../../shared/tables/cells.js";
import { HISTORY_COLUMNS, HISTORY_HEADER } from "../../shared/tables/history-table.js";
import { findInputSheet } from "../../shared/tables/input-sheets.js";
import { openWorkbook, sheetTable } from "./table-files.js";

// Parts of an .xlsx that exceljs does not carry through a read and write.
const DROPPED_PARTS =
  /^xl\/(charts|chartsheets|pivotTables|pivotCache|slicers|slicerCaches|timelines|threadedComments|activeX|ctrlProps)\/|^xl\/vbaProject\.bin$/;

/** Why the workbook cannot be rewritten here (the first part exceljs would drop), or null. */
export async function rewriteRefusal(file: string): Promise<string | null> {
  const part = zipEntries(await readFile(file)).find((name) => DROPPED_PARTS.test(name));
  if (part === undefined) return null;
  return `${path.basename(file)} holds ${part}, which the command line cannot keep when it rewrites the workbook; roll forward in the add-in, or from a copy without it`;
}

/** The names of a zip file's entries, from its central directory. */
export function zipEntries(zip: Buffer): string[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error("not an .xlsx file (no zip directory)");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count && zip.readUInt32LE(at) === 0x02014b50; i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    names.push(zip.toString("utf8", at + 46, at + 46 + nameLength));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return names;
}

export type RolledFile = { ok: true; write: HistoryWrite; created: boolean } | { ok: false; problems: LocatedProblem[] };

/** Adds `response`'s year to the workbook's SQII History and saves the workbook in place. */
export async function rollForwardFile(file: string, response: ScoreResponse, request: ScoredSchools): Promise<RolledFile> {
  const noYear = unknownYear(response);
  if (noYear) return { ok: false, problems: [noYear] };
  const workbook = await openWorkbook(file);
  const { sheet, created } = historySheet(workbook);
  const plan = planRollForward(response, request, sheetTable(sheet));
  if (!plan.ok) return plan;
  const write = plan.value;
  for (const block of write.replace) place(sheet, block);
  if (write.append.values.length > 0) {
    place(sheet, write.append, write);
    extendTable(sheet, write);
  }
  // Beside the file, then over it: an interrupted write leaves the workbook as it was.
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.sqii-${process.pid}.xlsx`);
  try {
    await workbook.xlsx.writeFile(temporary);
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
  return { ok: true, write, created };
}

/** The history sheet; a new one laid out as the template (instructions, a blank row, the header); an empty one gets the header in A1. */
function historySheet(workbook: ExcelJS.Workbook): { sheet: ExcelJS.Worksheet; created: boolean } {
  const name = findInputSheet(
    workbook.worksheets.map((s) => s.name),
    "history",
  );
  const existing = name === undefined ? undefined : workbook.getWorksheet(name);
  if (existing && sheetTable(existing).values.length > 0) return { sheet: existing, created: false };
  if (existing) {
    existing.getRow(1).values = [...HISTORY_HEADER];
    return { sheet: existing, created: false };
  }
  const template = historyTemplate();
  const sheet = workbook.addWorksheet(template.sheet);
  for (const line of template.instructions) sheet.addRow(line).getCell(1).font = { bold: true };
  sheet.addRow([]);
  sheet.addRow(template.table.header).font = { bold: true };
  sheet.columns = template.table.header.map(() => ({ width: 16 }));
  return { sheet, created: true };
}

/**
 * Cells of a block ("" clears a cell, null leaves it as it is). With `write`, the new rows: School
 * ID's cells take the text format first, and each cell the validation its column has in the template.
 */
function place(sheet: ExcelJS.Worksheet, block: CellBlock, write?: HistoryWrite): void {
  const rules = new Map<number, ExcelJS.DataValidation>();
  const { validation } = historyTemplate();
  if (write) {
    for (const spec of HISTORY_COLUMNS) {
      const rule = validation[spec.label];
      if (rule) rules.set(write.columns[spec.field], excelJsRule(rule.rule, spec.label, rule.message));
    }
  }
  block.values.forEach((values, i) => {
    const row = sheet.getRow(block.row + i);
    values.forEach((value, j) => {
      if (value === null) return;
      const column = block.column + j;
      const cell = row.getCell(column);
      if (column === write?.columns.id) cell.numFmt = "@";
      cell.value = value === "" ? null : value; // "" clears the cell
      const rule = rules.get(column);
      if (rule) cell.dataValidation = rule;
    });
  });
}

function excelJsRule(rule: ValidationRule, title: string, message: string): ExcelJS.DataValidation {
  const alert = { showErrorMessage: true, errorStyle: "error", errorTitle: title, error: message } as const;
  if (rule.kind === "list") return { type: "list", allowBlank: true, formulae: [`"${rule.values.join(",")}"`], ...alert };
  if (rule.kind === "whole") return { type: "whole", operator: "greaterThanOrEqual", allowBlank: true, formulae: [rule.min], ...alert };
  return { type: "decimal", operator: "between", allowBlank: true, formulae: [rule.min, rule.max], ...alert };
}

/** An Excel table over the history (a workbook saved by Excel or the add-in) grows over the new rows. */
function extendTable(sheet: ExcelJS.Worksheet, write: HistoryWrite): void {
  const lastRow = write.append.row + write.append.values.length - 1;
  for (const table of sheet.getTables() as unknown as { table?: { tableRef?: string; autoFilterRef?: string } }[]) {
    // exceljs keeps a loaded table's model, `tableRef` its range; a changed ref is written back as is.
    const model = table.table;
    const ref = model?.tableRef ? /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(model.tableRef) : null;
    if (!model || !ref) continue;
    const [left, top, right, bottom] = [letterColumn(ref[1]!), Number(ref[2]), letterColumn(ref[3]!), Number(ref[4])];
    const width = write.append.values[0]!.length;
    const covers = top === write.header.row && left <= write.append.column && write.append.column + width - 1 <= right;
    if (!covers || bottom >= lastRow || bottom + 1 < write.append.row) continue;
    model.tableRef = `${ref[1]}${top}:${ref[3]}${lastRow}`;
    if (model.autoFilterRef) model.autoFilterRef = model.tableRef;
  }
}

function letterColumn(letters: string): number {
  let column = 0;
  for (const letter of letters) column = column * 26 + (letter.charCodeAt(0) - 64);
  return column;
}
