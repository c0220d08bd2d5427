// The Score tab: reads the selection and shows how its columns were understood and every problem
// with its cell (and notes, which do not stop scoring), then scores it (on the API or in the pane)
// and writes SQII Results and SQII Subgroups, offering Retry when the failure is one a retry can
// fix, and Roll forward after a success.

import type { LocatedProblem } from "../../shared/tables/cells.js";
import type { LastScore } from "../last-score.js";
import { type Prepared, prepare, scoreAndWrite } from "../score-flow.js";
import { $, busy, problemItems, say } from "../ui.js";
import { type RollForwardButton, setUpRollForward } from "./roll-forward-button.js";
import type { ReadSelection, TabContext } from "./tab-context.js";

/** Binds Read, Score and Retry; a successful read is published to `selection`, a successful run to `lastScore`. */
export function setUpScoreTab(context: TabContext, selection: ReadSelection, lastScore: LastScore): void {
  const roll = setUpRollForward(context);
  $("read").addEventListener("click", () => void read(context, selection, roll));
  $("score").addEventListener("click", () => void score(context, selection, roll, lastScore));
  $("retry").addEventListener("click", () => void score(context, selection, roll, lastScore));
}

/** Notes do not stop scoring (history rows of schools not in the data…); listed apart from problems. */
function showNotes({ run }: TabContext, notes: LocatedProblem[]): void {
  $("note-list").replaceChildren(...problemItems(run, notes));
  $("notes").hidden = notes.length === 0;
}

function showProblems({ run }: TabContext, problems: LocatedProblem[], unlisted = 0): void {
  $("problem-list").replaceChildren(...problemItems(run, problems, unlisted));
  $("problems").hidden = problems.length === 0;
}

async function read(context: TabContext, selection: ReadSelection, roll: RollForwardButton): Promise<void> {
  $("retry").hidden = true;
  roll.withdraw();
  showProblems(context, []);
  showNotes(context, []);
  say("status", "Reading the selection…");
  let prepared: Prepared;
  try {
    prepared = await busy(() => prepare(context.run));
  } catch (error) {
    // A failed read keeps the previous one: Score and the scenario previews still refer to it.
    say("status", `Could not read the selection: ${(error as Error).message}`, "error");
    return;
  }
  const { mapping, schools, source, problems, unlisted } = prepared;
  $("mapping").hidden = false;
  say("mapping-summary", `${source.address}: ${schools} schools, ${mapping.format} format.${yearsRead(prepared)}`);
  $("mapping-list").replaceChildren(
    ...[
      `Recognised: ${mapping.recognised.map((c) => `${c.header} (${c.column})`).join(", ") || "none"}`,
      `Ignored: ${mapping.ignored.join(", ") || "none"}`,
      `Missing: ${mapping.missing.join(", ") || "none"}`,
    ].map((text) => Object.assign(document.createElement("li"), { textContent: text })),
  );
  showProblems(context, problems, unlisted);
  showNotes(context, prepared.notes);
  selection.set(prepared);
  const count = problems.length + unlisted;
  ($("score") as HTMLButtonElement).hidden = count > 0;
  // A base year's own year may differ from the one SQII Config scores: that alone does not stop cut points.
  ($("cut-points") as HTMLButtonElement).hidden = prepared.referenceProblems.length > 0;
  say("status", count > 0 ? `${count} problem${count === 1 ? "" : "s"} to fix before scoring.` : "Ready to score.", count > 0 ? "error" : "");
}

/** §13: which year is scored and how many schools brought the year before (from the Year column). */
function yearsRead({ checked }: Prepared): string {
  if (!checked) return "";
  const { year, schools } = checked.request;
  let withPrior = 0;
  let priorYear: number | undefined;
  for (const school of schools) {
    if (!school.prior) continue;
    withPrior++;
    priorYear ??= school.prior.year;
  }
  const scored = year === undefined ? "" : ` ${year} scored`;
  if (withPrior === 0) return scored && `${scored}.`;
  const before = priorYear === undefined ? "the year before" : String(priorYear);
  return `${scored || " Scored"}; ${before} is the prior year of ${withPrior} school${withPrior === 1 ? "" : "s"}.`;
}

async function score(context: TabContext, selection: ReadSelection, roll: RollForwardButton, lastScore: LastScore): Promise<void> {
  const prepared = selection.current;
  if (!prepared) return;
  const settings = context.settings();
  $("retry").hidden = true;
  say("status", `Scoring ${prepared.schools} schools${settings.endpoint === "local" ? " in the pane" : ` on ${settings.endpoint}`}…`);
  const progress = (sheet: string, done: number, total: number) => total > 1 && say("status", `Writing ${sheet}: part ${done} of ${total}…`);
  let outcome: Awaited<ReturnType<typeof scoreAndWrite>>;
  try {
    outcome = await busy(() => scoreAndWrite(context.run, prepared, settings, new Date(), progress));
  } catch (error) {
    // Excel can refuse a read or a write (a protected sheet…): say so rather than leave "Scoring…" up.
    say("status", `Could not score: ${(error as Error).message}`, "error");
    return;
  }
  if (outcome.ok) {
    lastScore.set({ body: outcome.body, response: outcome.response, run: outcome.run });
    const { scored, unscored, designations } = outcome.response.summary;
    say(
      "status",
      `Done: ${scored} scored, ${unscored} unscored; ${designations.priority} Priority, ${designations.focus} Focus, ${designations.reward} Reward. See SQII Results, Subgroups, Indicators, Partnerships and Districts.`,
      "ok",
    );
    roll.offer(outcome.response, prepared.read.request);
    return;
  }
  const { failure } = outcome;
  if (failure.kind === "invalid") {
    showProblems(context, outcome.problems, outcome.unlisted);
    say("status", "Problems found in the data or in SQII Config; fix these cells and score again.", "error");
    return;
  }
  say("status", failure.message, "error");
  $("retry").hidden = !failure.retry;
}
