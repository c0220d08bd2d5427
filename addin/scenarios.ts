// What-if scenarios in the pane: up to four drafts over the same schools. Each starts from a config
// sheet (blank: the workbook's own SQII Config, the baseline's config; or a sheet the user names,
// such as a copy "SQII Config 2" with other cut points, weights or targets), and the seven quick
// fields change it on top: only the fields the user set (or a preset set) count, the others show
// the sheet's values. Designation counts are previewed live by the bundled engine. The comparison
// sheet itself is shared/reports/scenario-report.ts.

import { mergePatches, resolveConfig } from "../shared/contract/config.js";
import { DEFAULT_CONFIG } from "../shared/contract/default-config.js";
import type { Config, ConfigPatch } from "../shared/contract/requests.js";
import type { Problem } from "../shared/core/problems.js";
import { evaluateSchools, parseScoreRequest } from "../shared/schools/score.js";
import type { ConfigSheetRead } from "../shared/tables/config-sheet.js";

export const MAX_SCENARIOS = 4;

/** The settings a district office varies most, in the units the pane shows (shares as percentages). */
export interface QuickFields {
  academic: number;
  secc: number;
  minN: number;
  subgroupSharePct: number;
  priorityPct: number;
  focusPct: number;
  rewardPct: number;
}

export interface ScenarioDraft {
  name: string;
  /** The config sheet the scenario starts from; "" is the workbook's own (SQII Config, or the default when it has none). */
  sheet: string;
  /** The quick fields set on top of that sheet's config. */
  overrides: Partial<QuickFields>;
}

/** Presets set some fields and leave the rest to the sheet: "Workbook config" changes nothing. */
export const PRESETS: Record<string, Partial<QuickFields>> = {
  "Workbook config": {},
  "Academic only": { academic: 100, secc: 0 },
  "50/50": { academic: 50, secc: 50 },
};

export function draftFromPreset(preset: keyof typeof PRESETS & string, name = preset, sheet = ""): ScenarioDraft {
  return { name, sheet, overrides: { ...PRESETS[preset] } };
}

const pct = (share: number) => Number((share * 100).toPrecision(12));

/** What the fields show for a config: its own values, shares as percentages. */
export function fieldsOf(config: Config): QuickFields {
  return {
    academic: pct(config.domainWeights.academic),
    secc: pct(config.domainWeights.secc),
    minN: config.minN,
    subgroupSharePct: pct(config.subgroupShare),
    priorityPct: pct(config.designation.priorityShare),
    focusPct: pct(config.designation.focusShare),
    rewardPct: pct(config.designation.rewardShare),
  };
}

/** The patch the fields set stand for (and nothing for a field left to the sheet). Values are checked by the engine. */
export function toPatch(fields: Partial<QuickFields>): ConfigPatch {
  const share = (value: number | undefined) => (value === undefined ? undefined : Number((value / 100).toPrecision(12)));
  const patch: ConfigPatch = {};
  const domainWeights = { academic: share(fields.academic), secc: share(fields.secc) };
  if (domainWeights.academic !== undefined || domainWeights.secc !== undefined) patch.domainWeights = domainWeights;
  if (fields.minN !== undefined) patch.minN = fields.minN;
  if (fields.subgroupSharePct !== undefined) patch.subgroupShare = share(fields.subgroupSharePct);
  const designation = { priorityShare: share(fields.priorityPct), focusShare: share(fields.focusPct), rewardShare: share(fields.rewardPct) };
  if (Object.values(designation).some((v) => v !== undefined)) patch.designation = designation;
  return JSON.parse(JSON.stringify(patch)) as ConfigPatch; // without the undefined leaves
}

/** A draft's config patch: its sheet's, the fields over it. A sheet means what it means as SQII Config: merged over the default. */
export function draftPatch(draft: ScenarioDraft, base: ConfigSheetRead | null): unknown {
  return mergePatches(base?.patch ?? {}, toPatch(draft.overrides));
}

/** The config a draft's fields show under the ones the user set: the sheet's, or the default. */
export function baseConfig(base: ConfigSheetRead | null): Config {
  return base?.config ?? DEFAULT_CONFIG;
}

/** Schools as read from a sheet, not yet checked: the engine checks them (and says where). */
export type SchoolsDraft = { schools: readonly unknown[]; year?: unknown };

/** `bases[i]` is the sheet draft i starts from, read. No request-level config: each scenario carries its whole patch. */
export function scenariosRequest(request: SchoolsDraft, drafts: readonly ScenarioDraft[], bases: readonly (ConfigSheetRead | null)[]) {
  const { config: _config, ...rest } = request as SchoolsDraft & { config?: unknown };
  return { ...rest, scenarios: drafts.slice(0, MAX_SCENARIOS).map((d, i) => ({ name: d.name, config: draftPatch(d, bases[i] ?? null) })) };
}

export type Preview = { ok: true; counts: Record<"priority" | "focus" | "reward" | "none", number>; scored: number } | { ok: false; problems: Problem[] };

/** Designation counts of one draft, computed in the pane as its values change (no network). */
export function previewDraft(request: SchoolsDraft, draft: ScenarioDraft, base: ConfigSheetRead | null): Preview {
  if (base && base.problems.length > 0) return { ok: false, problems: base.problems };
  const { config: _config, ...schools } = request as SchoolsDraft & { config?: unknown };
  const parsed = parseScoreRequest(schools);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const config = resolveConfig([{ patch: draftPatch(draft, base), at: ["config"] }]);
  if (!config.ok) return { ok: false, problems: config.problems };
  const { results } = evaluateSchools(parsed.value.request.schools, config.value, parsed.value.request.year);
  const counts = { priority: 0, focus: 0, reward: 0, none: 0 };
  for (const r of results) counts[r.designation.type]++;
  return { ok: true, counts, scored: results.filter((r) => r.status === "scored").length };
}
