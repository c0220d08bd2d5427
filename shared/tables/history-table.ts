// SQII History (api.md "Workbook contract › Inputs"): `School ID | Year | Index | Designation |
// Graduation`, one row per school and prior year, read with the column-spec reader into history
// entries with every problem on its cell; and the other direction, a request's history written as
// the sheet's rows. Which school a row belongs to is decided in history-merge.ts, against the data.
import type { HistoryEntry, School } from "../contract/requests.js";
import { DESIGNATION_TYPES, type DesignationType } from "../core/model.js";
import { cellText, squash, synonymMap, type Table, type TableCell, type TablePlace } from "./cells.js";
import { asChoice, asNumber, asText, asYear, type ColumnSpec, ProblemLog, readFlatTable } from "./columns.js";
import { findHeaderRow, sheetPart } from "./header-search.js";
import type { SheetValues } from "./input-sheets.js";

export type HistoryField = "id" | "year" | "index" | "designation" | "grad";

const DESIGNATION_NAMES = synonymMap<DesignationType>({
  priority: [],
  focus: [],
  reward: [],
  none: ["No designation", "Not designated", "Not identified"],
});

/** The designation as the sheet shows it: `Priority`, `None`. */
export const designationLabel = (type: DesignationType) => type.charAt(0).toUpperCase() + type.slice(1);
export const DESIGNATION_LABELS = DESIGNATION_TYPES.map(designationLabel);

/** Sheet order. The School ID synonyms are the Data table's, so a pasted export reads too. */
export const HISTORY_COLUMNS: readonly ColumnSpec<HistoryField>[] = [
  { field: "id", label: "School ID", synonyms: ["CDS Code", "CDS", "School Code", "School Number", "ID"], required: true, convert: asText },
  { field: "year", label: "Year", synonyms: ["School Year", "Academic Year"], required: true, convert: asYear },
  // "Index Score" is SQII Results' header: last year's results can be pasted in as they are.
  { field: "index", label: "Index", synonyms: ["Index Score", "SQII", "Score"], convert: asNumber("an index score from 0 to 100") },
  {
    field: "designation",
    label: "Designation",
    synonyms: ["Status"],
    required: true,
    convert: asChoice(DESIGNATION_NAMES, `a designation (${DESIGNATION_LABELS.join(", ")})`),
  },
  {
    field: "grad",
    label: "Graduation",
    synonyms: ["Grad", "Grad Rate", "Graduation Rate", "Four-Year Graduation Rate", "Cohort Graduation Rate"],
    convert: asNumber("a graduation rate from 0 to 100", { percent: true }),
  },
];

export const HISTORY_HEADER = HISTORY_COLUMNS.map((c) => c.label);

/** One usable row of the sheet: a school's entry for one year, and where it stands. */
export interface HistoryRow {
  /** 0-based within the table's values (the header is 0). */
  row: number;
  id: string;
  /** The School ID cell held a number, which may have lost an id's leading zeros. */
  numericId: boolean;
  entry: HistoryEntry;
}

export interface HistorySheet {
  /** Where the table's header row sits (rows above it, a title or notes, are not read). */
  place: TablePlace;
  /** The header's columns, 0-based from the place's first column. */
  columns: ReadonlyMap<HistoryField, number>;
  /** Rows that read cleanly, in sheet order; a row with a problem is left out (the problem blocks scoring). */
  rows: HistoryRow[];
  /** 0-based row of the last row that is not blank (0 when the table has only its header). */
  lastRow: number;
  /** Every problem of reading, each on its cell; rows, and problems found later against the data, go here too. */
  log: ProblemLog;
  /** The cell of a row's field (0-based row within the table's values). */
  cellOf(row: number, field: HistoryField): string;
}

const pathOf = (record: number, field: HistoryField) => `history[${record}].${field}`;

/** Reads the history table of a sheet: its header is the first row naming School ID and Year. */
export function readHistorySheet(sheet: SheetValues): HistorySheet {
  const headerRow = findHeaderRow(sheet.values, HISTORY_COLUMNS, ["id", "year"]);
  if (headerRow === undefined) {
    const log = new ProblemLog(sheet);
    log.at({ row: 0, col: 0 }, "history", `no header row naming School ID and Year; the history table's columns are ${HISTORY_HEADER.join(" | ")}`);
    const place = { sheet: sheet.sheet, firstRow: sheet.firstRow, firstColumn: sheet.firstColumn };
    return { place, columns: new Map(), rows: [], lastRow: 0, log, cellOf: (row) => log.cellName({ row, col: 0 }) };
  }
  const table = sheetPart(sheet, headerRow);
  const read = readFlatTable(table.values, table, HISTORY_COLUMNS, pathOf, table.numberFormats ? { numberFormats: table.numberFormats } : {});
  const { log } = read;
  const { columns } = read.mapping;
  const cellOf = (row: number, field: HistoryField) => log.cellName({ row, col: columns.get(field) ?? 0 });
  const idColumn = columns.get("id")!;
  const cdsIds = squash(cellText(table.values[0]![idColumn])).startsWith("cds");
  const seen = new Map<string, number>();
  const rows: HistoryRow[] = [];
  read.records.forEach(({ row, values: v }, record) => {
    // A row with something only in other columns (a note beside the table) is not a history row.
    if (Object.keys(v).length === 0) return;
    const raw = table.values[row]![idColumn];
    const blank = (field: HistoryField, message: string) => {
      if (v[field] !== undefined || !columns.has(field)) return false;
      log.at({ row, col: columns.get(field)! }, pathOf(record, field), message);
      return true;
    };
    const noId = blank("id", "this row has values but no School ID");
    const noYear = blank("year", "this row has no Year (the spring of the school year: 2014 for 2013–14)");
    const noDesignation = blank("designation", `this row has no Designation: ${DESIGNATION_LABELS.join(", ")}`);
    if (noId || noYear || noDesignation || !converted(v)) return;
    // CDS codes are 14 digits: a number under a CDS header has lost its leading zeros, as in the Data table.
    const id = cdsIds && typeof raw === "number" && Number.isInteger(raw) ? String(raw).padStart(14, "0") : String(v.id);
    const year = v.year as number;
    const key = `${id}\u0000${year}`;
    const first = seen.get(key);
    if (first !== undefined) {
      log.at(
        { row, col: columns.get("year")! },
        pathOf(record, "year"),
        `school "${id}" has a ${year} row already (row ${log.sheetRow(first)}); give each school and year once`,
        id,
      );
      return;
    }
    seen.set(key, row);
    const entry: HistoryEntry = { year, designation: v.designation as DesignationType };
    if (v.index !== undefined) entry.index = v.index as number;
    if (v.grad !== undefined) entry.gradRate = v.grad as number;
    rows.push({ row, id, numericId: typeof raw === "number", entry });
  });
  const lastRow = read.records.at(-1)?.row ?? 0;
  return { place: { sheet: table.sheet, firstRow: table.firstRow, firstColumn: table.firstColumn }, columns, rows, lastRow, log, cellOf };
}

/** Whether every given cell of a record converted (a cell that did not keeps its raw value, and is a problem already). */
function converted(v: Partial<Record<HistoryField, unknown>>): boolean {
  const isNumber = (x: unknown) => x === undefined || typeof x === "number";
  return isNumber(v.year) && isNumber(v.index) && isNumber(v.grad) && (DESIGNATION_TYPES as readonly unknown[]).includes(v.designation);
}

/** The request's history as the sheet's rows, school by school in request order, each school's entries as given. */
export function historyTable(schools: readonly Pick<School, "id" | "history">[]): Table {
  const rows: TableCell[][] = [];
  for (const school of schools) {
    for (const h of school.history ?? []) {
      rows.push([school.id, h.year, h.index ?? null, h.designation ? designationLabel(h.designation) : null, h.gradRate ?? null]);
    }
  }
  return { header: [...HISTORY_HEADER], rows };
}
