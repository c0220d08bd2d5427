// The Score button, as steps the pane shows one by one: read the source, show how its columns
// were understood, check it (every problem with its cell), score, write the result sheets.

import { callEngine, type EngineSettings, type Failure } from "../shared/client/api-client.js";
import type { ScoreResponse } from "../shared/contract/responses.js";
import { type Run, resultSheets } from "../shared/reports/score-report.js";
import { parseScoreRequest } from "../shared/schools/score.js";
import type { LocatedProblem } from "../shared/tables/cells.js";
import { type MappingReport, readTable, type TableRead } from "../shared/tables/school-table.js";
import { type Progress, writeSheets } from "./sheet-writer.js";
import { readSource, type Source } from "./source-reader.js";

export type RunExcel = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface Prepared {
  source: Source;
  read: TableRead;
  mapping: MappingReport;
  schools: number;
  /** Problems found before anything is sent, each with its cell. */
  problems: LocatedProblem[];
}

/** Step 1: read and check; nothing leaves the workbook yet. */
export async function prepare(run: RunExcel): Promise<Prepared> {
  const source = await run((context) => readSource(context));
  const read = readTable(source.values, source.place, { numberFormats: source.numberFormats });
  const parsed = parseScoreRequest(read.request);
  return { source, read, mapping: read.mapping, schools: read.request.schools.length, problems: read.cellProblems(parsed.ok ? [] : parsed.problems) };
}

/** A success carries the body sent and the run's trace too, for reports drawn from the run later. */
export type Scored =
  | { ok: true; response: ScoreResponse; syncs: number; body: unknown; run: Run }
  | { ok: false; failure: Failure; problems: LocatedProblem[] };

/** Step 2: score (API or local) and write SQII Results and SQII Subgroups. */
export async function scoreAndWrite(run: RunExcel, prepared: Prepared, settings: EngineSettings, now = new Date(), onProgress?: Progress): Promise<Scored> {
  const body = prepared.read.request;
  const outcome = await callEngine("score", body, settings);
  if (!outcome.ok) {
    const problems = outcome.kind === "invalid" ? prepared.read.cellProblems(outcome.problems) : [];
    return { ok: false, failure: outcome, problems };
  }
  const trace: Run = { source: prepared.source.address, at: now, engine: settings.endpoint };
  const sheets = resultSheets(outcome.value, trace);
  const report = await run((context) => writeSheets(context, sheets, undefined, onProgress));
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
