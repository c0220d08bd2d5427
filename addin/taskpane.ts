// The task pane's page: when Office (or, outside Office, the browser) is ready, switch tabs by
// click and arrow keys and set up each tab with what it shares with the others. Each tab's UI
// lives in tabs/, the small DOM helpers in ui.ts, and the flows the tabs call in the modules
// beside this one; this file only wires them.

import { LastScore } from "./last-score.js";
import type { RunExcel } from "./score-flow.js";
import { setUpCutPoints } from "./tabs/cut-points-control.js";
import { setUpEvaluationsTab } from "./tabs/evaluations-tab.js";
import { setUpScenariosTab } from "./tabs/scenarios-tab.js";
import { setUpSchoolReport } from "./tabs/school-report-action.js";
import { setUpScoreTab } from "./tabs/score-tab.js";
import { setUpSettingsTab } from "./tabs/settings-tab.js";
import { ReadSelection, type TabContext } from "./tabs/tab-context.js";
import { setUpTemplateTab } from "./tabs/template-tab.js";
import { setUpTabs } from "./ui.js";

// Excel is looked up at each call: in the browser test the fake host defines it before the pane loads.
const run: RunExcel = (batch) => Excel.run(batch);

function start(): void {
  setUpTabs();
  const context: TabContext = { run, settings: setUpSettingsTab() };
  // The Score tab publishes each read here; the Scenarios tab previews against it.
  const selection = new ReadSelection();
  // The Score tab publishes each run here; the School report action draws on the last.
  const lastScore = new LastScore();
  setUpScoreTab(context, selection, lastScore);
  setUpCutPoints(context, selection);
  setUpSchoolReport(context, lastScore);
  setUpScenariosTab(context, selection);
  setUpEvaluationsTab(context);
  setUpTemplateTab(context);
}

// Office.onReady fires in Excel, and also (with host null) in a plain browser that loaded office.js.
if (typeof Office !== "undefined") void Office.onReady(start);
else document.addEventListener("DOMContentLoaded", start);
