// The command line's renderer of a block sheet (shared/reports/block-sheet.ts): the SQII Config
// sheet written into an .xlsx with exceljs, each block an Excel table with its data validation.
// Into an existing workbook, only that sheet is replaced (at the same position); every other sheet
// is read and written back by exceljs as it is (exceljs keeps cells, styles and tables, but not
// charts or pivot tables: the docs say so). A new file gets the one sheet.
import { access } from "node:fs/promises";
import ExcelJS from "exceljs";
import type { BlockSheet, CellValidation } from "../../shared/reports/block-sheet.js";
import type { ValidationRule } from "../../shared/reports/templates.js";

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

type Ordered = ExcelJS.Worksheet & { orderNo: number };

/** The workbook of `file`, or a new one when there is no such file. */
export async function openOrCreate(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  if (await exists(file)) await workbook.xlsx.readFile(file);
  return workbook;
}

/** Writes the sheet into the workbook file, replacing a sheet of that name; returns whether one was replaced. */
export async function writeBlockSheetInto(file: string, content: BlockSheet): Promise<boolean> {
  const workbook = await openOrCreate(file);
  const old = workbook.getWorksheet(content.sheet) as Ordered | undefined;
  const orderNo = old?.orderNo;
  if (old) workbook.removeWorksheet(old.id);
  const sheet = workbook.addWorksheet(content.sheet) as Ordered;
  // Where the old one was, so that replacing the config does not reorder the workbook (exceljs
  // orders sheets by orderNo, which its types leave out).
  if (orderNo !== undefined) sheet.orderNo = orderNo;
  renderBlockSheet(workbook, sheet, content);
  await workbook.xlsx.writeFile(file);
  return old !== undefined;
}

function renderBlockSheet(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet, content: BlockSheet): void {
  content.values.forEach((row, r) => {
    row.forEach((value, c) => {
      const cell = sheet.getCell(r + 1, c + 1);
      if (value !== null) cell.value = value;
      const format = content.numberFormats?.[r]?.[c];
      if (format && format !== "General") cell.numFmt = format;
    });
  });
  const taken = new Set(workbook.worksheets.flatMap((s) => s.getTables().map((t) => (t as unknown as { name: string }).name)));
  sheet.columns = content.values[0]?.map((_, c) => ({ width: c === 0 ? 26 : 12 })) ?? [];
  for (const block of content.blocks) {
    if (!block.tableName) continue;
    let name = block.tableName;
    for (let n = 2; taken.has(name); n++) name = `${block.tableName}${n}`;
    taken.add(name);
    const rows = content.values.slice(block.top + 1, block.top + block.height).map((row) => row.slice(block.left, block.left + block.width));
    sheet.addTable({
      name,
      ref: sheet.getCell(block.top + 1, block.left + 1).address,
      headerRow: true,
      style: { theme: "TableStyleLight9", showRowStripes: true },
      columns: block.header.map((header) => ({ name: header, filterButton: false })),
      rows,
    });
    for (const validation of block.validation) validate(sheet, block, validation);
  }
}

function validate(sheet: ExcelJS.Worksheet, block: BlockSheet["blocks"][number], { column, row, rule, message }: CellValidation): void {
  const col = block.left + block.header.indexOf(column);
  if (col < block.left) return;
  const rows = row === undefined ? Array.from({ length: block.height - 1 }, (_, i) => i) : [row];
  for (const r of rows)
    sheet.getCell(block.top + 2 + r, col + 1).dataValidation = { ...excelValidation(rule), showErrorMessage: true, errorTitle: column, error: message };
}

function excelValidation(rule: ValidationRule): ExcelJS.DataValidation {
  if (rule.kind === "list") return { type: "list", allowBlank: true, formulae: [`"${rule.values.join(",")}"`] };
  if (rule.kind === "whole") return { type: "whole", operator: "greaterThanOrEqual", allowBlank: true, formulae: [rule.min] };
  return { type: "decimal", operator: "between", allowBlank: true, formulae: [rule.min, rule.max] };
}
