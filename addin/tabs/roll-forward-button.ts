// The Score tab's Roll forward button: offered after a successful score, it adds that year's
// results to SQII History (addin/history.ts), so that scoring next year's data shows the right
// stage and years in status. A new read withdraws it: it always rolls the results on screen.

import type { ScoreResponse } from "../../shared/contract/responses.js";
import type { ScoredSchools } from "../../shared/reports/roll-forward.js";
import type { Rolled } from "../history.js";
import { $, busy, problemItems, say } from "../ui.js";
import type { TabContext } from "./tab-context.js";

export interface RollForwardButton {
  offer(response: ScoreResponse, request: ScoredSchools): void;
  withdraw(): void;
}

export function setUpRollForward({ run }: TabContext): RollForwardButton {
  const button = $<HTMLButtonElement>("roll-forward");
  let scored: { response: ScoreResponse; request: ScoredSchools } | null = null;
  button.addEventListener("click", () => {
    if (scored) void roll(scored.response, scored.request);
  });

  async function roll(response: ScoreResponse, request: ScoredSchools): Promise<void> {
    say("roll-status", `Rolling ${response.year ?? "the year"} forward…`);
    $("roll-problems").replaceChildren();
    let out: Rolled;
    try {
      // Loaded when first asked for: SQII History's writer is not in the pane's first script.
      const { rollForward } = await import("../history.js");
      out = await busy(() => rollForward(run, response, request));
    } catch (error) {
      // Excel can refuse a write (a protected sheet…): say so rather than leave "Rolling…" up.
      say("roll-status", `Could not roll forward: ${(error as Error).message}`, "error");
      return;
    }
    if (!out.ok) {
      say("roll-status", `Not rolled forward; ${out.problems.length === 1 ? "a problem" : `${out.problems.length} problems`} to fix:`, "error");
      $("roll-problems").replaceChildren(...problemItems(run, out.problems));
      return;
    }
    const { year, added, replaced, sheet } = out.write;
    button.hidden = true;
    say(
      "roll-status",
      `${year} is in ${sheet}${out.created ? " (new sheet)" : ""}: ${added} row${added === 1 ? "" : "s"} added, ${replaced} replaced. Score ${year + 1}'s data next.`,
      "ok",
    );
  }

  return {
    offer(response, request) {
      scored = { response, request };
      button.textContent = response.year === null ? "Roll forward" : `Roll ${response.year} forward into SQII History`;
      button.hidden = false;
      say("roll-status", "");
    },
    withdraw() {
      scored = null;
      button.hidden = true;
      say("roll-status", "");
      $("roll-problems").replaceChildren();
    },
  };
}
