// §4, §5 and §12 for one school: levels of each counted group, the combined indicator levels, the
// effective weights after redistribution, the domain means and the index. Nothing is rounded here
// except the output fields; ranking elsewhere uses `meanLevel` as computed.

import type { Config, School } from "../contract/requests.js";
import type { IndicatorResult, Reason, SchoolResult } from "../contract/responses.js";
import { DOMAINS, type Domain, INDICATOR_INFO, INDICATORS, type Indicator, SUBGROUPS, type Subgroup } from "../core/model.js";
import { round6, roundHalfAway } from "../core/numbers.js";
import { bandOf, changeNeeded, levelOf, type Scales } from "./levels.js";

export type LevelTable = Partial<Record<Indicator, number>>;

/** Levels of every group counted for the school (n ≥ minN), ALL included when it qualifies. */
export interface GroupLevels {
  byGroup: Partial<Record<Subgroup, LevelTable>>;
  /** Per indicator, in INDICATORS order: sum and count of the counted non-ALL groups' levels. */
  subgroupSum: number[];
  subgroupCount: number[];
}

const SCHOOL_ONLY = INDICATORS.map((code) => INDICATOR_INFO[code].schoolOnly);
/** Indicator code → its position in INDICATORS (no prototype, so "n" or "__proto__" find nothing). */
const POSITION: Record<string, number> = Object.assign(Object.create(null), Object.fromEntries(INDICATORS.map((code, i) => [code, i])));

// The hot loop of the engine (every value of every group): it visits only the keys a group has,
// and gathers the subgroup sums so the index does not scan the groups again per indicator.
// Plain arrays, not typed ones: V8 allocates a typed array's backing store separately, per school.
export function groupLevels(school: School, config: Config, scales: Scales): GroupLevels {
  const byGroup: GroupLevels["byGroup"] = {};
  const subgroupSum = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  const subgroupCount = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (let g = 0; g < SUBGROUPS.length; g++) {
    const group = SUBGROUPS[g]!;
    const result = school.subgroups[group];
    if (!result || result.n < config.minN) continue;
    const levels: LevelTable = {};
    for (const key in result) {
      const i = POSITION[key];
      // School-only indicators count the ALL value alone (§12), so subgroup values are not levelled.
      if (i === undefined || (g > 0 && SCHOOL_ONLY[i])) continue;
      const code = INDICATORS[i]!;
      const value = result[code];
      if (value == null) continue;
      const level = levelOf(scales[code], value);
      levels[code] = level;
      if (g > 0) {
        subgroupSum[i] = subgroupSum[i]! + level;
        subgroupCount[i] = subgroupCount[i]! + 1;
      }
    }
    byGroup[group] = levels;
  }
  return { byGroup, subgroupSum, subgroupCount };
}

export interface IndexOutcome {
  indicators: SchoolResult["indicators"];
  domains: SchoolResult["domains"];
  /** Weighted mean level, unrounded; null when the school is unscored. */
  meanLevel: number | null;
  /** Why the school is unscored, or notes on how it was scored. */
  reasons: Reason[];
}

interface PresentIndicator {
  code: Indicator;
  level: number;
  inDomainWeight: number;
}

const DOMAIN_NAMES: Record<Domain, string> = { academic: "academic", secc: "social-emotional & culture-climate" };

export function schoolIndex(school: School, levels: GroupLevels, config: Config, scales: Scales): IndexOutcome {
  const applicable = config.indicatorWeights[school.level];
  const all = school.subgroups.ALL;
  const indicators: SchoolResult["indicators"] = {};
  const present: Record<Domain, PresentIndicator[]> = { academic: [], secc: [] };

  for (let i = 0; i < INDICATORS.length; i++) {
    const code = INDICATORS[i]!;
    const inDomainWeight = applicable[code];
    if (inDomainWeight === undefined) continue;
    const value = all[code] ?? null;
    const allLevel = levels.byGroup.ALL?.[code];
    if (value === null || allLevel === undefined) {
      indicators[code] = missingIndicator(value, value === null ? "noValue" : "belowMinN");
      continue;
    }
    // The mean over accountable non-ALL groups with a value (§12); none for school-only indicators.
    const count = levels.subgroupCount[i]!;
    const subgroupLevel = count === 0 ? null : levels.subgroupSum[i]! / count;
    const level = subgroupLevel === null ? allLevel : (1 - config.subgroupShare) * allLevel + config.subgroupShare * subgroupLevel;
    indicators[code] = {
      value,
      level,
      allLevel,
      subgroupLevel,
      band: bandOf(allLevel),
      weight: 0,
      points: 0,
      changeNeeded: changeNeeded(scales[code], value, allLevel),
    };
    present[INDICATOR_INFO[code].domain].push({ code, level, inDomainWeight });
  }

  return weighDomains(indicators, present, config);
}

function missingIndicator(value: number | null, missing: "noValue" | "belowMinN"): IndicatorResult {
  return { value, level: null, allLevel: null, subgroupLevel: null, band: null, weight: 0, points: 0, changeNeeded: [null, null, null], missing };
}

/**
 * Effective weight = domain weight × in-domain weight ÷ Σ in-domain weights of the present
 * indicators; index = 10 × Σ(weight × level) ÷ Σ weights of the domains present. A domain with
 * weight 0 takes no part, so "academic only" is a config, not a missing domain.
 */
function weighDomains(indicators: SchoolResult["indicators"], present: Record<Domain, PresentIndicator[]>, config: Config): IndexOutcome {
  const domains = { academic: null, secc: null } as SchoolResult["domains"];
  const reasons: Reason[] = [];
  let weightedSum = 0;
  let presentDomainWeight = 0;

  for (const domain of DOMAINS) {
    const domainWeight = config.domainWeights[domain];
    if (domainWeight === 0) continue;
    const items = present[domain];
    if (items.length === 0) {
      reasons.push({
        code: `missingDomain:${domain}`,
        message: config.allowMissingDomain
          ? `scored without the ${DOMAIN_NAMES[domain]} domain (no indicator present; allowMissingDomain)`
          : `no ${DOMAIN_NAMES[domain]} indicator is present, so the school gets no index`,
      });
      continue;
    }
    let inDomainTotal = 0;
    let inDomainSum = 0;
    for (const item of items) {
      inDomainTotal += item.inDomainWeight;
      inDomainSum += item.inDomainWeight * item.level;
    }
    for (const item of items) {
      const weight = (domainWeight * item.inDomainWeight) / inDomainTotal;
      indicators[item.code]!.weight = weight;
      weightedSum += weight * item.level;
    }
    presentDomainWeight += domainWeight;
    domains[domain] = { weight: domainWeight, meanLevel: inDomainSum / inDomainTotal };
  }

  const unscored = presentDomainWeight === 0 || (reasons.length > 0 && !config.allowMissingDomain);
  if (presentDomainWeight === 0 && reasons.length === 0) {
    reasons.push({ code: "noIndicators", message: "no weighted indicator applies to this school's level" });
  }
  if (!unscored) {
    for (const code of INDICATORS) {
      const item = indicators[code];
      if (item?.level != null) item.points = (10 * item.weight * item.level) / presentDomainWeight;
    }
  }
  return { indicators, domains, meanLevel: unscored ? null : weightedSum / presentDomainWeight, reasons };
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
