// §6 and §12: per student group, who counts and which flags it raises; per school, the achievement
// gap between its highest and lowest accountable groups. As for the index, the work is done once in
// numbers (`flagSchool` into a reusable FlagParts) and the report objects are made from them.

import type { Config, School } from "../contract/requests.js";
import type { SchoolResult, SubgroupReport } from "../contract/responses.js";
import { SUBGROUPS, type Subgroup } from "../core/model.js";
import { round6 } from "../core/numbers.js";
import { GROUP_COUNT, POSITION, SCHOOL_ONLY } from "./level-grid.js";
import type { GroupLevels, LevelTable } from "./school-index.js";

const TARGETED = ["ela", "math", "grad"] as const;
const ELA = POSITION.ela!;
const MATH = POSITION.math!;

// One bit per flag, in the order a group's flags are listed.
const FLAG_NAMES = ["notAccountable", "newlyAccountable", "suppressed", "belowTarget:ela", "belowTarget:math", "belowTarget:grad", "gap"] as const;
const NOT_ACCOUNTABLE = 1;
const NEWLY_ACCOUNTABLE = 2;
const SUPPRESSED = 4;
const BELOW_TARGET = 8; // << 0, 1, 2 for ela, math, grad
const GAP = 64;

/** Mean of the ELA and math levels (either alone if one is missing); null without both. */
export function academicLevel(levels: LevelTable | undefined): number | null {
  const ela = levels?.ela;
  const math = levels?.math;
  if (ela !== undefined && math !== undefined) return (ela + math) / 2;
  return ela ?? math ?? null;
}

/** The same, from a school's grid row: group g's academic level, null when not counted or without both. */
function academicOf(levels: GroupLevels, g: number): number | null {
  const ela = levels.level(g, ELA);
  const math = levels.level(g, MATH);
  if (ela !== 0 && math !== 0) return (ela + math) / 2;
  return ela !== 0 ? ela : math !== 0 ? math : null;
}

/** One school's flags in numbers: what `flagSchool` fills in. Reusable from school to school. */
export class FlagParts {
  /** Bit g set: the school sent group g. */
  present = 0;
  /** Per group: its flags (bits in FLAG_NAMES order) and its unrounded academic level (NaN: none). */
  readonly flags = new Uint8Array(GROUP_COUNT);
  readonly academic = new Float64Array(GROUP_COUNT);
  /** Any group carries the `gap` flag (drops the school from highest-performing Reward). */
  hasGapFlag = false;
  /** Unrounded gap, for ranking; null without two accountable groups with an academic level. */
  gapValue: number | null = null;
  /** The highest and lowest academic levels among the non-ALL groups, when gapValue is not null. */
  max = 0;
  min = 0;
}

/**
 * What scoring needs of the flags: each counted group's academic level, the gap, and whether any
 * group carries the `gap` flag. Read from the grid alone, so it is cheap enough for every scenario.
 */
export function gapParts(levels: GroupLevels, gapLevels: number, out: FlagParts): FlagParts {
  const allAcademic = academicOf(levels, 0);
  const gapBar = allAcademic === null ? 0 : round6(allAcademic - gapLevels);
  let hasGapFlag = false;
  let max = -Infinity;
  let min = Infinity;
  let counted = 0;
  out.flags.fill(0);
  for (let g = 0; g < GROUP_COUNT; g++) {
    const academic = levels.isCounted(g) ? academicOf(levels, g) : null;
    if (academic === null) {
      out.academic[g] = Number.NaN;
      continue;
    }
    out.academic[g] = academic;
    if (g === 0) continue;
    if (allAcademic !== null && round6(academic) <= gapBar) {
      out.flags[g] = GAP;
      hasGapFlag = true;
    }
    counted++;
    if (academic > max) max = academic;
    if (academic < min) min = academic;
  }
  out.present = levels.present;
  out.hasGapFlag = hasGapFlag;
  out.gapValue = counted < 2 ? null : max - min;
  out.max = max;
  out.min = min;
  return out;
}

/** Every flag of every group sent: the gap's (gapParts), then n-size and below-target. */
export function flagSchool(school: School, levels: GroupLevels, config: Config, out: FlagParts): FlagParts {
  gapParts(levels, config.gapLevels, out);
  const applies = config.indicatorWeights[school.level];
  const { minN, previousMinN, suppressBelow } = config;
  for (let g = 0; g < GROUP_COUNT; g++) {
    if (!(levels.present & (1 << g))) continue;
    const result = school.subgroups[SUBGROUPS[g]!]!;
    const { n } = result;
    const accountable = n >= minN;
    let flags = out.flags[g]!;
    if (n > 0 && n < minN) flags |= NOT_ACCOUNTABLE;
    if (accountable && n < previousMinN) flags |= NEWLY_ACCOUNTABLE;
    if (n < suppressBelow) flags |= SUPPRESSED;
    if (accountable) {
      for (let t = 0; t < TARGETED.length; t++) {
        const code = TARGETED[t]!;
        const value = result[code];
        const target = config.targets[code];
        if (value != null && target !== undefined && applies[code] !== undefined && round6(value) < round6(target)) flags |= BELOW_TARGET << t;
      }
    }
    out.flags[g] = flags;
  }
  return out;
}

/** The non-ALL groups whose rounded academic level is round6(level), in §1 order. */
export function groupsAt(parts: FlagParts, level: number): Subgroup[] {
  const target = round6(level);
  const out: Subgroup[] = [];
  for (let g = 1; g < GROUP_COUNT; g++) {
    const academic = parts.academic[g]!;
    if (!Number.isNaN(academic) && round6(academic) === target) out.push(SUBGROUPS[g]!);
  }
  return out;
}

function flagNames(bits: number): string[] {
  const names: string[] = [];
  for (let b = 0; b < FLAG_NAMES.length; b++) if (bits & (1 << b)) names.push(FLAG_NAMES[b]!);
  return names;
}

/** A counted group's own levels, keyed in the order the request lists its values. */
function ownLevels(result: object, levels: GroupLevels, g: number): LevelTable {
  const own: LevelTable = {};
  for (const key in result) {
    const i = POSITION[key];
    if (i === undefined || (g > 0 && SCHOOL_ONLY[i])) continue;
    const level = levels.level(g, i);
    if (level !== 0) own[key as keyof LevelTable] = level;
  }
  return own;
}

export interface FlagOutcome {
  subgroups: SchoolResult["subgroups"];
  gap: SchoolResult["gap"];
  /** Unrounded gap, for ranking; null without two accountable groups with an academic level. */
  gapValue: number | null;
  /** Any group carries the `gap` flag (drops the school from highest-performing Reward). */
  hasGapFlag: boolean;
}

/** The flags as result objects. */
export function subgroupFlags(school: School, levels: GroupLevels, config: Config, parts = new FlagParts()): FlagOutcome {
  flagSchool(school, levels, config, parts);
  const subgroups: SchoolResult["subgroups"] = {};
  for (let g = 0; g < GROUP_COUNT; g++) {
    if (!(parts.present & (1 << g))) continue;
    const group = SUBGROUPS[g]!;
    const result = school.subgroups[group]!;
    const accountable = levels.isCounted(g);
    const academic = parts.academic[g]!;
    const report: SubgroupReport = {
      n: result.n,
      accountable,
      flags: flagNames(parts.flags[g]!),
      levels: accountable ? ownLevels(result, levels, g) : {},
      academicLevel: Number.isNaN(academic) ? null : round6(academic),
      academicChange: null,
    };
    subgroups[group] = report;
  }
  const { gapValue, hasGapFlag } = parts;
  if (gapValue === null) return { subgroups, gap: null, gapValue, hasGapFlag };
  return { subgroups, gap: { value: round6(gapValue), highest: groupsAt(parts, parts.max), lowest: groupsAt(parts, parts.min) }, gapValue, hasGapFlag };
}
