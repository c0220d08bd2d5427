// The Score button, as steps the pane shows one by one: read the source, show how its columns
// were understood, check it (every problem with its cell), score, write the result sheets (built
// from the answer and the checked request: the groups' values and the targets are not in the answer).

import { callEngine, type EngineSettings, type Failure } from "../shared/client/api-client.js";
import type { Config, ScoreRequest } from "../shared/contract/requests.js";
import type { ScoreResponse } from "../shared/contract/responses.js";
import { unlisted } from "../shared/core/problems.js";
import type { Run } from "../shared/reports/score-report.js";
import { parseScoreRequest } from "../shared/schools/score.js";
import type { LocatedProblem } from "../shared/tables/cells.js";
import type { ConfigSheetRead } from "../shared/tables/config-sheet.js";
import type { MappingReport, TableRead } from "../shared/tables/school-table.js";
import { configSource, readWorkbookData, workbookRequest } from "../shared/tables/workbook-request.js";
import type { Progress } from "./sheet-writer.js";
import { readInputSheet, readSource, type Source } from "./source-reader.js";
import { readWorkbookConfig } from "./workbook-config.js";

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
  /** What was read but not used (history rows of schools not in the data…): shown, and scoring goes ahead. */
  notes: LocatedProblem[];
  /** Problems the engine found beyond those it lists. */
  unlisted: number;
  /** The request as checked and its merged config, when there are no problems: what the sheets are built from. */
  checked: { request: ScoreRequest; config: Config } | null;
}

/** The data with the workbook's config and year (none for a reference year), checked: every problem at its cell. */
function check(read: TableRead, config: ConfigSheetRead | null, reference = false) {
  const workbook = workbookRequest(read, { sheet: config, reference });
  const parsed = parseScoreRequest(workbook.request);
  return { workbook, parsed, problems: workbook.problems(parsed.ok ? [] : parsed.problems) };
}

/** Step 1: read and check; nothing leaves the workbook yet. */
export async function prepare(run: RunExcel): Promise<Prepared> {
  const source = await run((context) => readSource(context));
  const config = await run((c) => readWorkbookConfig(c));
  // SQII History, when the workbook has one, becomes each school's history (notes: rows not used).
  // SQII Config's year, when set, picks the data's rows scored (and the year before's, the prior year).
  const history = await run((context) => readInputSheet(context, "history"));
  const data = { ...source.place, values: source.values, numberFormats: source.numberFormats };
  const read = readWorkbookData(data, history && { ...history.place, values: history.values, numberFormats: history.numberFormats }, config);
  const { problems, parsed } = check(read, config);
  return {
    source,
    read,
    mapping: read.mapping,
    schools: read.request.schools.length,
    problems,
    config,
    referenceProblems: check(read, config, true).problems,
    notes: read.notes,
    unlisted: parsed.ok ? 0 : unlisted(parsed),
    checked: parsed.ok && problems.length === 0 ? parsed.value : null,
  };
}

/** A success carries the body sent and the run's trace too, for reports drawn from the run later. */
export type Scored =
  | { ok: true; response: ScoreResponse; syncs: number; body: unknown; run: Run }
  | { ok: false; failure: Failure; problems: LocatedProblem[]; unlisted: number };

/** Step 2, for a prepared table without problems: score (API or local) and write the result sheets. */
export async function scoreAndWrite(run: RunExcel, prepared: Prepared, settings: EngineSettings, now = new Date(), onProgress?: Progress): Promise<Scored> {
  // The config as the sheet is now: an edit made since Read counts.
  const config = await run((c) => readWorkbookConfig(c));
  const { workbook, parsed, problems } = check(prepared.read, config);
  if (problems.length > 0 || !parsed.ok) return { ok: false, failure: { kind: "invalid", problems }, problems, unlisted: parsed.ok ? 0 : unlisted(parsed) };
  const body = workbook.request;
  // Loaded when a run first has sheets to write (not in the pane's first script), before anything
  // is sent: when it cannot load, the failure is said and no request went out for nothing.
  const { writeResultSheets } = await import("./result-sheets.js");
  const outcome = await callEngine("score", body, settings);
  if (!outcome.ok) {
    if (outcome.kind !== "invalid") return { ok: false, failure: outcome, problems: [], unlisted: 0 };
    return { ok: false, failure: outcome, problems: workbook.problems(outcome.problems), unlisted: unlisted(outcome) };
  }
  const trace: Run = { source: prepared.source.address, at: now, engine: settings.endpoint, config: configSource(config) };
  const report = await run((context) => writeResultSheets(context, outcome.value, parsed.value, trace, onProgress));
  return { ok: true, response: outcome.value, syncs: report.syncs, body, run: trace };
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
