// The Evaluations tab's flow (methodology §11): read the selected educator table and the workbook's
// SQII Evaluation Config with every problem on its cell, rate on the API or locally, and write SQII
// Evaluations and SQII Distribution with its chart, as shared/reports/evaluation-report.ts lays them out.

import { callEngine, type EngineSettings, type Failure } from "../shared/client/api-client.js";
import type { EducatorsResponse } from "../shared/contract/educators.js";
import { unlisted } from "../shared/core/problems.js";
import { parseEducatorsRequest } from "../shared/educators/rating.js";
import { evaluationSheets } from "../shared/reports/evaluation-report.js";
import type { LocatedProblem } from "../shared/tables/cells.js";
import { withCells } from "../shared/tables/educator-table.js";
import { educatorTableWithConfig } from "./evaluation-config.js";
import type { RunExcel } from "./score-flow.js";
import { writeSheets } from "./sheet-writer.js";
import { readSource } from "./source-reader.js";

export type Rated = { ok: true; response: EducatorsResponse } | { ok: false; problems: LocatedProblem[]; unlisted?: number; failure?: Failure };

/** The Rate button: read the selection, check it here (cells), rate, write both sheets and the chart. */
export async function rateAndWrite(run: RunExcel, settings: EngineSettings, now = new Date()): Promise<Rated> {
  const source = await run((context) => readSource(context));
  // With SQII Evaluation Config, when the workbook has one, as the request's config.
  const table = await run((context) => educatorTableWithConfig(context, source));
  if (table.problems.length > 0) return { ok: false, problems: table.problems };
  const local = parseEducatorsRequest(table.request);
  if (!local.ok) return { ok: false, problems: withCells(table, local.problems), unlisted: unlisted(local) };
  const outcome = await callEngine("educators", table.request, settings);
  if (!outcome.ok)
    return outcome.kind === "invalid"
      ? { ok: false, problems: withCells(table, outcome.problems), unlisted: unlisted(outcome) }
      : { ok: false, problems: [], failure: outcome };
  const sheets = evaluationSheets(outcome.value, table.request.educators as { role?: unknown }[], source.address, now);
  await run((context) => writeSheets(context, sheets));
  return { ok: true, response: outcome.value };
}
