// The Score button, as steps the pane shows one by one: read the source, show how its columns
// were understood, check it (every problem with its cell), score, write the result sheets.

import { callEngine, type EngineSettings, type Failure } from "../shared/client/api-client.js";
import type { ScoreResponse } from "../shared/contract/responses.js";
import { resultSheets } from "../shared/reports/score-report.js";
import { parseScoreRequest } from "../shared/schools/score.js";
import type { LocatedProblem } from "../shared/tables/cells.js";
import type { ConfigSheetRead } from "../shared/tables/config-sheet.js";
import { type MappingReport, readTable, type TableRead } from "../shared/tables/school-table.js";
import { type WorkbookRequest, workbookRequest } from "../shared/tables/workbook-request.js";
import { type Progress, writeSheets } from "./sheet-writer.js";
import { readSource, type Source } from "./source-reader.js";
import { configSource, readWorkbookConfig } from "./workbook-config.js";

export type RunExcel = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface Prepared {
  source: Source;
  read: TableRead;
  mapping: MappingReport;
  schools: number;
  /** Problems found before anything is sent, each with its cell (the SQII Config sheet's too). */
  problems: LocatedProblem[];
  /** The workbook's SQII Config as read with the data (null: none, the default config). */
  config: ConfigSheetRead | null;
  /** The problems that stop the data serving as a base year for norm cut points (its year does not count). */
  referenceProblems: LocatedProblem[];
}

/** The data with the workbook's config and year (none for a reference year), checked: every problem at its cell. */
function check(read: TableRead, config: ConfigSheetRead | null, reference = false): { workbook: WorkbookRequest; problems: LocatedProblem[] } {
  const workbook = workbookRequest(read, { sheet: config, reference });
  const parsed = parseScoreRequest(workbook.request);
  return { workbook, problems: workbook.problems(parsed.ok ? [] : parsed.problems) };
}

/** Step 1: read and check; nothing leaves the workbook yet. */
export async function prepare(run: RunExcel): Promise<Prepared> {
  const source = await run((context) => readSource(context));
  const read = readTable(source.values, source.place, { numberFormats: source.numberFormats });
  const config = await run((c) => readWorkbookConfig(c));
  const { problems } = check(read, config);
  return { source, read, mapping: read.mapping, schools: read.request.schools.length, problems, config, referenceProblems: check(read, config, true).problems };
}

export type Scored = { ok: true; response: ScoreResponse; syncs: number } | { ok: false; failure: Failure; problems: LocatedProblem[] };

/** Step 2: score (API or local) and write SQII Results and SQII Subgroups. */
export async function scoreAndWrite(run: RunExcel, prepared: Prepared, settings: EngineSettings, now = new Date(), onProgress?: Progress): Promise<Scored> {
  // The config as the sheet is now: an edit made since Read counts.
  const config = await run((c) => readWorkbookConfig(c));
  const { workbook, problems } = check(prepared.read, config);
  if (problems.length > 0) return { ok: false, failure: { kind: "invalid", problems }, problems };
  const outcome = await callEngine("score", workbook.request, settings);
  if (!outcome.ok) {
    const problems = outcome.kind === "invalid" ? workbook.problems(outcome.problems) : [];
    return { ok: false, failure: outcome, problems };
  }
  const sheets = resultSheets(outcome.value, { source: prepared.source.address, at: now, engine: settings.endpoint, config: configSource(config) });
  const report = await run((context) => writeSheets(context, sheets, undefined, onProgress));
  return { ok: true, response: outcome.value, syncs: report.syncs };
}

/** Selects a problem's cell, so a click in the list takes the user to it. */
export async function selectCell(run: RunExcel, cell: string): Promise<void> {
  const bang = cell.lastIndexOf("!");
  const sheet = cell
    .slice(0, bang)
    .replace(/^'(.*)'$/, "$1")
    .replaceAll("''", "'");
  await run(async (context) => {
    context.workbook.worksheets
      .getItem(sheet)
      .getRange(cell.slice(bang + 1))
      .select();
    await context.sync();
  });
}
