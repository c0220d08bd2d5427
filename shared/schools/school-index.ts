// §4, §5 and §12 for one school: levels of each counted group, the combined indicator levels, the
// effective weights after redistribution, the domain means and the index. Nothing is rounded here
// except the output fields; ranking elsewhere uses `meanLevel` as computed.
//
// The arithmetic is done once, in numbers (`weighIndex` into an IndexParts reused from school to
// school): scoring a request needs only the mean level of each school, and the result objects are
// made from the same numbers (`schoolIndex`) when a result is written out.

import type { Config, School } from "../contract/requests.js";
import type { IndicatorResult, Reason, SchoolResult } from "../contract/responses.js";
import { DOMAINS, type Domain, INDICATOR_INFO, INDICATORS, type Indicator, SCHOOL_LEVELS } from "../core/model.js";
import { round6, roundHalfAway } from "../core/numbers.js";
import { text } from "../core/text.js";
import { GROUP_COUNT, INDICATOR_COUNT, type LevelGrid, levelGrid, ROW } from "./level-grid.js";
import { bandOf, changeNeeded, type Scales } from "./levels.js";
import { type SchoolTable, schoolTable } from "./school-table.js";

/** One group's levels by indicator, as a result reports them. */
export type LevelTable = Partial<Record<Indicator, number>>;

/**
 * What a config's minN makes of a grid, for every school: which groups are sent and counted, and per
 * indicator the sum and count of the counted non-ALL groups' levels (at most 13 groups × 10, so a
 * byte each). Scenarios with the same grid and minN share it.
 */
export interface CountedLevels {
  grid: LevelGrid;
  minN: number;
  /** Per school, bit g: the school sends group g (SUBGROUPS order); and: group g is counted (n ≥ minN). */
  present: Uint16Array;
  counted: Uint16Array;
  /** At s × INDICATOR_COUNT + i. */
  sum: Uint8Array;
  count: Uint8Array;
}

export function countLevels(grid: LevelGrid, minN: number): CountedLevels {
  const { levels, table } = grid;
  const { sizes } = table;
  const schools = table.schools.length;
  const out: CountedLevels = {
    grid,
    minN,
    present: new Uint16Array(schools),
    counted: new Uint16Array(schools),
    sum: new Uint8Array(schools * INDICATOR_COUNT),
    count: new Uint8Array(schools * INDICATOR_COUNT),
  };
  const { sum, count } = out;
  for (let s = 0; s < schools; s++) {
    let present = 0;
    let counted = 0;
    const at = s * INDICATOR_COUNT;
    for (let g = 0, size = s * GROUP_COUNT; g < GROUP_COUNT; g++, size++) {
      const n = sizes[size]!;
      if (n < 0) continue;
      present |= 1 << g;
      if (n < minN) continue;
      counted |= 1 << g;
      if (g === 0) continue;
      // School-only indicators have no level in a subgroup's block, so they add nothing here.
      for (let i = 0, cell = s * ROW + g * INDICATOR_COUNT; i < INDICATOR_COUNT; i++, cell++) {
        const level = levels[cell]!;
        if (level !== 0) {
          sum[at + i]! += level;
          count[at + i]! += 1;
        }
      }
    }
    out.present[s] = present;
    out.counted[s] = counted;
  }
  return out;
}

/** One school's row of a LevelGrid as a config's minN counts it: a view, moved from school to school with `at`. */
export class GroupLevels {
  levels: Uint8Array = new Uint8Array(ROW);
  row = 0;
  /** The school's position in its table, and the table. */
  s = 0;
  table: SchoolTable | null = null;
  /** Bit g set: the school sends group g (SUBGROUPS order). */
  present = 0;
  /** Bit g set: group g is counted (sent, n ≥ minN). */
  counted = 0;
  private sums: Uint8Array = new Uint8Array(INDICATOR_COUNT);
  private counts: Uint8Array = new Uint8Array(INDICATOR_COUNT);
  private first = 0;

  /** School s of the counted grid. */
  at(c: CountedLevels, s: number): this {
    this.levels = c.grid.levels;
    this.table = c.grid.table;
    this.row = s * ROW;
    this.s = s;
    this.present = c.present[s]!;
    this.counted = c.counted[s]!;
    this.sums = c.sum;
    this.counts = c.count;
    this.first = s * INDICATOR_COUNT;
    return this;
  }

  isCounted(g: number): boolean {
    return (this.counted & (1 << g)) !== 0;
  }

  /** Level of indicator i for group g; 0 when none (or the group is not counted). */
  level(g: number, i: number): number {
    return (this.counted & (1 << g)) === 0 ? 0 : this.levels[this.row + g * INDICATOR_COUNT + i]!;
  }

  /** Sum and count of the counted non-ALL groups' levels of indicator i. */
  subgroupSum(i: number): number {
    return this.sums[this.first + i]!;
  }

  subgroupCount(i: number): number {
    return this.counts[this.first + i]!;
  }
}

/** The levels of one school alone (tests, and anything that scores a school by itself). */
export function groupLevels(school: School, config: Config, scales: Scales): GroupLevels {
  return new GroupLevels().at(countLevels(levelGrid(schoolTable([school]), scales, config.minN), config.minN), 0);
}

/** An indicator's state in IndexParts: no weight at the school's level, no value, ALL below minN, or present. */
export const NOT_APPLICABLE = 0;
export const NO_VALUE = 1;
export const BELOW_MIN_N = 2;
export const PRESENT = 3;

const DOMAIN_OF: readonly number[] = INDICATORS.map((code) => DOMAINS.indexOf(INDICATOR_INFO[code].domain));

/** One school's index in numbers: what `weighIndex` fills in. Reusable from school to school. */
export class IndexParts {
  /** Per indicator: NOT_APPLICABLE, NO_VALUE, BELOW_MIN_N or PRESENT. */
  readonly state = new Uint8Array(INDICATOR_COUNT);
  /** Per present indicator: the ALL level, the subgroups' mean (NaN: none), the combined level, its effective weight. */
  readonly allLevel = new Uint8Array(INDICATOR_COUNT);
  readonly subgroupLevel = new Float64Array(INDICATOR_COUNT);
  readonly level = new Float64Array(INDICATOR_COUNT);
  readonly weight = new Float64Array(INDICATOR_COUNT);
  /** Per domain (DOMAINS order): mean level of its present indicators, NaN when it takes no part. */
  readonly domainMean = new Float64Array(DOMAINS.length);
  /** Bit d set: domain d has weight but no indicator present. */
  missingDomains = 0;
  presentDomainWeight = 0;
  /** Weighted mean level, unrounded; null when the school is unscored. */
  meanLevel: number | null = null;
}

/** A config's weights as arrays, made once per config: what weighIndex reads for every school. */
export class IndexRules {
  /** In-domain weight of indicator i at the level in position l of SCHOOL_LEVELS, at l × INDICATOR_COUNT + i; NaN where it does not apply. */
  readonly weights = new Float64Array(SCHOOL_LEVELS.length * INDICATOR_COUNT).fill(Number.NaN);
  readonly domainWeights: Float64Array;
  readonly share: number;
  readonly allowMissingDomain: boolean;

  constructor(readonly config: Config) {
    SCHOOL_LEVELS.forEach((level, l) => {
      const applicable = config.indicatorWeights[level];
      for (let i = 0; i < INDICATOR_COUNT; i++) {
        const weight = applicable[INDICATORS[i]!];
        if (weight !== undefined) this.weights[l * INDICATOR_COUNT + i] = weight;
      }
    });
    this.domainWeights = Float64Array.from(DOMAINS, (domain) => config.domainWeights[domain]);
    this.share = config.subgroupShare;
    this.allowMissingDomain = config.allowMissingDomain;
  }
}

/**
 * Effective weight = domain weight × in-domain weight ÷ Σ in-domain weights of the present
 * indicators; index = 10 × Σ(weight × level) ÷ Σ weights of the domains present. A domain with
 * weight 0 takes no part, so "academic only" is a config, not a missing domain.
 */
export function weighIndex(levels: GroupLevels, rules: IndexRules, out: IndexParts): IndexParts {
  const table = levels.table!;
  const applicable = table.level[levels.s]! * INDICATOR_COUNT;
  const allValues = table.allValues[levels.s]!;
  const { share, weights: inDomainWeights } = rules;
  const { state, allLevel: allLevels, subgroupLevel: subgroupLevels, level: combined, weight } = out;
  for (let i = 0; i < INDICATOR_COUNT; i++) {
    weight[i] = 0;
    if (Number.isNaN(inDomainWeights[applicable + i]!)) {
      state[i] = NOT_APPLICABLE;
      continue;
    }
    const allLevel = levels.level(0, i);
    if ((allValues & (1 << i)) === 0) state[i] = NO_VALUE;
    else if (allLevel === 0) state[i] = BELOW_MIN_N;
    else {
      state[i] = PRESENT;
      // The mean over accountable non-ALL groups with a value (§12); none for school-only indicators.
      const count = levels.subgroupCount(i);
      const subgroupLevel = count === 0 ? null : levels.subgroupSum(i) / count;
      allLevels[i] = allLevel;
      subgroupLevels[i] = subgroupLevel ?? Number.NaN;
      combined[i] = subgroupLevel === null ? allLevel : (1 - share) * allLevel + share * subgroupLevel;
    }
  }

  let weightedSum = 0;
  let presentDomainWeight = 0;
  let missingDomains = 0;
  for (let d = 0; d < DOMAINS.length; d++) {
    out.domainMean[d] = Number.NaN;
    const domainWeight = rules.domainWeights[d]!;
    if (domainWeight === 0) continue;
    let present = 0;
    let inDomainTotal = 0;
    let inDomainSum = 0;
    for (let i = 0; i < INDICATOR_COUNT; i++) {
      if (state[i] !== PRESENT || DOMAIN_OF[i] !== d) continue;
      const inDomainWeight = inDomainWeights[applicable + i]!;
      present++;
      inDomainTotal += inDomainWeight;
      inDomainSum += inDomainWeight * combined[i]!;
    }
    if (present === 0) {
      missingDomains |= 1 << d;
      continue;
    }
    for (let i = 0; i < INDICATOR_COUNT; i++) {
      if (state[i] !== PRESENT || DOMAIN_OF[i] !== d) continue;
      const w = (domainWeight * inDomainWeights[applicable + i]!) / inDomainTotal;
      weight[i] = w;
      weightedSum += w * combined[i]!;
    }
    presentDomainWeight += domainWeight;
    out.domainMean[d] = inDomainSum / inDomainTotal;
  }
  out.missingDomains = missingDomains;
  out.presentDomainWeight = presentDomainWeight;
  const unscored = presentDomainWeight === 0 || (missingDomains !== 0 && !rules.allowMissingDomain);
  out.meanLevel = unscored ? null : weightedSum / presentDomainWeight;
  return out;
}

/** Points of present indicator i: its share of the index (0 when the school is unscored). */
export function pointsOf(parts: IndexParts, i: number): number {
  return parts.meanLevel === null ? 0 : (10 * parts.weight[i]! * parts.level[i]!) / parts.presentDomainWeight;
}

export interface IndexOutcome {
  indicators: SchoolResult["indicators"];
  domains: SchoolResult["domains"];
  /** Weighted mean level, unrounded; null when the school is unscored. */
  meanLevel: number | null;
  /** Why the school is unscored, or notes on how it was scored. */
  reasons: Reason[];
}

const DOMAIN_NAMES: Record<Domain, string> = { academic: "academic", secc: "social-emotional & culture-climate" };

/** The index as result objects, unrounded (`tidyIndicators` rounds them for output). */
export function schoolIndex(
  school: School,
  levels: GroupLevels,
  config: Config,
  scales: Scales,
  parts = new IndexParts(),
  rules = new IndexRules(config),
): IndexOutcome {
  const { state, allLevel, subgroupLevel, level, weight, domainMean } = weighIndex(levels, rules, parts);
  const all = school.subgroups.ALL;
  const indicators: SchoolResult["indicators"] = {};
  for (let i = 0; i < INDICATOR_COUNT; i++) {
    const code = INDICATORS[i]!;
    const s = state[i];
    if (s === NOT_APPLICABLE) continue;
    if (s !== PRESENT) {
      indicators[code] = missingIndicator(all[code] ?? null, s === NO_VALUE ? "noValue" : "belowMinN");
      continue;
    }
    const value = all[code]!;
    const sub = subgroupLevel[i]!;
    indicators[code] = {
      value,
      level: level[i]!,
      allLevel: allLevel[i]!,
      subgroupLevel: Number.isNaN(sub) ? null : sub,
      band: bandOf(allLevel[i]!),
      weight: weight[i]!,
      points: pointsOf(parts, i),
      changeNeeded: changeNeeded(scales[code], value, allLevel[i]!),
      prior: null,
      change: null,
      performance: null,
    };
  }
  const domains = { academic: null, secc: null } as SchoolResult["domains"];
  for (let d = 0; d < DOMAINS.length; d++) {
    if (!Number.isNaN(domainMean[d]!)) domains[DOMAINS[d]!] = { weight: config.domainWeights[DOMAINS[d]!], meanLevel: domainMean[d]! };
  }
  const reasons = indexReasons(parts, config);
  return { indicators, domains, meanLevel: parts.meanLevel, reasons };
}

/** Why the school is unscored, or notes on how it was scored: a domain with weight and nothing present, or nothing weighted at all. */
export function indexReasons(parts: IndexParts, config: Config): Reason[] {
  const reasons: Reason[] = [];
  for (let d = 0; d < DOMAINS.length; d++) {
    if (!(parts.missingDomains & (1 << d))) continue;
    const domain = DOMAINS[d]!;
    reasons.push({
      code: text`missingDomain:${domain}`,
      message: config.allowMissingDomain
        ? text`scored without the ${DOMAIN_NAMES[domain]} domain (no indicator present; allowMissingDomain)`
        : text`no ${DOMAIN_NAMES[domain]} indicator is present, so the school gets no index`,
    });
  }
  if (parts.presentDomainWeight === 0 && reasons.length === 0) {
    reasons.push({ code: "noIndicators", message: "no weighted indicator applies to this school's level" });
  }
  return reasons;
}

function missingIndicator(value: number | null, missing: "noValue" | "belowMinN"): IndicatorResult {
  return {
    value,
    level: null,
    allLevel: null,
    subgroupLevel: null,
    band: null,
    weight: 0,
    points: 0,
    changeNeeded: [null, null, null],
    prior: null,
    change: null,
    performance: null,
    missing,
  };
}

/**
 * Output rounding (§12): score to one decimal, level to a whole number, both half away from zero.
 * §13: the prior year's score beside it (NaN: no scored prior year), and the change of the
 * unrounded scores, rounded the same way.
 */
export function indexOutput(meanLevel: number | null, priorMeanLevel = Number.NaN): SchoolResult["index"] {
  if (meanLevel === null) return null;
  const level = roundHalfAway(meanLevel, 0);
  const score = 10 * meanLevel;
  const priorScore = 10 * priorMeanLevel;
  const hasPrior = !Number.isNaN(priorScore);
  return {
    score: roundHalfAway(score, 1),
    level,
    band: bandOf(level),
    priorScore: hasPrior ? roundHalfAway(priorScore, 1) : null,
    change: hasPrior ? roundHalfAway(score - priorScore, 1) : null,
  };
}

/** Rounds the noise out of the reported fractions (6.333333333333333 → 6.333333). */
export function tidyIndicators(indicators: SchoolResult["indicators"], domains: SchoolResult["domains"]): void {
  for (const code of INDICATORS) {
    const item = indicators[code];
    if (!item) continue;
    if (item.level !== null) item.level = round6(item.level);
    if (item.subgroupLevel !== null) item.subgroupLevel = round6(item.subgroupLevel);
    item.weight = round6(item.weight);
    item.points = round6(item.points);
  }
  for (const domain of DOMAINS) {
    const d = domains[domain];
    if (d) d.meanLevel = round6(d.meanLevel);
  }
}
