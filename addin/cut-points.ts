// "Set cut points from this data" (methodology §3): the selection the Score tab read is taken as a
// reference year, the cutPoints operation (API or local) computes each indicator's nine norm cut
// points, and they replace the cut-point block of the workbook's SQII Config (made with the default
// config when the workbook has none). The other blocks are kept and no other sheet is touched;
// an indicator with too few schools keeps its cut points, and the sheet's note says which.
import { callEngine, type EngineSettings, type Failure } from "../shared/client/api-client.js";
import { DEFAULT_CONFIG } from "../shared/contract/default-config.js";
import type { CutPointsResponse } from "../shared/contract/responses.js";
import { withNormCutPoints } from "../shared/reports/config-report.js";
import type { LocatedProblem } from "../shared/tables/cells.js";
import { readConfigSheet } from "../shared/tables/config-sheet.js";
import { workbookRequest } from "../shared/tables/workbook-request.js";
import { writeBlockSheet } from "./block-sheet.js";
import type { Prepared, RunExcel } from "./score-flow.js";
import { readInputSheet } from "./source-reader.js";

export type CutPointsOutcome = { ok: true; response: CutPointsResponse; sheet: string } | { ok: false; failure: Failure; problems: LocatedProblem[] };

export async function cutPointsAndWrite(run: RunExcel, prepared: Prepared, settings: EngineSettings, now = new Date()): Promise<CutPointsOutcome> {
  const existing = await run((context) => readInputSheet(context, "config"));
  const sheet = existing ? readConfigSheet({ ...existing.place, values: existing.values, numberFormats: existing.numberFormats }) : null;
  const workbook = workbookRequest(prepared.read, { sheet, reference: true });
  const early = workbook.problems();
  if (early.length > 0) return { ok: false, failure: { kind: "invalid", problems: early }, problems: early };
  const outcome = await callEngine("cutPoints", workbook.request, settings);
  if (!outcome.ok) return { ok: false, failure: outcome, problems: outcome.kind === "invalid" ? workbook.problems(outcome.problems) : [] };
  const content = withNormCutPoints(
    existing && { ...existing.place, values: existing.values, numberFormats: existing.numberFormats },
    sheet?.config ?? DEFAULT_CONFIG,
    outcome.value,
    { source: prepared.source.address, at: now },
  );
  const name = await run((context) => writeBlockSheet(context, content, existing ? "replace" : "new"));
  return { ok: true, response: outcome.value, sheet: name };
}
