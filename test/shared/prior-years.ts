// A prior year (methodology §13) for test schools that have none: each school's results of the year
// before, made from this year's by a seeded shift per group and indicator (a share of the value
// either way, kept in the indicator's range) and a slightly different n. Every k-th school is left without one,
// so a run has both kinds.
import type { School, ScoreRequest, SubgroupResult } from "../../shared/contract/requests.js";
import { INDICATOR_INFO, INDICATORS } from "../../shared/core/model.js";
import { Random } from "../../shared/samples/random.js";

export interface PriorOptions {
  seed?: number;
  /** Every k-th school (by position) is left without a prior year; 0 gives every school one. */
  without?: number;
  /** The largest shift of a value, as a share of it (0.12: 12% either way). */
  spread?: number;
}

function priorGroup(rng: Random, group: SubgroupResult, spread: number): SubgroupResult {
  const prior: SubgroupResult = { n: Math.max(0, group.n + rng.int(-5, 5)) };
  for (const code of INDICATORS) {
    const value = group[code];
    if (value == null) continue;
    const { min, max } = INDICATOR_INFO[code];
    // A share of the value either way, so that a 3% suspension rate moves by tenths and a 60% pass rate by points.
    prior[code] = Math.round(Math.min(max, Math.max(min, value * (1 + rng.uniform(-spread, spread)))) * 10) / 10;
  }
  return prior;
}

export function withPrior(school: School, year: number | undefined, rng: Random, spread = 0.12): School {
  const subgroups = Object.fromEntries(Object.entries(school.subgroups).map(([code, group]) => [code, priorGroup(rng, group!, spread)])) as School["subgroups"];
  return { ...school, prior: { ...(year !== undefined && { year: year - 1 }), subgroups } };
}

/** The request with a prior year for a share of its schools. */
export function withPriors(request: ScoreRequest, { seed = 13, without = 4, spread = 0.12 }: PriorOptions = {}): ScoreRequest {
  const rng = new Random(seed);
  const skip = (i: number) => without > 0 && i % without === without - 1;
  return { ...request, schools: request.schools.map((school, i) => (skip(i) ? school : withPrior(school, request.year, rng, spread))) };
}
