// A request's schools scored in numbers: levels in a LevelGrid, then per school its index and flags
// (into reused parts, no objects), designations over the pool, and partnerships. A school's result
// object is made from these only when it is asked for (`schoolResult`), so a statewide response can
// be written out one school at a time instead of being held whole.

import type { Config, School } from "../contract/requests.js";
import type { Partnerships, SchoolResult } from "../contract/responses.js";
import { SUBGROUPS, type Subgroup } from "../core/model.js";
import { round6 } from "../core/numbers.js";
import { type Designation, type DesignationInput, designate, type PoolRanking, rankPool } from "./designations.js";
import { FlagParts, flagSchool, groupsAt, subgroupFlags } from "./flags.js";
import { GROUP_COUNT, type LevelGrid, levelGrid, scalesKey } from "./level-grid.js";
import { type Scales, scalesFor } from "./levels.js";
import { assignPartners, type PartnerNeed, type RewardCandidate } from "./partnerships.js";
import { GroupLevels, IndexParts, indexOutput, schoolIndex, tidyIndicators, weighIndex } from "./school-index.js";

export interface Assessment {
  schools: readonly School[];
  config: Config;
  year: number | undefined;
  scales: Scales;
  grid: LevelGrid;
  /** Unrounded weighted mean level per school, in input order; NaN when unscored. */
  meanLevels: Float64Array;
  /** Unrounded index scores (10 × mean level), in input order; null for unscored schools. */
  scores: (number | null)[];
  /** Unrounded gaps, in input order; NaN without two accountable groups with an academic level. */
  gaps: Float64Array;
  ranking: PoolRanking;
  designations: Designation[];
  poolSize: number;
}

/** What an earlier assessment of the same schools can lend a later one (scenarios). */
export interface Reusable {
  /** A grid made with the same scales and a minN no larger than the config's. */
  grid?: LevelGrid;
  /** Earlier assessments: one whose pool, scores and gaps are the same lends its ranking. */
  earlier?: readonly Assessment[];
}

/** The scratch a school's numbers are worked out in, reused from school to school. */
class Work {
  readonly levels = new GroupLevels();
  readonly index = new IndexParts();
  readonly flags = new FlagParts();

  load(a: Pick<Assessment, "schools" | "grid" | "config">, s: number): this {
    this.levels.load(a.grid, s, a.schools[s]!, a.config.minN);
    return this;
  }

  /** Flags (and so the gap's groups) of school s. */
  flagsOf(a: Pick<Assessment, "schools" | "grid" | "config">, s: number): FlagParts {
    this.load(a, s);
    return flagSchool(a.schools[s]!, this.levels, a.config, this.flags);
  }
}

/** What designation reads of a school; the gap's groups are found only for the few that need them. */
class Assessed implements DesignationInput {
  constructor(
    readonly school: School,
    readonly score: number | null,
    readonly gapValue: number | null,
    readonly hasGapFlag: boolean,
    private readonly groups: () => FlagParts,
  ) {}

  get gapLowest(): Subgroup[] {
    const parts = this.groups();
    return groupsAt(parts, parts.min);
  }

  get gapHighest(): Subgroup[] {
    const parts = this.groups();
    return groupsAt(parts, parts.max);
  }
}

export function assessSchools(schools: readonly School[], config: Config, year?: number, reuse: Reusable = {}): Assessment {
  const scales = scalesFor(config);
  const grid = reuse.grid ?? levelGrid(schools, scales, config.minN);
  if (grid.minN > config.minN || grid.key !== scalesKey(scales)) throw new Error("a level grid was reused with other cut points or a larger minN");
  const base = { schools, grid, config };
  const work = new Work();
  const meanLevels = new Float64Array(schools.length);
  const gaps = new Float64Array(schools.length);
  const scores: (number | null)[] = new Array(schools.length);
  const inputs: DesignationInput[] = new Array(schools.length);
  for (let s = 0; s < schools.length; s++) {
    const school = schools[s]!;
    const levels = work.levels.load(grid, s, school, config.minN);
    const { meanLevel } = weighIndex(school, levels, config, work.index);
    const { gapValue, hasGapFlag } = flagSchool(school, levels, config, work.flags);
    const score = meanLevel === null ? null : 10 * meanLevel;
    meanLevels[s] = meanLevel ?? Number.NaN;
    gaps[s] = gapValue ?? Number.NaN;
    scores[s] = score;
    inputs[s] = new Assessed(school, score, gapValue, hasGapFlag, () => work.flagsOf(base, s));
  }
  const poolStatuses = config.designation.pool;
  const lender = reuse.earlier?.find((e) => sameRanking(e, poolStatuses, year, scores, gaps));
  const ranking = lender?.ranking ?? rankPool(inputs, poolStatuses, year);
  const { designations, poolSize } = designate(inputs, config, year, ranking);
  return { schools, config, year, scales, grid, meanLevels, scores, gaps, ranking, designations, poolSize };
}

/** The pool's orders depend on who is in it (status, score) and on scores, gaps and the year only. */
function sameRanking(e: Assessment, pool: readonly string[], year: number | undefined, scores: (number | null)[], gaps: Float64Array): boolean {
  if (e.year !== year || e.config.designation.pool.join() !== pool.join()) return false;
  for (let s = 0; s < scores.length; s++) if (e.scores[s] !== scores[s]) return false;
  for (let s = 0; s < gaps.length; s++) if (!Object.is(e.gaps[s], gaps[s])) return false;
  return true;
}

/** School s's result, made from the assessment's numbers; `work` may be shared by successive calls. */
export function schoolResult(a: Assessment, s: number, work: Work = new Work()): SchoolResult {
  const school = a.schools[s]!;
  const levels = work.load(a, s).levels;
  const index = schoolIndex(school, levels, a.config, a.scales, work.index);
  const flags = subgroupFlags(school, levels, a.config, work.flags);
  tidyIndicators(index.indicators, index.domains);
  return {
    id: school.id,
    name: school.name ?? null,
    district: school.district ?? null,
    level: school.level,
    title1: school.title1,
    status: index.meanLevel === null ? "unscored" : "scored",
    reasons: index.reasons,
    index: indexOutput(index.meanLevel),
    domains: index.domains,
    indicators: index.indicators,
    subgroups: flags.subgroups,
    gap: flags.gap,
    designation: a.designations[s]!,
  };
}

/** Every result, made one at a time from a shared scratch (for a list written out lazily). */
export function resultMaker(a: Assessment): (s: number) => SchoolResult {
  const work = new Work();
  return (s) => schoolResult(a, s, work);
}

/** The index output of school s (`index` of its result), without the rest of the result. */
export function indexOf(a: Assessment, s: number): SchoolResult["index"] {
  const meanLevel = a.meanLevels[s]!;
  return indexOutput(Number.isNaN(meanLevel) ? null : meanLevel);
}

/**
 * §9: every Priority school and every Focus school at stage rewardPartnership, each with the
 * subgroup that identified it, offered to the Reward schools that raised that subgroup.
 */
export function partnershipsOf(a: Assessment, rules: Pick<Config, "partnerCapacity" | "partnerMinLevel"> = a.config): Partnerships {
  const needs: PartnerNeed[] = [];
  const rewards: RewardCandidate[] = [];
  const work = new Work();
  a.designations.forEach(({ type, stage, reasons }, s) => {
    const needsPartner = type === "priority" || (type === "focus" && stage === "rewardPartnership");
    if (!needsPartner && type !== "reward") return;
    const school = a.schools[s]!;
    const flags = work.flagsOf(a, s);
    const district = school.district ?? null;
    if (needsPartner) {
      const byGap = type === "focus" && reasons.some((x) => x.code === "largestGap");
      needs.push({ id: school.id, level: school.level, district, subgroup: identifyingSubgroup(flags, byGap) });
    } else {
      rewards.push({ id: school.id, level: school.level, district, academicLevels: academicLevels(flags) });
    }
  });
  return assignPartners(needs, rewards, { capacity: rules.partnerCapacity, minLevel: rules.partnerMinLevel });
}

/** Focus for a gap → the group at the gap's minimum; otherwise the lowest accountable group, or ALL. */
function identifyingSubgroup(flags: FlagParts, byGap: boolean): Subgroup {
  if (byGap && flags.gapValue !== null) return groupsAt(flags, flags.min)[0]!;
  let lowest: Subgroup = "ALL";
  let lowestLevel = Infinity;
  for (let g = 1; g < GROUP_COUNT; g++) {
    const academic = flags.academic[g]!;
    if (Number.isNaN(academic)) continue;
    const level = round6(academic);
    if (level < lowestLevel) {
      lowest = SUBGROUPS[g]!;
      lowestLevel = level;
    }
  }
  return lowest;
}

function academicLevels(flags: FlagParts): RewardCandidate["academicLevels"] {
  const out: RewardCandidate["academicLevels"] = {};
  for (let g = 0; g < GROUP_COUNT; g++) {
    const academic = flags.academic[g]!;
    if (!Number.isNaN(academic)) out[SUBGROUPS[g]!] = round6(academic);
  }
  return out;
}
