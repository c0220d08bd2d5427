// The Scenarios tab: up to four cards of weights and cut-offs (the first is the baseline), each
// previewing its designation counts in the pane against the selection the Score tab read, and
// Compare, which sends them all to the engine and writes SQII Scenarios.

import { callEngine } from "../../shared/client/api-client.js";
import { scenarioSheet } from "../../shared/reports/scenario-report.js";
import { draftFromPreset, MAX_SCENARIOS, PRESETS, previewDraft, type ScenarioDraft, scenariosRequest } from "../scenarios.js";
import { writeSheets } from "../sheet-writer.js";
import { $, busy, say } from "../ui.js";
import type { ReadSelection, TabContext } from "./tab-context.js";

const FIELDS: [keyof Omit<ScenarioDraft, "name">, string][] = [
  ["academic", "Academic weight %"],
  ["secc", "SE/CC weight %"],
  ["minN", "Minimum n"],
  ["subgroupSharePct", "Subgroup share %"],
  ["priorityPct", "Priority %"],
  ["focusPct", "Focus %"],
  ["rewardPct", "Reward %"],
];

interface Card {
  draft: ScenarioDraft;
  preview: HTMLElement;
}

/** Adds the two starting cards and binds Add scenario and Compare; previews follow each new read. */
export function setUpScenariosTab(context: TabContext, selection: ReadSelection): void {
  const cards: Card[] = [];
  const add = (preset: string) => addScenario(cards, selection, preset);
  add("Default");
  add("Academic only");
  $("add-scenario").addEventListener("click", () => add("50/50"));
  $("compare").addEventListener("click", () => void compare(context, selection, cards));
  selection.onChange(() => {
    for (const card of cards) refreshPreview(card, selection);
  });
}

function refreshPreview(card: Card, selection: ReadSelection): void {
  const prepared = selection.current;
  if (!prepared) {
    card.preview.textContent = "Read a selection on the Score tab to see counts.";
    return;
  }
  const preview = previewDraft(prepared.read.request, card.draft);
  card.preview.textContent = preview.ok
    ? `${preview.scored} scored · Priority ${preview.counts.priority} · Focus ${preview.counts.focus} · Reward ${preview.counts.reward}`
    : `Check the values: ${preview.problems[0]?.message ?? "invalid"}`;
}

function addScenario(cards: Card[], selection: ReadSelection, preset: string): void {
  if (cards.length >= MAX_SCENARIOS) return;
  const card: Card = { draft: draftFromPreset(preset, cards.length === 0 ? "Baseline" : preset), preview: document.createElement("p") };
  const box = document.createElement("fieldset");
  box.className = "card";
  const name = Object.assign(document.createElement("input"), { type: "text", value: card.draft.name, ariaLabel: "Scenario name" });
  name.addEventListener("input", () => {
    card.draft.name = name.value.trim() || `Scenario ${cards.indexOf(card) + 1}`;
  });
  const presets = document.createElement("select");
  presets.ariaLabel = "Preset";
  presets.append(...Object.keys(PRESETS).map((p) => Object.assign(document.createElement("option"), { value: p, textContent: p, selected: p === preset })));
  const grid = document.createElement("div");
  grid.className = "grid";
  const inputs = FIELDS.map(([key, label]) => {
    const input = Object.assign(document.createElement("input"), { type: "number", value: String(card.draft[key]), step: "any" });
    // Ids by position and field (s0-priorityPct, …): the labels point at them and the browser test fills them.
    const id = `s${cards.length}-${key}`;
    input.id = id;
    input.addEventListener("input", () => {
      card.draft[key] = Number(input.value);
      refreshPreview(card, selection);
    });
    grid.append(Object.assign(document.createElement("label"), { htmlFor: id, textContent: label }), input);
    return [key, input] as const;
  });
  presets.addEventListener("change", () => {
    Object.assign(card.draft, PRESETS[presets.value]);
    for (const [key, input] of inputs) input.value = String(card.draft[key]);
    refreshPreview(card, selection);
  });
  card.preview.className = "preview";
  box.append(name, presets, grid, card.preview);
  $("scenario-cards").append(box);
  cards.push(card);
  refreshPreview(card, selection);
  ($("add-scenario") as HTMLButtonElement).hidden = cards.length >= MAX_SCENARIOS;
}

async function compare({ run, settings }: TabContext, selection: ReadSelection, cards: readonly Card[]): Promise<void> {
  const source = selection.current;
  if (!source) {
    say("scenario-status", "Read a selection on the Score tab first.", "error");
    return;
  }
  say("scenario-status", `Comparing ${cards.length} scenarios over ${source.schools} schools…`);
  const outcome = await busy(() =>
    callEngine(
      "scenarios",
      scenariosRequest(
        source.read.request,
        cards.map((c) => c.draft),
      ),
      settings(),
    ),
  );
  if (!outcome.ok) {
    const message =
      outcome.kind === "invalid"
        ? `Problems: ${outcome.problems
            .slice(0, 3)
            .map((p) => `${p.path}: ${p.message}`)
            .join("; ")}`
        : outcome.message;
    say("scenario-status", message, "error");
    return;
  }
  const names = new Map(source.read.request.schools.map((s) => [s.id, (s as { name?: string }).name ?? null]));
  await busy(() => run((context) => writeSheets(context, [scenarioSheet(outcome.value, names, source.source.address, new Date())])));
  const changed = outcome.value.schools.filter((s) => s.changes.some((c) => c.designationFrom !== c.designationTo)).length;
  say("scenario-status", `Done: ${changed} schools change designation against the baseline. See SQII Scenarios.`, "ok");
}
