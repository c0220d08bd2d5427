// What the page hands the tabs when it wires them: the way into Excel and the settings as the
// Settings tab shows them. They are passed in rather than reached as globals across modules, so
// every dependency between tabs shows in taskpane.ts.

import type { EngineSettings } from "../../shared/client/api-client.js";
import type { RunExcel } from "../score-flow.js";

export interface TabContext {
  run: RunExcel;
  /** The settings as the Settings tab's fields hold them now, saved or not. */
  settings: () => EngineSettings;
}
