// The report model: what a sheet the product writes contains, decided once, host-neutral. Two thin
// renderers draw it: Office.js in the add-in (addin/sheet-writer.ts) and exceljs for the command
// line (scripts/cli/xlsx-writer.ts). Neither decides a header, a label, a colour or a format.
import type { Evidence } from "../core/model.js";
import type { Table, TableCell } from "../tables/cells.js";

/** A label/value line of a sheet's header block (methodology version, config hash, time, source…). */
export type InfoLine = [string, TableCell];

/**
 * Cells of a column whose text is a code's label get that code's fill (conditional formats, so
 * colours follow sorting). A cell matches when it equals the text, or, with `contains`, when it
 * contains it: "Average" must not colour "Below average", but "→" marks every changed designation.
 */
export interface Highlight {
  column: string;
  fills: { code: string; text: string; color: string }[];
  match?: "equals" | "contains";
}

/** A chart over rows of the table (0-based within the data rows; columns by header). */
export interface ChartSpec {
  name: string;
  /** 100% stacked columns (shares, e.g. educators by level), or clustered horizontal bars (values side by side, e.g. a school's indicator levels). */
  kind: "columnStacked100" | "barClustered";
  title: string;
  /** Data rows the chart covers, from the first. */
  rows: number;
  /** Headers of the series columns, left to right and adjacent. */
  series: string[];
  /** Header of the column whose cells name the categories. */
  categories: string;
  /** Top-left cell of the chart on the sheet (0-based). */
  at: { row: number; column: number };
}

/**
 * A fixed fill on one data cell (0-based data row, column by header), for a grid whose colour is
 * its place rather than its text (the school report's status × change grid, methodology §13).
 */
export interface CellFill {
  row: number;
  column: string;
  code: PaletteCode;
  color: string;
}

/** A further table below a sheet's main one (SQII Districts' n-size impact block). */
export interface TableBlock {
  /** The Excel table's name (unique in a workbook). */
  tableName: string;
  table: Table;
  highlights?: Highlight[];
  fills?: CellFill[];
  /** Per column header, a number format for its data cells ("0.0"). */
  numberFormats?: Record<string, string>;
}

export interface ReportSheet {
  /** The sheet the product owns, e.g. "SQII Results". */
  sheet: string;
  /** The Excel table's name, e.g. "SQIIResults" (unique in a workbook). */
  tableName: string;
  /** Lines above the table; a blank line separates them from it. */
  info: InfoLine[];
  /** Absent for a sheet that is only a header block. */
  table?: Table;
  highlights?: Highlight[];
  /** Per column header, a number format for its data cells ("0.0"). */
  numberFormats?: Record<string, string>;
  /** Columns kept in view when scrolling right (the header rows always are). */
  frozenColumns?: number;
  chart?: ChartSpec;
  /** Tables below the main one, each after a blank line; the frozen header and the filter stay the main table's. */
  blocks?: TableBlock[];
}

/** Where a sheet's parts land (0-based rows): the header block at the top, then each table's header row. */
export interface SheetLayout {
  /** The main table first (when the sheet has one), then the blocks in order. */
  tables: { block: TableBlock; headerRow: number }[];
}

/** The one placement both renderers follow: a blank line after the header block and after each table. */
export function sheetLayout(content: ReportSheet): SheetLayout {
  const main: TableBlock[] = content.table
    ? [
        {
          tableName: content.tableName,
          table: content.table,
          ...(content.highlights && { highlights: content.highlights }),
          ...(content.numberFormats && { numberFormats: content.numberFormats }),
        },
      ]
    : [];
  let row = content.info.length === 0 ? 0 : content.info.length + 1;
  const tables = [...main, ...(content.blocks ?? [])].map((block) => {
    const placed = { block, headerRow: row };
    row += block.table.rows.length + 2;
    return placed;
  });
  return { tables };
}

/**
 * The one palette, keyed by code: Office's light fills for bands and designations; for the §13
 * performance colours, tints of the California School Dashboard's red, orange, yellow, green and
 * blue that black text stays readable on (contrast 7:1 or more).
 */
export const PALETTE = {
  belowAverage: "#F8CBAD",
  average: "#FFF2CC",
  aboveAverage: "#C6EFCE",
  priority: "#F8CBAD",
  focus: "#FFE699",
  reward: "#C6EFCE",
  changed: "#FFE699",
  red: "#F46D43",
  orange: "#FDAE61",
  yellow: "#FEE08B",
  green: "#91CF60",
  blue: "#74ADD1",
} as const;

export type PaletteCode = keyof typeof PALETTE;

/** `belowAverage` → `Below average`, `communityOfPractice` → `Community of practice`. */
export function codeLabel(code: string): string {
  const words = code.replace(/([A-Z])/g, " $1").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Codes whose label is not their words. Statuses (`Very high`), change classes (`Increased
 * significantly`) and colours (`Green`) read as `codeLabel` gives them; a partner's evidence (§9,
 * §13) says what it is evidence of.
 */
export const EVIDENCE_LABELS: Record<Evidence, string> = { raised: "Raised the subgroup", levelOnly: "Level only" };

/** A column's codes coloured from the palette; `text` is what the cells show for a code. */
export function highlight(
  column: string,
  codes: readonly PaletteCode[],
  text: (code: PaletteCode) => string = codeLabel,
  match: Highlight["match"] = "equals",
): Highlight {
  return { column, fills: codes.map((code) => ({ code, text: text(code), color: PALETTE[code] })), match };
}

/** Number formats of a change, its sign always shown (+1, −2, 0; +3.5, −0.4), the minus typographic as in the reports. */
export const SIGNED_FORMATS = { whole: '+0;"−"0;0', oneDecimal: '+0.0;"−"0.0;0.0' } as const;

/** The lines that trace a sheet to the exact rules and data that made it. */
export function traceInfo(response: { methodologyVersion: string; configHash: string }, at: Date, source: string): InfoLine[] {
  return [
    ["Methodology version", response.methodologyVersion],
    ["Config hash", response.configHash],
    ["Scored at", at.toISOString()],
    ["Source", source],
  ];
}

/** A table from column specs: each column's header and how a row item gives its cell. */
export interface OutputColumn<T> {
  header: string;
  value: (item: T) => TableCell;
}

export function tableOf<T>(columns: readonly OutputColumn<T>[], items: readonly T[]): Table {
  return { header: columns.map((c) => c.header), rows: items.map((item) => columns.map((c) => c.value(item))) };
}
