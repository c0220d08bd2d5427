// The Score tab's "Set cut points from this data": the selection last read becomes the reference
// (base) year, and its norm cut points go into SQII Config's cut-point block (addin/cut-points.ts).
// The status says how many indicators were set from how many schools and which were skipped; the
// sheet's About block and the block's About column say the same.

import { $, busy, problemItems, say } from "../ui.js";
import type { ReadSelection, TabContext } from "./tab-context.js";

export function setUpCutPoints(context: TabContext, selection: ReadSelection): void {
  $("cut-points").addEventListener("click", () => void setCutPoints(context, selection));
}

async function setCutPoints(context: TabContext, selection: ReadSelection): Promise<void> {
  const prepared = selection.current;
  if (!prepared) return;
  $("retry").hidden = true;
  say("status", `Computing norm cut points from ${prepared.schools} schools…`);
  try {
    // Loaded when first asked for: the cut points' flow and SQII Config's model are not in the pane's first script.
    const [{ cutPointsSummary }, { cutPointsAndWrite }] = await Promise.all([import("../../shared/reports/config-report.js"), import("../cut-points.js")]);
    const outcome = await busy(() => cutPointsAndWrite(context.run, prepared, context.settings()));
    if (outcome.ok) {
      say("status", `Cut points written to "${outcome.sheet}": ${cutPointsSummary(outcome.response)}`, "ok");
      return;
    }
    if (outcome.failure.kind === "invalid") {
      $("problem-list").replaceChildren(...problemItems(context.run, outcome.problems));
      $("problems").hidden = outcome.problems.length === 0;
      say("status", "Problems found; fix these cells and try again.", "error");
      return;
    }
    say("status", outcome.failure.message, "error");
  } catch (error) {
    say("status", `Could not write the cut points: ${(error as Error).message}`, "error");
  }
}
