// The School report button: the school whose row is selected (in SQII Results, or any table with a
// School ID column) gets SQII School Report, drawn from this session's last scoring run — the
// response, and the request it answered for the groups' values and the config. A re-run replaces
// the sheet (contents, table and chart).

import { schoolReport } from "../shared/reports/school-report.js";
import { SCHOOL_REPORT_SHEET, schoolReportSheet } from "../shared/reports/school-report-sheet.js";
import { parseScoreRequest } from "../shared/schools/score.js";
import type { ScoredRun } from "./last-score.js";
import type { RunExcel } from "./score-flow.js";
import { writeSheets } from "./sheet-writer.js";
import { parseAddress } from "./source-reader.js";

const SELECT_A_ROW = `Select a school's row in SQII Results (or any table with a School ID column), then ask for its report.`;

/** The School ID on the selected row of the table around the selection: three round trips, two rows read. */
export async function selectedSchoolId(run: RunExcel): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
  return run(async (context) => {
    const selected = context.workbook.getSelectedRange();
    selected.load("address");
    const tables = selected.getTables(false);
    const count = tables.getCount();
    await context.sync();
    if (count.value === 0) return { ok: false, message: SELECT_A_ROW };
    const range = tables.getFirst().getRange();
    range.load("address, columnCount");
    await context.sync();

    const at = parseAddress(selected.address);
    const table = parseAddress(range.address);
    if (at.firstRow <= table.firstRow) return { ok: false, message: SELECT_A_ROW };
    const sheet = context.workbook.worksheets.getItem(table.sheet);
    const header = sheet.getRangeByIndexes(table.firstRow - 1, table.firstColumn - 1, 1, range.columnCount).load("values");
    const row = sheet.getRangeByIndexes(at.firstRow - 1, table.firstColumn - 1, 1, range.columnCount).load("values");
    await context.sync();
    const column = header.values[0]!.indexOf("School ID");
    const id = column < 0 ? "" : String(row.values[0]![column] ?? "");
    return id === "" ? { ok: false, message: SELECT_A_ROW } : { ok: true, id };
  });
}

export type ReportOutcome = { ok: true; sheet: string; school: string; syncs: number } | { ok: false; message: string };

/** Writes SQII School Report for the selected school from the last run, and shows it. */
export async function writeSchoolReport(run: RunExcel, last: ScoredRun | null): Promise<ReportOutcome> {
  if (!last) return { ok: false, message: "Score the data first: the report is made from this session's scoring run." };
  const selected = await selectedSchoolId(run);
  if (!selected.ok) return selected;
  // The run was scored from this body, so it parses; its config gives the targets and the rules.
  const parsed = parseScoreRequest(last.body);
  if (!parsed.ok) return { ok: false, message: "The last run's data no longer reads; score it again." };
  const source = { response: last.response, schools: parsed.value.request.schools, config: parsed.value.config };
  // Excel keeps "01612596000001" typed in a cell as the number 1612596000001: match such an id by its digits.
  const id = last.response.results.some((r) => r.id === selected.id)
    ? selected.id
    : (last.response.results.find((r) => /^\d+$/.test(selected.id) && r.id.replace(/^0+/, "") === selected.id)?.id ?? selected.id);
  const report = schoolReport(source, id);
  if (!report) return { ok: false, message: `School ${selected.id} is not in the last scoring run: score again, then select its row.` };
  const written = await run(async (context) => {
    const result = await writeSheets(context, [schoolReportSheet(report, last.run)]);
    context.workbook.worksheets.getItem(SCHOOL_REPORT_SHEET).activate();
    await context.sync();
    return result;
  });
  return { ok: true, sheet: SCHOOL_REPORT_SHEET, school: report.title, syncs: written.syncs + 1 };
}
