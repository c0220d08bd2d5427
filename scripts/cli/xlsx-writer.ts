// The command line's renderer of the report model (shared/reports): each sheet written with exceljs
// as the model says (header block, tables placed by the model's layout, colours and fixed fills,
// number formats, frozen columns). Workbooks are streamed: exceljs's in-memory writer takes minutes on a statewide
// table (millions of cells), the streaming one seconds. It cannot write Excel tables, so a table
// gets a bold header instead, and the main one filter buttons (a sheet has one filter). Also the
// CSV form of one table.
import { writeFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { type Highlight, type ReportSheet, sheetLayout } from "../../shared/reports/report.js";
import { columnLetters, type Table, type TableCell } from "../../shared/tables/cells.js";

/** Writes the sheets, in order, into a new workbook file. */
export async function writeWorkbook(file: string, sheets: readonly ReportSheet[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  for (const content of sheets) writeSheet(workbook, content);
  await workbook.commit();
}

/** CSV with CRLF line ends and a byte order mark, so that Excel opens UTF-8 names correctly. */
export function toCsv(rows: readonly (readonly TableCell[])[]): string {
  return `\ufeff${rows.map((row) => `${row.map(csvField).join(",")}\r\n`).join("")}`;
}

function csvField(cell: TableCell): string {
  if (cell === null) return "";
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  const text = String(cell);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function writeCsv(file: string, table: Table): Promise<void> {
  await writeFile(file, toCsv([table.header, ...table.rows]));
}

function writeSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, content: ReportSheet): void {
  const { tables } = sheetLayout(content);
  const main = tables[0];
  // Excel counts rows from 1; the layout from 0.
  const views: Partial<ExcelJS.WorksheetView>[] = main ? [{ state: "frozen", xSplit: content.frozenColumns ?? 0, ySplit: main.headerRow + 1 }] : [];
  const sheet = workbook.addWorksheet(content.sheet, { views });
  // A streamed sheet takes its column widths and formatting rules before its first row.
  sheet.columns = (main ? columnWidths(tables.map((t) => t.block.table)) : INFO_WIDTHS).map((width) => ({ width }));
  if (main) sheet.autoFilter = { from: { row: main.headerRow + 1, column: 1 }, to: { row: main.headerRow + 1, column: main.block.table.header.length } };
  let priority = 1;
  for (const { block, headerRow } of tables) {
    for (const highlight of block.highlights ?? []) {
      highlightColumn(sheet, block.table, highlight, headerRow + 1, priority);
      priority += highlight.fills.length;
    }
  }
  let written = 0;
  const addRow = (values: readonly TableCell[]) => {
    const row = sheet.addRow(values as TableCell[]);
    written++;
    return row;
  };
  for (const line of content.info) {
    const row = addRow(line);
    row.getCell(1).font = { bold: true };
    row.commit();
  }
  for (const { block, headerRow } of tables) {
    while (written < headerRow) addRow([]).commit();
    const header = addRow(block.table.header);
    header.font = { bold: true };
    header.commit();
    const formats = block.table.header.map((h) => block.numberFormats?.[h]);
    const fills = new Map((block.fills ?? []).map((f) => [`${f.row},${block.table.header.indexOf(f.column)}`, f.color]));
    for (const [r, values] of block.table.rows.entries()) {
      const row = addRow(values);
      formats.forEach((format, i) => {
        if (format !== undefined) row.getCell(i + 1).numFmt = format;
      });
      if (fills.size > 0) {
        values.forEach((_, i) => {
          const color = fills.get(`${r},${i}`);
          if (color) row.getCell(i + 1).fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${color.slice(1)}` } };
        });
      }
      row.commit();
    }
  }
  sheet.commit();
}

/** Label and value columns of a sheet that is only a header block. */
const INFO_WIDTHS = [24, 68];

/** Conditional formatting rather than fixed fills, so the colours follow the values when people sort or edit. */
function highlightColumn(sheet: ExcelJS.Worksheet, table: Table, { column, fills, match }: Highlight, headerRow: number, firstPriority: number): void {
  const index = table.header.indexOf(column);
  if (index < 0 || table.rows.length === 0) return;
  const letters = columnLetters(index + 1);
  const ref = `${letters}${headerRow + 1}:${letters}${headerRow + table.rows.length}`;
  sheet.addConditionalFormatting({
    ref,
    rules: fills.map(({ text, color }, i): ExcelJS.ConditionalFormattingRule => {
      // Rule priorities are unique within a sheet, as Excel writes them.
      const style: Partial<ExcelJS.Style> = { fill: { type: "pattern", pattern: "solid", bgColor: { argb: `FF${color.slice(1)}` } } };
      const priority = firstPriority + i;
      if (match === "contains") return { type: "containsText", operator: "containsText", text, priority, style };
      return { type: "cellIs", operator: "equal", formulae: [`"${text.replaceAll('"', '""')}"`], priority, style };
    }),
  });
}

/** Widths from the longest text in the headers and the first rows of every table, within reason. */
function columnWidths(tables: readonly Table[]): number[] {
  const width = Math.max(...tables.map((t) => t.header.length));
  return Array.from({ length: width }, (_, i) => {
    const texts = tables.flatMap((t) => [t.header[i], ...t.rows.slice(0, 200).map((row) => row[i])]);
    const longest = Math.max(0, ...texts.map((text) => String(text ?? "").length));
    return Math.min(Math.max(longest + 2, 6), 40);
  });
}
