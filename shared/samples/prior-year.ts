// The year before's results of a synthetic school (methodology §13 `prior`), for the consortium
// generator (consortium.ts): the same groups with n near this year's (small groups cross the
// minimum n one way or the other), and every value near this year's. A school moves by a trend
// of its own (its history's last index against this year's estimate, so the prior year agrees
// with SQII History's gain) plus noise per indicator, larger for small groups; a change is
// measured in the indicator's own level widths, so that levels move by about one now and then,
// and it is at most 8 points. Nothing here is real data.
import { DEFAULT_CONFIG } from "../contract/default-config.js";
import type { PriorYear, School, SubgroupResult } from "../contract/requests.js";
import { INDICATOR_INFO, INDICATORS, type Indicator, type Subgroup } from "../core/model.js";
import type { Random } from "./random.js";
import { estimateIndex } from "./school-data.js";

/** The most a value moves between the two years, in points. */
export const MAX_DRIFT = 8;
/** Groups this small come and go: some have no row the year before. */
const SMALL_GROUP = 15;

const round1 = (x: number) => Math.round(x * 10) / 10;
const clamp = (x: number, min: number, max: number) => Math.min(max, Math.max(min, x));

/** The width of the default level a value falls in (the first or last for a value beyond the cut points). */
function levelWidth(code: Indicator, value: number): number {
  const cuts = DEFAULT_CONFIG.cutPoints[code];
  const above = cuts.findIndex((c) => value < c);
  const k = above === -1 ? cuts.length - 1 : Math.max(1, above);
  return cuts[k]! - cuts[k - 1]!;
}

/** Last year's value, `levels` level widths worse than this year's (better when negative). */
function priorValue(code: Indicator, value: number, levels: number): number {
  const { min, max, better } = INDICATOR_INFO[code];
  if (better === "closer") {
    // The distance from the reference moves; the side of it stays.
    const reference = DEFAULT_CONFIG.spedReference;
    const distance = Math.abs(value - reference);
    const moved = clamp(levels * levelWidth(code, distance), -MAX_DRIFT, MAX_DRIFT);
    const prior = reference + (value >= reference ? 1 : -1) * Math.max(0, distance + moved);
    return round1(clamp(prior, min, max));
  }
  const moved = clamp(levels * levelWidth(code, value), -MAX_DRIFT, MAX_DRIFT);
  return round1(clamp(better === "higher" ? value - moved : value + moved, min, max));
}

function priorResult(rng: Random, group: Subgroup, result: SubgroupResult, trend: number): SubgroupResult | undefined {
  const spread = group === "ALL" ? 0.05 : 0.12;
  // Enrolment moves by a few percent, a group's by more (at most about a third, and a few students).
  const scale = Math.exp(clamp(rng.normal(0, spread), -0.3, 0.3));
  const n = Math.max(0, Math.round(result.n * scale + (group === "ALL" ? 0 : clamp(rng.normal(0, 1.5), -5, 5))));
  if (group !== "ALL" && (n === 0 || (result.n < SMALL_GROUP && rng.chance(0.1)))) return undefined;
  const prior: SubgroupResult = { n };
  // Small groups' values are noisier from year to year, as their students change.
  const noise = 0.45 + 3 / Math.sqrt(result.n);
  for (const code of INDICATORS) {
    const value = result[code];
    if (value == null || rng.chance(0.01)) continue;
    prior[code] = priorValue(code, value, trend + rng.normal(0, noise));
  }
  return prior;
}

/** The school's results of `year − 1`, near this year's (see the top of this file). */
export function buildPrior(rng: Random, school: School, year: number): PriorYear {
  const last = school.history?.find((h) => h.year === year - 1)?.index;
  // Index points are ten per level: a school that gained 5 points moved about half a level.
  const trend = last == null ? rng.normal(0.1, 0.3) : (estimateIndex(school) - last) / 10;
  const subgroups = {} as PriorYear["subgroups"];
  for (const [group, result] of Object.entries(school.subgroups) as [Subgroup, SubgroupResult][]) {
    const prior = priorResult(rng, group, result, trend);
    if (prior) subgroups[group] = prior;
  }
  return { year: year - 1, subgroups };
}
