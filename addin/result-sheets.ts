// The Score button's last step: SQII Results, Subgroups, Indicators, Partnerships and Districts
// built from the engine's answer and the checked request, then written. score-flow.ts loads this
// module when a run first has results to write, so the sheets' model and writer are not in the
// pane's first script.
import type { Config, ScoreRequest } from "../shared/contract/requests.js";
import type { ScoreResponse } from "../shared/contract/responses.js";
import { type Run, resultSheets } from "../shared/reports/score-report.js";
import { scoredRun } from "../shared/reports/scored-run.js";
import { type Progress, type WriteReport, writeSheets } from "./sheet-writer.js";

export async function writeResultSheets(
  context: Excel.RequestContext,
  response: ScoreResponse,
  checked: { request: ScoreRequest; config: Config },
  trace: Run,
  onProgress?: Progress,
): Promise<WriteReport> {
  return writeSheets(context, resultSheets(await scoredRun(response, checked), trace), undefined, onProgress);
}
