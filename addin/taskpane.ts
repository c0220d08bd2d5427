// The task pane's page: wires the buttons to the flows in score-flow.ts and template.ts and shows
// each state (working, mapping, problems, success, failure with retry). All logic lives in those
// modules; this file only moves between them and the page.

import { callEngine } from "../shared/client/api-client.js";
import type { LocatedProblem } from "../shared/tables/school-table.js";
import { draftFromPreset, MAX_SCENARIOS, PRESETS, previewDraft, type ScenarioDraft, scenarioSheet, scenariosRequest } from "./scenarios.js";
import { type Prepared, prepare, type RunExcel, scoreAndWrite } from "./score-flow.js";
import { writeSheets } from "./sheet-writer.js";
import { setUpEvaluationsTab } from "./tabs/evaluations-tab.js";
import { setUpSettingsTab } from "./tabs/settings-tab.js";
import type { TabContext } from "./tabs/tab-context.js";
import { setUpTemplateTab } from "./tabs/template-tab.js";
import { $, busy, problemItems, say, setUpTabs } from "./ui.js";

const run: RunExcel = (batch) => Excel.run(batch);
/** Set when the page starts; the Score and Scenarios code below reads the settings through it. */
let context: TabContext;

// ---------------------------------------------------------------- score

let prepared: Prepared | null = null;

function showProblems(problems: LocatedProblem[]): void {
  $("problem-list").replaceChildren(...problemItems(run, problems));
  $("problems").hidden = problems.length === 0;
}

async function read(): Promise<void> {
  $("retry").hidden = true;
  showProblems([]);
  say("status", "Reading the selection…");
  try {
    prepared = await busy(() => prepare(run));
  } catch (error) {
    say("status", `Could not read the selection: ${(error as Error).message}`, "error");
    return;
  }
  const { mapping, schools, source, problems } = prepared;
  $("mapping").hidden = false;
  say("mapping-summary", `${source.address}: ${schools} schools, ${mapping.format} format.`);
  $("mapping-list").replaceChildren(
    ...[
      `Recognised: ${mapping.recognised.map((c) => `${c.header} (${c.column})`).join(", ") || "none"}`,
      `Ignored: ${mapping.ignored.join(", ") || "none"}`,
      `Missing: ${mapping.missing.join(", ") || "none"}`,
    ].map((text) => Object.assign(document.createElement("li"), { textContent: text })),
  );
  showProblems(problems);
  cards.forEach(refreshPreview);
  ($("score") as HTMLButtonElement).hidden = problems.length > 0;
  say(
    "status",
    problems.length > 0 ? `${problems.length} problem${problems.length === 1 ? "" : "s"} to fix before scoring.` : "Ready to score.",
    problems.length > 0 ? "error" : "",
  );
}

async function score(): Promise<void> {
  if (!prepared) return;
  const settings = context.settings();
  $("retry").hidden = true;
  say("status", `Scoring ${prepared.schools} schools${settings.endpoint === "local" ? " in the pane" : ` on ${settings.endpoint}`}…`);
  const progress = (sheet: string, done: number, total: number) => total > 1 && say("status", `Writing ${sheet}: part ${done} of ${total}…`);
  const outcome = await busy(() => scoreAndWrite(run, prepared!, settings, new Date(), progress));
  if (outcome.ok) {
    const { scored, unscored, designations } = outcome.response.summary;
    say(
      "status",
      `Done: ${scored} scored, ${unscored} unscored; ${designations.priority} Priority, ${designations.focus} Focus, ${designations.reward} Reward. See SQII Results and SQII Subgroups.`,
      "ok",
    );
    return;
  }
  const { failure } = outcome;
  if (failure.kind === "invalid") {
    showProblems(outcome.problems);
    say("status", "The API found problems in the data.", "error");
    return;
  }
  say("status", failure.message, "error");
  $("retry").hidden = !failure.retry;
}

// ---------------------------------------------------------------- scenarios

const FIELDS: [keyof Omit<ScenarioDraft, "name">, string][] = [
  ["academic", "Academic weight %"],
  ["secc", "SE/CC weight %"],
  ["minN", "Minimum n"],
  ["subgroupSharePct", "Subgroup share %"],
  ["priorityPct", "Priority %"],
  ["focusPct", "Focus %"],
  ["rewardPct", "Reward %"],
];
const cards: { draft: ScenarioDraft; preview: HTMLElement }[] = [];

function refreshPreview(card: (typeof cards)[number]): void {
  if (!prepared) {
    card.preview.textContent = "Read a selection on the Score tab to see counts.";
    return;
  }
  const preview = previewDraft(prepared.read.request, card.draft);
  card.preview.textContent = preview.ok
    ? `${preview.scored} scored · Priority ${preview.counts.priority} · Focus ${preview.counts.focus} · Reward ${preview.counts.reward}`
    : `Check the values: ${preview.problems[0]?.message ?? "invalid"}`;
}

function addScenario(preset: string): void {
  if (cards.length >= MAX_SCENARIOS) return;
  const card = { draft: draftFromPreset(preset, cards.length === 0 ? "Baseline" : preset), preview: document.createElement("p") };
  const box = document.createElement("fieldset");
  box.className = "card";
  const name = Object.assign(document.createElement("input"), { type: "text", value: card.draft.name, ariaLabel: "Scenario name" });
  name.addEventListener("input", () => (card.draft.name = name.value.trim() || `Scenario ${cards.indexOf(card) + 1}`));
  const presets = document.createElement("select");
  presets.ariaLabel = "Preset";
  presets.append(...Object.keys(PRESETS).map((p) => Object.assign(document.createElement("option"), { value: p, textContent: p, selected: p === preset })));
  const grid = document.createElement("div");
  grid.className = "grid";
  const inputs = FIELDS.map(([key, label]) => {
    const input = Object.assign(document.createElement("input"), { type: "number", value: String(card.draft[key]), step: "any" });
    const id = `s${cards.length}-${key}`;
    input.id = id;
    input.addEventListener("input", () => {
      card.draft[key] = Number(input.value);
      refreshPreview(card);
    });
    grid.append(Object.assign(document.createElement("label"), { htmlFor: id, textContent: label }), input);
    return [key, input] as const;
  });
  presets.addEventListener("change", () => {
    Object.assign(card.draft, PRESETS[presets.value]);
    for (const [key, input] of inputs) input.value = String(card.draft[key]);
    refreshPreview(card);
  });
  card.preview.className = "preview";
  box.append(name, presets, grid, card.preview);
  $("scenario-cards").append(box);
  cards.push(card);
  refreshPreview(card);
  ($("add-scenario") as HTMLButtonElement).hidden = cards.length >= MAX_SCENARIOS;
}

async function compare(): Promise<void> {
  if (!prepared) return say("scenario-status", "Read a selection on the Score tab first.", "error");
  const source = prepared;
  say("scenario-status", `Comparing ${cards.length} scenarios over ${source.schools} schools…`);
  const outcome = await busy(() =>
    callEngine(
      "scenarios",
      scenariosRequest(
        source.read.request,
        cards.map((c) => c.draft),
      ),
      context.settings(),
    ),
  );
  if (!outcome.ok) {
    return say(
      "scenario-status",
      outcome.kind === "invalid"
        ? `Problems: ${outcome.problems
            .slice(0, 3)
            .map((p) => `${p.path}: ${p.message}`)
            .join("; ")}`
        : outcome.message,
      "error",
    );
  }
  const names = new Map(source.read.request.schools.map((s) => [s.id, (s as { name?: string }).name ?? null]));
  await busy(() => run((context) => writeSheets(context, [scenarioSheet(outcome.value, names, source.source.address, new Date())])));
  const changed = outcome.value.schools.filter((s) => s.changes.some((c) => c.designationFrom !== c.designationTo)).length;
  say("scenario-status", `Done: ${changed} schools change designation against the baseline. See SQII Scenarios.`, "ok");
}

function start(): void {
  setUpTabs();
  context = { run, settings: setUpSettingsTab() };
  $("read").addEventListener("click", () => void read());
  $("score").addEventListener("click", () => void score());
  $("retry").addEventListener("click", () => void score());
  addScenario("Default");
  addScenario("Academic only");
  $("add-scenario").addEventListener("click", () => addScenario("50/50"));
  $("compare").addEventListener("click", () => void compare());
  setUpEvaluationsTab(context);
  setUpTemplateTab(context);
}

// Office.onReady fires in Excel, and also (with host null) in a plain browser that loaded office.js.
if (typeof Office !== "undefined") void Office.onReady(start);
else document.addEventListener("DOMContentLoaded", start);
