// §4, §5 and §12 for one school: levels of each counted group, the combined indicator levels, the
// effective weights after redistribution, the domain means and the index. Nothing is rounded here
// except the output fields; ranking elsewhere uses `meanLevel` as computed.
//
// The arithmetic is done once, in numbers (`weighIndex` into an IndexParts reused from school to
// school): scoring a request needs only the mean level of each school, and the result objects are
// made from the same numbers (`schoolIndex`) when a result is written out.

import type { Config, School } from "../contract/requests.js";
import type { IndicatorResult, Reason, SchoolResult } from "../contract/responses.js";
import { DOMAINS, type Domain, INDICATOR_INFO, INDICATORS, type Indicator, SUBGROUPS } from "../core/model.js";
import { round6, roundHalfAway } from "../core/numbers.js";
import { INDICATOR_COUNT, type LevelGrid, levelGrid, ROW } from "./level-grid.js";
import { bandOf, changeNeeded, type Scales } from "./levels.js";

/** One group's levels by indicator, as a result reports them. */
export type LevelTable = Partial<Record<Indicator, number>>;

/** One school's row of a LevelGrid, and what the index needs gathered from it. Reusable: `load` it again. */
export class GroupLevels {
  levels: Uint8Array = new Uint8Array(ROW);
  row = 0;
  /** Bit g set: group g (SUBGROUPS order) is counted (present, n ≥ minN). */
  counted = 0;
  /** Per indicator, in INDICATORS order: sum and count of the counted non-ALL groups' levels. */
  readonly subgroupSum = new Int32Array(INDICATOR_COUNT);
  readonly subgroupCount = new Int32Array(INDICATOR_COUNT);

  /** School s of the grid, with the groups that `minN` counts (the grid may hold more). */
  load(grid: LevelGrid, s: number, school: School, minN: number): this {
    const { levels } = grid;
    const row = s * ROW;
    const sum = this.subgroupSum;
    const count = this.subgroupCount;
    sum.fill(0);
    count.fill(0);
    let counted = 0;
    for (let g = 0; g < SUBGROUPS.length; g++) {
      const result = school.subgroups[SUBGROUPS[g]!];
      if (!result || result.n < minN) continue;
      counted |= 1 << g;
      if (g === 0) continue;
      // School-only indicators have no level in a subgroup's block, so they add nothing here.
      for (let i = 0, at = row + g * INDICATOR_COUNT; i < INDICATOR_COUNT; i++, at++) {
        const level = levels[at]!;
        if (level !== 0) {
          sum[i]! += level;
          count[i]! += 1;
        }
      }
    }
    this.levels = levels;
    this.row = row;
    this.counted = counted;
    return this;
  }

  isCounted(g: number): boolean {
    return (this.counted & (1 << g)) !== 0;
  }

  /** Level of indicator i for group g; 0 when none (or the group is not counted). */
  level(g: number, i: number): number {
    return (this.counted & (1 << g)) === 0 ? 0 : this.levels[this.row + g * INDICATOR_COUNT + i]!;
  }
}

/** The levels of one school alone (tests, and anything that scores a school by itself). */
export function groupLevels(school: School, config: Config, scales: Scales): GroupLevels {
  return new GroupLevels().load(levelGrid([school], scales, config.minN), 0, school, config.minN);
}

const NOT_APPLICABLE = 0;
const NO_VALUE = 1;
const BELOW_MIN_N = 2;
const PRESENT = 3;

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

/**
 * Effective weight = domain weight × in-domain weight ÷ Σ in-domain weights of the present
 * indicators; index = 10 × Σ(weight × level) ÷ Σ weights of the domains present. A domain with
 * weight 0 takes no part, so "academic only" is a config, not a missing domain.
 */
export function weighIndex(school: School, levels: GroupLevels, config: Config, out: IndexParts): IndexParts {
  const applicable = config.indicatorWeights[school.level];
  const all = school.subgroups.ALL;
  const share = config.subgroupShare;
  const { state, allLevel: allLevels, subgroupLevel: subgroupLevels, level: combined, weight } = out;
  for (let i = 0; i < INDICATOR_COUNT; i++) {
    const code = INDICATORS[i]!;
    weight[i] = 0;
    if (applicable[code] === undefined) {
      state[i] = NOT_APPLICABLE;
      continue;
    }
    const allLevel = levels.level(0, i);
    if ((all[code] ?? null) === null) state[i] = NO_VALUE;
    else if (allLevel === 0) state[i] = BELOW_MIN_N;
    else {
      state[i] = PRESENT;
      // The mean over accountable non-ALL groups with a value (§12); none for school-only indicators.
      const count = levels.subgroupCount[i]!;
      const subgroupLevel = count === 0 ? null : levels.subgroupSum[i]! / count;
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
    const domainWeight = config.domainWeights[DOMAINS[d]!];
    if (domainWeight === 0) continue;
    let present = 0;
    let inDomainTotal = 0;
    let inDomainSum = 0;
    for (let i = 0; i < INDICATOR_COUNT; i++) {
      if (state[i] !== PRESENT || DOMAIN_OF[i] !== d) continue;
      const inDomainWeight = applicable[INDICATORS[i]!]!;
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
      const w = (domainWeight * applicable[INDICATORS[i]!]!) / inDomainTotal;
      weight[i] = w;
      weightedSum += w * combined[i]!;
    }
    presentDomainWeight += domainWeight;
    out.domainMean[d] = inDomainSum / inDomainTotal;
  }
  out.missingDomains = missingDomains;
  out.presentDomainWeight = presentDomainWeight;
  const unscored = presentDomainWeight === 0 || (missingDomains !== 0 && !config.allowMissingDomain);
  out.meanLevel = unscored ? null : weightedSum / presentDomainWeight;
  return out;
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
export function schoolIndex(school: School, levels: GroupLevels, config: Config, scales: Scales, parts = new IndexParts()): IndexOutcome {
  const { state, allLevel, subgroupLevel, level, weight, domainMean } = weighIndex(school, levels, config, parts);
  const all = school.subgroups.ALL;
  const scored = parts.meanLevel !== null;
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
      points: scored ? (10 * weight[i]! * level[i]!) / parts.presentDomainWeight : 0,
      changeNeeded: changeNeeded(scales[code], value, allLevel[i]!),
    };
  }
  const domains = { academic: null, secc: null } as SchoolResult["domains"];
  const reasons: Reason[] = [];
  for (let d = 0; d < DOMAINS.length; d++) {
    const domain = DOMAINS[d]!;
    if (!Number.isNaN(domainMean[d]!)) domains[domain] = { weight: config.domainWeights[domain], meanLevel: domainMean[d]! };
    else if (parts.missingDomains & (1 << d)) {
      reasons.push({
        code: `missingDomain:${domain}`,
        message: config.allowMissingDomain
          ? `scored without the ${DOMAIN_NAMES[domain]} domain (no indicator present; allowMissingDomain)`
          : `no ${DOMAIN_NAMES[domain]} indicator is present, so the school gets no index`,
      });
    }
  }
  if (parts.presentDomainWeight === 0 && reasons.length === 0) {
    reasons.push({ code: "noIndicators", message: "no weighted indicator applies to this school's level" });
  }
  return { indicators, domains, meanLevel: parts.meanLevel, reasons };
}

function missingIndicator(value: number | null, missing: "noValue" | "belowMinN"): IndicatorResult {
  return { value, level: null, allLevel: null, subgroupLevel: null, band: null, weight: 0, points: 0, changeNeeded: [null, null, null], missing };
}

/** Output rounding (§12): score to one decimal, level to a whole number, both half away from zero. */
export function indexOutput(meanLevel: number | null): SchoolResult["index"] {
  if (meanLevel === null) return null;
  const level = roundHalfAway(meanLevel, 0);
  return { score: roundHalfAway(10 * meanLevel, 1), level, band: bandOf(level) };
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
