// What-if weighting: up to four scenarios over the same schools, previewed live in the pane (local
// engine) and compared into an SQII Scenarios sheet, changes against the first highlighted.

import { resolveConfig } from "../shared/contract/config.js";
import type { ConfigPatch } from "../shared/contract/requests.js";
import type { ScenariosResponse } from "../shared/contract/responses.js";
import type { Problem } from "../shared/core/problems.js";
import { evaluateSchools, parseScoreRequest } from "../shared/schools/score.js";
import type { TableCell } from "../shared/tables/school-table.js";
import { HIGHLIGHTS } from "./result-sheets.js";
import type { SheetContent } from "./sheet-writer.js";

export const SCENARIOS_SHEET = "SQII Scenarios";
export const MAX_SCENARIOS = 4;

/** The settings a district office varies, in the units the pane shows (shares as percentages). */
export interface ScenarioDraft {
  name: string;
  academic: number;
  secc: number;
  minN: number;
  subgroupSharePct: number;
  priorityPct: number;
  focusPct: number;
  rewardPct: number;
}

const DEFAULTS: Omit<ScenarioDraft, "name"> = { academic: 60, secc: 40, minN: 20, subgroupSharePct: 50, priorityPct: 5, focusPct: 10, rewardPct: 10 };

export const PRESETS: Record<string, Omit<ScenarioDraft, "name">> = {
  Default: DEFAULTS,
  "Academic only": { ...DEFAULTS, academic: 100, secc: 0 },
  "50/50": { ...DEFAULTS, academic: 50, secc: 50 },
};

export function draftFromPreset(preset: keyof typeof PRESETS & string, name = preset): ScenarioDraft {
  return { name, ...PRESETS[preset]! };
}

/** The config patch a draft stands for; values are checked by the engine like any request's. */
export function toPatch(d: ScenarioDraft): ConfigPatch {
  return {
    domainWeights: { academic: d.academic / 100, secc: d.secc / 100 },
    minN: d.minN,
    subgroupShare: d.subgroupSharePct / 100,
    designation: { priorityShare: d.priorityPct / 100, focusShare: d.focusPct / 100, rewardShare: d.rewardPct / 100 },
  };
}

/** Schools as read from a sheet, not yet checked: the engine checks them (and says where). */
export type SchoolsDraft = { schools: readonly unknown[]; year?: unknown };

export function scenariosRequest(request: SchoolsDraft, drafts: ScenarioDraft[]) {
  return { ...request, scenarios: drafts.slice(0, MAX_SCENARIOS).map((d) => ({ name: d.name, config: toPatch(d) })) };
}

export type Preview = { ok: true; counts: Record<"priority" | "focus" | "reward" | "none", number>; scored: number } | { ok: false; problems: Problem[] };

/** Designation counts of one draft, computed in the pane as its values change (no network). */
export function previewDraft(request: SchoolsDraft, draft: ScenarioDraft): Preview {
  const parsed = parseScoreRequest(request);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const config = resolveConfig([{ patch: toPatch(draft), at: ["config"] }]);
  if (!config.ok) return { ok: false, problems: config.problems };
  const { results } = evaluateSchools(parsed.value.request.schools, config.value, parsed.value.request.year);
  const counts = { priority: 0, focus: 0, reward: 0, none: 0 };
  for (const r of results) counts[r.designation.type]++;
  return { ok: true, counts, scored: results.filter((r) => r.status === "scored").length };
}

const LABELS = { priority: "Priority", focus: "Focus", reward: "Reward", none: "None" } as const;

/** One row per school: score, level and designation per scenario, then what changed against the first. */
export function scenarioSheet(response: ScenariosResponse, names: Map<string, string | null>, source: string, at: Date): SheetContent {
  const scenarios = response.scenarios.map((s) => s.name);
  const [baseline, ...others] = scenarios;
  const header = ["School ID", "School"];
  for (const name of scenarios) header.push(`${name}: Score`, `${name}: Level`, `${name}: Designation`);
  for (const name of others) header.push(`${name}: Δ Score`, `${name}: Changed`);
  const rows: TableCell[][] = response.schools.map((school) => {
    const row: TableCell[] = [school.id, names.get(school.id) ?? null];
    for (const s of school.byScenario) row.push(s.index?.score ?? null, s.index?.level ?? null, LABELS[s.designation.type]);
    for (const c of school.changes) {
      row.push(c.scoreDelta, c.designationFrom === c.designationTo ? null : `${LABELS[c.designationFrom]} → ${LABELS[c.designationTo]}`);
    }
    return row;
  });
  const highlights: Record<string, Record<string, string>> = {};
  for (const name of scenarios) highlights[`${name}: Designation`] = HIGHLIGHTS.Designation;
  for (const name of others) highlights[`${name}: Changed`] = { "→": "#FFE699" };
  return {
    sheet: SCENARIOS_SHEET,
    tableName: "SQIIScenarios",
    info: [
      ["Methodology version", response.methodologyVersion],
      ["Baseline", baseline ?? ""],
      ...response.scenarios.map((s): [string, TableCell] => [`Config hash: ${s.name}`, s.configHash]),
      ["Scored at", at.toISOString()],
      ["Source", source],
    ],
    table: { header, rows },
    highlights,
  };
}
