// What-if weighting in the pane: up to four scenario drafts over the same schools, each the config
// patch it stands for, with its designation counts previewed live by the bundled engine. The
// comparison sheet itself is shared/reports/scenario-report.ts.

import { resolveConfig } from "../shared/contract/config.js";
import type { ConfigPatch } from "../shared/contract/requests.js";
import type { Problem } from "../shared/core/problems.js";
import { evaluateSchools, parseScoreRequest } from "../shared/schools/score.js";
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
