// The command line's renderer of the report model (shared/reports): each sheet written with exceljs
// as the model says (header block, table, colours, number formats, frozen columns). Workbooks are
// streamed: exceljs's in-memory writer takes minutes on a statewide table (millions of cells), the
// streaming one seconds. It cannot write Excel tables, so a table gets a bold header and filter
// buttons instead. Also the CSV form of one table.
import { writeFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import type { Highlight, ReportSheet } from "../../shared/reports/report.js";
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
  const { table, info } = content;
  const headerRow = info.length === 0 ? 1 : info.length + 2; // a blank line between
  const views: Partial<ExcelJS.WorksheetView>[] = table ? [{ state: "frozen", xSplit: content.frozenColumns ?? 0, ySplit: headerRow }] : [];
  const sheet = workbook.addWorksheet(content.sheet, { views });
  // A streamed sheet takes its column widths before its first row.
  sheet.columns = (table ? columnWidths(table) : INFO_WIDTHS).map((width) => ({ width }));
  if (table) {
    sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: table.header.length } };
    let priority = 1;
    for (const highlight of content.highlights ?? []) {
      highlightColumn(sheet, table, highlight, headerRow, priority);
      priority += highlight.fills.length;
    }
  }
  for (const line of info) {
    const row = sheet.addRow(line);
    row.getCell(1).font = { bold: true };
    row.commit();
  }
  if (!table) {
    sheet.commit();
    return;
  }
  if (info.length > 0) sheet.addRow([]).commit();
  const header = sheet.addRow(table.header);
  header.font = { bold: true };
  header.commit();
  const formats = table.header.map((h) => content.numberFormats?.[h]);
  for (const values of table.rows) {
    const row = sheet.addRow(values);
    formats.forEach((format, i) => {
      if (format !== undefined) row.getCell(i + 1).numFmt = format;
    });
    row.commit();
  }
  sheet.commit();
}

/** Label and value columns of a sheet that is only a header block. */
const INFO_WIDTHS = [24, 68];

/** Conditional formatting rather than fixed fills, so the colours follow the values when people sort or edit. */
function highlightColumn(sheet: ExcelJS.Worksheet, table: Table, { column, fills }: Highlight, headerRow: number, firstPriority: number): void {
  const index = table.header.indexOf(column);
  if (index < 0 || table.rows.length === 0) return;
  const letters = columnLetters(index + 1);
  sheet.addConditionalFormatting({
    ref: `${letters}${headerRow + 1}:${letters}${headerRow + table.rows.length}`,
    rules: fills.map(({ text, color }, i) => ({
      type: "cellIs",
      operator: "equal",
      formulae: [JSON.stringify(text)],
      // Rule priorities are unique within a sheet, as Excel writes them.
      priority: firstPriority + i,
      style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: `FF${color.slice(1)}` } } },
    })),
  });
}

/** Widths from the longest text in the header and the first rows, within reason. */
function columnWidths(table: Table): number[] {
  const sample = table.rows.slice(0, 200);
  return table.header.map((header, i) => {
    const longest = Math.max(header.length, ...sample.map((row) => String(row[i] ?? "").length));
    return Math.min(Math.max(longest + 2, 6), 40);
  });
}
