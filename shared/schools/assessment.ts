// A request's schools scored in numbers: levels in a LevelGrid, then per school its index and flags
// (into reused parts, no objects), designations over the pool, and partnerships. A school's result
// object is made from these only when it is asked for (`schoolResult`), so a statewide response can
// be written out one school at a time instead of being held whole.

import type { Config, School } from "../contract/requests.js";
import type { Partnerships, SchoolResult } from "../contract/responses.js";
import { SUBGROUPS, type Subgroup } from "../core/model.js";
import { round6 } from "../core/numbers.js";
import { type SchoolFacts, schoolFacts } from "./designation-facts.js";
import { type Designations, designateAll, type PoolRanking, rankPool, type Scored } from "./designations.js";
import { FlagParts, gapParts, groupsAt, subgroupFlags } from "./flags.js";
import { GROUP_COUNT, type LevelGrid, levelGrid, scalesKey } from "./level-grid.js";
import { type Scales, scalesFor } from "./levels.js";
import { assignPartners, type PartnerNeed, type RewardCandidate } from "./partnerships.js";
import { type PriorYear, priorYear } from "./prior-year.js";
import { type CountedLevels, countLevels, GroupLevels, IndexParts, IndexRules, indexOutput, schoolIndex, tidyIndicators, weighIndex } from "./school-index.js";
import { schoolTable } from "./school-table.js";
import { academicChange, priorChanges } from "./year-change.js";

export interface Assessment {
  schools: readonly School[];
  config: Config;
  year: number | undefined;
  scales: Scales;
  grid: LevelGrid;
  /** The grid as the config's minN counts it. */
  counted: CountedLevels;
  /** Unrounded weighted mean level per school, in input order; NaN when unscored. */
  meanLevels: Float64Array;
  /** Unrounded index scores (10 × mean level), in input order; null for unscored schools. */
  scores: (number | null)[];
  /** Unrounded gaps, in input order; NaN without two accountable groups with an academic level. */
  gaps: Float64Array;
  /** 1 where a group of the school carries the `gap` flag. */
  gapFlags: Uint8Array;
  /** What the mean levels and the gaps depend on besides the grid: equal keys, equal numbers. */
  indexKey: string;
  gapKey: string;
  facts: SchoolFacts;
  ranking: PoolRanking;
  designations: Designations;
  poolSize: number;
  /** §13: every school's prior year scored with this config; null when no school sent one. */
  prior: PriorYear | null;
}

/** What an earlier assessment of the same schools can lend a later one (scenarios). */
export interface Reusable {
  /** A grid made with the same scales and a minN no larger than the config's. */
  grid?: LevelGrid;
  /** The schools' facts for the same year. */
  facts?: SchoolFacts;
  /**
   * Earlier assessments of the same grid: one with the same index rules lends its scores, one with
   * the same minN and gapLevels its gaps, one with the same pool, scores and gaps its ranking.
   */
  earlier?: readonly Assessment[];
}

/** The scratch a school's numbers are worked out in, reused from school to school. */
class Work {
  readonly levels = new GroupLevels();
  readonly index = new IndexParts();
  readonly flags = new FlagParts();
  /** The same for the school's prior year (§13). */
  readonly priorLevels = new GroupLevels();
  readonly priorFlags = new FlagParts();
  private indexRules: IndexRules | null = null;

  rules(config: Config): IndexRules {
    if (this.indexRules?.config !== config) this.indexRules = new IndexRules(config);
    return this.indexRules;
  }

  load(a: Pick<Assessment, "counted">, s: number): this {
    this.levels.at(a.counted, s);
    return this;
  }

  /** The gap's parts (academic levels, gap, its groups) of school s. */
  flagsOf(a: Pick<Assessment, "counted" | "config">, s: number): FlagParts {
    this.load(a, s);
    return gapParts(this.levels, a.config.gapLevels, this.flags);
  }
}

export function assessSchools(schools: readonly School[], config: Config, year?: number, reuse: Reusable = {}): Assessment {
  const scales = scalesFor(config);
  const grid = reuse.grid ?? levelGrid(schoolTable(schools), scales, config.minN);
  if (grid.table.schools !== schools || grid.minN > config.minN || grid.key !== scalesKey(scales)) {
    throw new Error("a level grid was reused with other schools, other cut points or a larger minN");
  }
  const earlier = (reuse.earlier ?? []).filter((e) => e.grid === grid);
  const indexKey = JSON.stringify([config.minN, config.subgroupShare, config.domainWeights, config.indicatorWeights, config.allowMissingDomain]);
  const gapKey = JSON.stringify([config.minN, config.gapLevels]);
  const sameIndex = earlier.find((e) => e.indexKey === indexKey);
  const sameGaps = earlier.find((e) => e.gapKey === gapKey);
  const count = schools.length;
  const counted = earlier.find((e) => e.counted.minN === config.minN)?.counted ?? countLevels(grid, config.minN);
  const meanLevels = sameIndex?.meanLevels ?? new Float64Array(count);
  const scores: (number | null)[] = sameIndex?.scores ?? new Array(count);
  const gaps = sameGaps?.gaps ?? new Float64Array(count);
  const gapFlags = sameGaps?.gapFlags ?? new Uint8Array(count);
  if (!sameIndex || !sameGaps) {
    const work = new Work();
    const rules = new IndexRules(config);
    for (let s = 0; s < count; s++) {
      const levels = work.levels.at(counted, s);
      if (!sameIndex) {
        const { meanLevel } = weighIndex(levels, rules, work.index);
        meanLevels[s] = meanLevel ?? Number.NaN;
        scores[s] = meanLevel === null ? null : 10 * meanLevel;
      }
      if (!sameGaps) {
        const { gapValue, hasGapFlag } = gapParts(levels, config.gapLevels, work.flags);
        gaps[s] = gapValue ?? Number.NaN;
        gapFlags[s] = hasGapFlag ? 1 : 0;
      }
    }
  }
  const base = { counted, config };
  const work = new Work();
  const scored: Scored = {
    scores,
    gaps,
    gapFlags,
    gapGroups: (s) => {
      const parts = work.flagsOf(base, s);
      return { highest: groupsAt(parts, parts.max), lowest: groupsAt(parts, parts.min) };
    },
  };
  const facts = reuse.facts ?? schoolFacts(schools, year);
  if (facts.schools !== schools || facts.year !== year) throw new Error("school facts were reused for other schools or another year");
  const poolStatuses = config.designation.pool;
  const lender = earlier.find((e) => sameRanking(e, poolStatuses, scores, gaps));
  const ranking =
    lender?.ranking ??
    rankPool(
      scored,
      facts,
      poolStatuses,
      earlier.map((e) => e.ranking),
    );
  const designations = designateAll(scored, facts, config, ranking);
  const prior = priorYear(schools, config, scales, grid, indexKey, earlier);
  return {
    schools,
    config,
    year,
    scales,
    grid,
    counted,
    meanLevels,
    scores,
    gaps,
    gapFlags,
    indexKey,
    gapKey,
    facts,
    ranking,
    designations,
    poolSize: designations.poolSize,
    prior,
  };
}

/** The pool's orders depend on who is in it (status, score), on scores and gaps, and on the facts (the same for one grid). */
function sameRanking(e: Assessment, pool: readonly string[], scores: (number | null)[], gaps: Float64Array): boolean {
  if (e.config.designation.pool.join() !== pool.join()) return false;
  for (let s = 0; s < scores.length; s++) if (e.scores[s] !== scores[s]) return false;
  for (let s = 0; s < gaps.length; s++) if (!Object.is(e.gaps[s], gaps[s])) return false;
  return true;
}

/** School s's result, made from the assessment's numbers; `work` may be shared by successive calls. */
export function schoolResult(a: Assessment, s: number, work: Work = new Work()): SchoolResult {
  const school = a.schools[s]!;
  const levels = work.load(a, s).levels;
  const index = schoolIndex(school, levels, a.config, a.scales, work.index, work.rules(a.config));
  const flags = subgroupFlags(school, levels, a.config, work.flags);
  tidyIndicators(index.indicators, index.domains);
  const prior = a.prior?.has[s] ? a.prior : null;
  if (prior) priorChanges(school, index.indicators, flags.subgroups, work.flags, priorParts(a, prior, s, work));
  return {
    id: school.id,
    name: school.name ?? null,
    district: school.district ?? null,
    level: school.level,
    title1: school.title1,
    status: index.meanLevel === null ? "unscored" : "scored",
    reasons: index.reasons,
    index: indexOutput(index.meanLevel, prior ? prior.meanLevels[s]! : Number.NaN),
    domains: index.domains,
    indicators: index.indicators,
    subgroups: flags.subgroups,
    gap: flags.gap,
    designation: a.designations.get(s),
  };
}

/** Every result, made one at a time from a shared scratch (for a list written out lazily). */
export function resultMaker(a: Assessment): (s: number) => SchoolResult {
  const work = new Work();
  return (s) => schoolResult(a, s, work);
}

/** School s's prior year as its grid row and gap parts (academic levels), in `work`'s prior scratch. */
function priorParts(a: Assessment, prior: PriorYear, s: number, work: Work): { levels: GroupLevels; flags: FlagParts } {
  const levels = work.priorLevels.at(prior.counted, s);
  return { levels, flags: gapParts(levels, a.config.gapLevels, work.priorFlags) };
}

/** The index output of school s (`index` of its result), without the rest of the result. */
export function indexOf(a: Assessment, s: number): SchoolResult["index"] {
  const meanLevel = a.meanLevels[s]!;
  const priorMean = a.prior?.has[s] ? a.prior.meanLevels[s]! : Number.NaN;
  return indexOutput(Number.isNaN(meanLevel) ? null : meanLevel, priorMean);
}

/**
 * §9: every Priority school and every Focus school at stage rewardPartnership, each with the
 * subgroup that identified it, offered to the Reward schools that raised that subgroup.
 */
export function partnershipsOf(a: Assessment, rules: Pick<Config, "partnerCapacity" | "partnerMinLevel"> = a.config): Partnerships {
  const needs: PartnerNeed[] = [];
  const rewards: RewardCandidate[] = [];
  const work = new Work();
  for (let s = 0; s < a.schools.length; s++) {
    const type = a.designations.type(s);
    if (type === "none") continue;
    const school = a.schools[s]!;
    const district = school.district ?? null;
    if (type === "reward") {
      const academic = academicLevels(work.flagsOf(a, s));
      const prior = a.prior?.has[s] ? a.prior : null;
      const academicChanges = prior ? academicChangesOf(work.flags, priorParts(a, prior, s, work).flags) : null;
      rewards.push({ id: school.id, level: school.level, district, academicLevels: academic, academicChanges });
      continue;
    }
    if (type === "focus" && a.designations.get(s).stage !== "rewardPartnership") continue;
    const byGap = type === "focus" && a.designations.reasonsFor(s).some((x) => x.code === "largestGap");
    needs.push({ id: school.id, level: school.level, district, subgroup: identifyingSubgroup(work.flagsOf(a, s), byGap) });
  }
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

/** §13: per group accountable with an academic level in both years, now − prior (6 decimals). */
function academicChangesOf(now: FlagParts, prior: FlagParts): NonNullable<RewardCandidate["academicChanges"]> {
  const out: NonNullable<RewardCandidate["academicChanges"]> = {};
  for (let g = 0; g < GROUP_COUNT; g++) {
    const change = academicChange(now, prior, g);
    if (change !== null) out[SUBGROUPS[g]!] = change;
  }
  return out;
}

function academicLevels(flags: FlagParts): RewardCandidate["academicLevels"] {
  const out: RewardCandidate["academicLevels"] = {};
  for (let g = 0; g < GROUP_COUNT; g++) {
    const academic = flags.academic[g]!;
    if (!Number.isNaN(academic)) out[SUBGROUPS[g]!] = round6(academic);
  }
  return out;
}
