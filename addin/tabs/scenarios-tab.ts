// The Scenarios tab: up to four cards (the first is the baseline), each starting from a config
// sheet (blank: the workbook's own SQII Config; or a sheet named in the card, e.g. a copy "SQII
// Config 2" with other cut points, weights or targets) with seven quick fields over it, previewing
// its designation counts in the pane against the selection the Score tab read; and Compare, which
// reads the sheets again, sends every card to the engine and writes SQII Scenarios.

import { callEngine } from "../../shared/client/api-client.js";
import type { LocatedProblem } from "../../shared/tables/cells.js";
import type { ConfigSheetRead } from "../../shared/tables/config-sheet.js";
import { workbookRequest } from "../../shared/tables/workbook-request.js";
import {
  baseConfig,
  draftFromPreset,
  fieldsOf,
  MAX_SCENARIOS,
  PRESETS,
  previewDraft,
  type QuickFields,
  type ScenarioDraft,
  scenariosRequest,
} from "../scenarios.js";
import { $, busy, problemItems, say } from "../ui.js";
import { readConfigSheetNamed, readWorkbookConfig } from "../workbook-config.js";
import type { ReadSelection, TabContext } from "./tab-context.js";

const FIELDS: [keyof QuickFields, string][] = [
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
  inputs: (readonly [keyof QuickFields, HTMLInputElement])[];
  /** The card's sheet as last read; an Error when it could not be (no such sheet). */
  base: ConfigSheetRead | null | Error;
}

/** Adds the two starting cards and binds Add scenario and Compare; sheets and previews follow each new read. */
export function setUpScenariosTab(context: TabContext, selection: ReadSelection): void {
  const cards: Card[] = [];
  const add = (preset: string) => addScenario(context, cards, selection, preset);
  add("Workbook config");
  add("Academic only");
  $("add-scenario").addEventListener("click", () => add("50/50"));
  $("compare").addEventListener("click", () => void compare(context, selection, cards));
  selection.onChange(() => {
    for (const card of cards) void loadBase(context, card, selection);
  });
}

/** The card's sheet, read now: the workbook's config, or the sheet the card names. */
function readBase({ run }: TabContext, card: Card): Promise<ConfigSheetRead | null> {
  return card.draft.sheet === "" ? run((c) => readWorkbookConfig(c)) : run((c) => readConfigSheetNamed(c, card.draft.sheet));
}

async function loadBase(context: TabContext, card: Card, selection: ReadSelection): Promise<void> {
  card.base = await readBase(context, card).catch((error: Error) => error);
  showFields(card);
  refreshPreview(card, selection);
}

/** Fields the user has not set show the sheet's values. */
function showFields(card: Card): void {
  const shown = fieldsOf(baseConfig(card.base instanceof Error ? null : card.base));
  for (const [key, input] of card.inputs) input.value = String(card.draft.overrides[key] ?? shown[key]);
}

function refreshPreview(card: Card, selection: ReadSelection): void {
  const prepared = selection.current;
  if (card.base instanceof Error) card.preview.textContent = `Config sheet: ${card.base.message}.`;
  else if (!prepared) card.preview.textContent = "Read a selection on the Score tab to see counts.";
  else {
    const preview = previewDraft(workbookRequest(prepared.read, { sheet: prepared.config }).request, card.draft, card.base);
    const first = preview.ok ? undefined : (preview.problems[0] as LocatedProblem | undefined);
    card.preview.textContent = preview.ok
      ? `${preview.scored} scored · Priority ${preview.counts.priority} · Focus ${preview.counts.focus} · Reward ${preview.counts.reward}`
      : `Check the values: ${first ? `${first.cell ?? first.path}: ${first.message}` : "invalid"}`;
  }
}

function addScenario(context: TabContext, cards: Card[], selection: ReadSelection, preset: string): void {
  if (cards.length >= MAX_SCENARIOS) return;
  const index = cards.length;
  const card: Card = { draft: draftFromPreset(preset, index === 0 ? "Baseline" : preset), preview: document.createElement("p"), inputs: [], base: null };
  const box = document.createElement("fieldset");
  box.className = "card";
  const name = Object.assign(document.createElement("input"), { type: "text", value: card.draft.name, ariaLabel: "Scenario name" });
  name.addEventListener("input", () => {
    card.draft.name = name.value.trim() || `Scenario ${cards.indexOf(card) + 1}`;
  });
  const presets = document.createElement("select");
  presets.ariaLabel = "Preset";
  presets.append(...Object.keys(PRESETS).map((p) => Object.assign(document.createElement("option"), { value: p, textContent: p, selected: p === preset })));
  // Ids by position and field (s0-priorityPct, s1-sheet, …): the labels point at them and the browser test fills them.
  const sheet = Object.assign(document.createElement("input"), { type: "text", id: `s${index}-sheet`, placeholder: "SQII Config" });
  sheet.addEventListener("change", () => {
    card.draft.sheet = sheet.value.trim();
    void loadBase(context, card, selection);
  });
  const grid = document.createElement("div");
  grid.className = "grid";
  grid.append(Object.assign(document.createElement("label"), { htmlFor: sheet.id, textContent: "Config sheet" }), sheet);
  card.inputs = FIELDS.map(([key, label]) => {
    const input = Object.assign(document.createElement("input"), { type: "number", step: "any", id: `s${index}-${key}` });
    input.addEventListener("input", () => {
      card.draft.overrides[key] = Number(input.value);
      refreshPreview(card, selection);
    });
    grid.append(Object.assign(document.createElement("label"), { htmlFor: input.id, textContent: label }), input);
    return [key, input] as const;
  });
  presets.addEventListener("change", () => {
    card.draft.overrides = { ...PRESETS[presets.value] };
    showFields(card);
    refreshPreview(card, selection);
  });
  card.preview.className = "preview";
  box.append(name, presets, grid, card.preview);
  $("scenario-cards").append(box);
  cards.push(card);
  showFields(card);
  refreshPreview(card, selection);
  ($("add-scenario") as HTMLButtonElement).hidden = cards.length >= MAX_SCENARIOS;
}

function showProblems(context: TabContext, problems: readonly LocatedProblem[]): void {
  say("scenario-status", `${problems.length} problem${problems.length === 1 ? "" : "s"} to fix:`, "error");
  $("scenario-problems").replaceChildren(...problemItems(context.run, problems));
}

async function compare(context: TabContext, selection: ReadSelection, cards: readonly Card[]): Promise<void> {
  const source = selection.current;
  $("scenario-problems").replaceChildren();
  if (!source) {
    say("scenario-status", "Read a selection on the Score tab first.", "error");
    return;
  }
  say("scenario-status", `Comparing ${cards.length} scenarios over ${source.schools} schools…`);
  // Every sheet as it is now: the workbook's config (the year and the baseline) and each card's.
  let bases: (ConfigSheetRead | null)[];
  let workbook: ReturnType<typeof workbookRequest>;
  try {
    workbook = workbookRequest(source.read, { sheet: await context.run((c) => readWorkbookConfig(c)) });
    bases = await Promise.all(cards.map((card) => readBase(context, card)));
  } catch (error) {
    say("scenario-status", `Config sheet: ${(error as Error).message}.`, "error");
    return;
  }
  // A card on the workbook's own sheet repeats its problems: each is listed once.
  const early = [...workbook.problems(), ...bases.flatMap((b) => b?.problems ?? [])];
  const seen = new Set<string>();
  const unique = early.filter((p) => {
    const key = `${p.cell}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length > 0) return showProblems(context, unique);
  const request = scenariosRequest(
    workbook.request,
    cards.map((c) => c.draft),
    bases,
  );
  try {
    // Loaded when first asked for (SQII Scenarios' model and the sheet writer are not in the pane's
    // first script), before anything is sent.
    const [{ scenarioSheet }, { writeSheets }] = await Promise.all([import("../../shared/reports/scenario-report.js"), import("../sheet-writer.js")]);
    const outcome = await busy(() => callEngine("scenarios", request, context.settings()));
    if (!outcome.ok) {
      if (outcome.kind === "invalid") return showProblems(context, workbook.problems(outcome.problems));
      say("scenario-status", outcome.message, "error");
      return;
    }
    const names = new Map(source.read.request.schools.map((s) => [s.id, (s as { name?: string }).name ?? null]));
    await busy(() => context.run((excel) => writeSheets(excel, [scenarioSheet(outcome.value, names, source.source.address, new Date())])));
    const changed = outcome.value.schools.filter((s) => s.changes.some((c) => c.designationFrom !== c.designationTo)).length;
    say("scenario-status", `Done: ${changed} schools change designation against the baseline. See SQII Scenarios.`, "ok");
  } catch (error) {
    // Excel can refuse the write (a protected sheet…): say so rather than leave "Comparing…" up.
    say("scenario-status", `Could not compare: ${(error as Error).message}`, "error");
  }
}
