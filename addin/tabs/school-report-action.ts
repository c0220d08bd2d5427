// The School report action on the Score tab: shown once this session has scored, it writes SQII
// School Report for the school whose row is selected (see school-report-flow.ts).

import type { LastScore } from "../last-score.js";
import { $, busy, say } from "../ui.js";
import type { TabContext } from "./tab-context.js";

export function setUpSchoolReport(context: TabContext, lastScore: LastScore): void {
  lastScore.onChange(() => {
    $("report-action").hidden = false;
  });
  $("school-report").addEventListener("click", () => void report(context, lastScore));
}

async function report({ run }: TabContext, lastScore: LastScore): Promise<void> {
  say("report-status", "Writing the school's report…");
  try {
    // Loaded when first asked for: the report's model and text are not in the pane's first script.
    const { writeSchoolReport } = await import("../school-report-flow.js");
    const outcome = await busy(() => writeSchoolReport(run, lastScore.current));
    if (outcome.ok) say("report-status", `Wrote ${outcome.sheet} for ${outcome.school}.`, "ok");
    else say("report-status", outcome.message, "error");
  } catch (error) {
    say("report-status", `Could not write the report: ${(error as Error).message}`, "error");
  }
}
