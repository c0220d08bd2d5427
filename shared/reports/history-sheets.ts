// The SQII History sheet as the product writes it (api.md "Inputs › SQII History"): the template
// the Template tab inserts beside the data template (instructions, the table, validation), and the
// example workbook's plain sheets, where history stands in SQII History rather than as JSON in a
// Data cell. Rows are the table layer's (history-table.ts), so what is written reads back the same.
import type { ScoreRequest } from "../contract/requests.js";
import { INDICATOR_INFO } from "../core/model.js";
import type { TableCell } from "../tables/cells.js";
import { DESIGNATION_LABELS, HISTORY_COLUMNS, HISTORY_HEADER, historyTable } from "../tables/history-table.js";
import { INPUT_SHEETS } from "../tables/input-sheets.js";
import type { ReportSheet } from "./report.js";
import { inputSheet, type TemplateSheet } from "./templates.js";

export const HISTORY_SHEET = INPUT_SHEETS.history;
export const HISTORY_TABLE = "SQIIHistory";

const label = (field: string) => HISTORY_COLUMNS.find((c) => c.field === field)!.label;

/** The sheet's table header, then `rows` (one blank row when there are none: a table needs a body for its validation). */
export function historyTemplate(rows: readonly TableCell[][] = []): TemplateSheet {
  const grad = INDICATOR_INFO.grad;
  return {
    sheet: HISTORY_SHEET,
    tableName: HISTORY_TABLE,
    instructions: [
      ["How to fill in", "One row per school and prior year. Score reads this sheet as each school's history (escalation, §8)."],
      ["Designation", `${DESIGNATION_LABELS.join(", ")}. Index (0–100) and Graduation (ALL, 0–100) may be blank.`],
      ["Roll forward", "After scoring a year, Roll forward on the Score tab adds that year's results here."],
    ],
    table: { header: [...HISTORY_HEADER], rows: rows.length > 0 ? rows.map((r) => [...r]) : [HISTORY_HEADER.map(() => null)] },
    validation: {
      [label("year")]: { rule: { kind: "whole", min: 1900 }, message: "The spring of the school year: 2014 for 2013–14." },
      [label("index")]: { rule: { kind: "decimal", min: 0, max: 100 }, message: "An index score from 0 to 100, or blank." },
      [label("designation")]: { rule: { kind: "list", values: DESIGNATION_LABELS }, message: `Choose ${DESIGNATION_LABELS.join(", ")}.` },
      [label("grad")]: { rule: { kind: "decimal", min: grad.min, max: grad.max }, message: "The ALL graduation rate, 0 to 100, or blank." },
    },
  };
}

/** The sheets of a workbook holding this request: Data (no History column) and, when any school has history, SQII History. */
export function workbookSheets(request: Pick<ScoreRequest, "schools" | "year">): ReportSheet[] {
  const data = inputSheet({ ...request, schools: request.schools.map(({ history: _, ...school }) => school) });
  const history = historyTable(request.schools);
  if (history.rows.length === 0) return [data];
  return [data, { sheet: HISTORY_SHEET, tableName: HISTORY_TABLE, info: [], table: history, frozenColumns: 0 }];
}
