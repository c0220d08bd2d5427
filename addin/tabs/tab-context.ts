// What the page hands the tabs when it wires them: the way into Excel, the settings as the
// Settings tab shows them, and the selection the Score tab read last. They are passed in rather
// than reached as globals across modules, so every dependency between tabs shows in taskpane.ts.

import type { EngineSettings } from "../../shared/client/api-client.js";
import type { Prepared, RunExcel } from "../score-flow.js";

export interface TabContext {
  run: RunExcel;
  /** The settings as the Settings tab's fields hold them now, saved or not. */
  settings: () => EngineSettings;
}

/** The selection the Score tab read last; the Scenarios tab previews against it and hears when it changes. */
export class ReadSelection {
  private value: Prepared | null = null;
  private readonly listeners: (() => void)[] = [];

  get current(): Prepared | null {
    return this.value;
  }

  set(prepared: Prepared): void {
    this.value = prepared;
    for (const listener of this.listeners) listener();
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }
}
