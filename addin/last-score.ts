// The last scoring run of this session: the Score tab sets it, the School report button reads it.
// Apart from the report's flow, which the pane loads only when a report is asked for.
import type { ScoreResponse } from "../shared/contract/responses.js";
import type { Run } from "../shared/reports/score-report.js";

/** What a scoring run leaves for the report: the body sent, the response, and the run's trace. */
export interface ScoredRun {
  body: unknown;
  response: ScoreResponse;
  run: Run;
}

export class LastScore {
  private value: ScoredRun | null = null;
  private readonly listeners: (() => void)[] = [];

  get current(): ScoredRun | null {
    return this.value;
  }

  set(run: ScoredRun): void {
    this.value = run;
    for (const listener of this.listeners) listener();
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }
}
