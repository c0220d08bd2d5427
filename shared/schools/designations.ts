// §7, §8 and §12: Priority, Focus and Reward over the Title I pool of the request, then years in
// status and escalation stage from each school's history. Ranks use unrounded values; ties go to
// the smaller id. Designation reads scores and gaps as arrays and the schools' facts (designation-
// facts.ts) read once per request; a school's Designation object is made only when asked for.

import type { Config, School } from "../contract/requests.js";
import type { Reason, SchoolResult } from "../contract/responses.js";
import { DESIGNATION_TYPES, type DesignationType, type Stage, type Subgroup, TITLE1_STATUSES, type Title1Status } from "../core/model.js";
import { ceilShare, round6, roundHalfAway } from "../core/numbers.js";
import { text } from "../core/text.js";
import { priorYear, type SchoolFacts, schoolFacts, yearsInStatus } from "./designation-facts.js";

export { priorYear, yearsIn } from "./designation-facts.js";

/** What designation needs to know of a school after its index and flags. */
export interface DesignationInput {
  school: School;
  /** Unrounded index score (10 × weighted mean level); null when unscored. */
  score: number | null;
  gapValue: number | null;
  gapLowest: Subgroup[];
  gapHighest: Subgroup[];
  hasGapFlag: boolean;
}

/** The same for every school at once, as an assessment holds it. */
export interface Scored {
  /** Unrounded index scores; null when unscored. */
  scores: readonly (number | null)[];
  /** Unrounded gaps; NaN without one. */
  gaps: Float64Array;
  /** 1 where a group of the school carries the `gap` flag. */
  gapFlags: Uint8Array;
  /** The groups at the top and the bottom of school s's gap (asked only of the schools a gap designates). */
  gapGroups(s: number): { highest: Subgroup[]; lowest: Subgroup[] };
}

export type Designation = SchoolResult["designation"];

export interface DesignationOutcome {
  designations: Designation[];
  poolSize: number;
}

const one = (x: number) => roundHalfAway(x, 1);

/** Ties in every ranking go to the smaller id (code-unit order). */
export const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type Rules = Config["designation"];

/** §7: the pool is the scored schools whose Title I status is one of `designation.pool`. */
export function inPool(score: number | null, title1: Title1Status, rules: Rules): boolean {
  return score !== null && rules.pool.includes(title1);
}

/** How many schools each ranking takes from a pool of N: ceil(share × N) (Reward's high-progress share counts differently). */
export function poolCounts(rules: Rules, poolSize: number): { priority: number; focus: number; reward: number } {
  return { priority: ceilShare(rules.priorityShare, poolSize), focus: ceilShare(rules.focusShare, poolSize), reward: ceilShare(rules.rewardShare, poolSize) };
}

/** Below a floor as §12 compares: both at 6 decimals. */
export function below(value: number, floor: number): boolean {
  return round6(value) < round6(floor);
}

/** A high school's graduation rate (ALL) this year and, when history has it, the prior year's (schoolFacts reads the same into arrays). */
export function gradRates(school: School, year?: number): { now: number; prior: number | null; priorYear: number | null } | null {
  if (school.level !== "high") return null;
  const now = school.subgroups.ALL.grad;
  if (now == null) return null;
  const py = priorYear(school.history, year);
  const prior = school.history?.find((h) => h.year === py)?.gradRate ?? null;
  return { now, prior, priorYear: py };
}

/** The most recent prior index (§12 high-progress), before `year` when the request names one (schoolFacts reads the same into arrays). */
export function priorIndex(school: School, year?: number): { index: number; year: number } | null {
  let best: { index: number; year: number } | null = null;
  for (const h of school.history ?? []) {
    if (h.index == null || (year !== undefined && h.year >= year)) continue;
    if (!best || h.year > best.year) best = { index: h.index, year: h.year };
  }
  return best;
}

const PRIORITY = DESIGNATION_TYPES.indexOf("priority");
const FOCUS = DESIGNATION_TYPES.indexOf("focus");
const REWARD = DESIGNATION_TYPES.indexOf("reward");
const NONE = DESIGNATION_TYPES.indexOf("none");
const UNSET = 255;

/**
 * The Title I pool in the orders designation reads it, as school positions: by score both ways, by
 * gap and by gain. Every order is total (ties go to the smaller id). It depends only on who is in
 * the pool and on their scores, gaps and prior indexes, so scenarios that change only shares (or
 * nothing a score depends on) rank once.
 */
export interface PoolRanking {
  /** In input order. */
  pool: Int32Array;
  ascending: Int32Array;
  descending: Int32Array;
  /** Every school of the pool with a gap, largest first. */
  byGap: Int32Array;
  /** Every school of the pool with a prior index, largest gain (score − prior index) first. */
  byGain: Int32Array;
  /** Per school: its gain, NaN without a prior index or outside the pool. */
  gains: Float64Array;
  /** The gaps it was ranked by. */
  gaps: Float64Array;
}

/**
 * The schools sorted by value (ascending or descending), ties by id rank. Native sorts of exact
 * integer keys (rank of the value among the distinct values × count + id rank), far faster than
 * sorting with a comparator, and the same order: for finite numbers a − b is 0 only when a = b.
 */
function orderBy(schools: Int32Array, value: (s: number) => number, idRank: Int32Array, descending: boolean): Int32Array {
  const count = idRank.length;
  const n = schools.length;
  const values = new Float64Array(n);
  for (let k = 0; k < n; k++) values[k] = value(schools[k]!) + 0; // + 0: −0 sorts as 0, as a − b would
  const distinct = values.slice().sort();
  let d = 0;
  for (let k = 0; k < n; k++) if (k === 0 || distinct[k] !== distinct[d - 1]) distinct[d++] = distinct[k]!;
  const keys = new Float64Array(n);
  const bySchool = new Int32Array(count);
  for (let k = 0; k < n; k++) {
    let lo = 0;
    let hi = d - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (distinct[mid]! < values[k]!) lo = mid + 1;
      else hi = mid;
    }
    const s = schools[k]!;
    keys[k] = (descending ? d - 1 - lo : lo) * count + idRank[s]!;
    bySchool[idRank[s]!] = s;
  }
  keys.sort();
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[k] = bySchool[keys[k]! % count]!;
  return order;
}

/** The descending order from the ascending one: reversed, but equal values keep their id order. */
function reversed(ascending: Int32Array, value: (s: number) => number): Int32Array {
  const out = new Int32Array(ascending.length);
  let written = 0;
  for (let end = ascending.length; end > 0; ) {
    const v = value(ascending[end - 1]!);
    let start = end - 1;
    while (start > 0 && value(ascending[start - 1]!) === v) start--;
    for (let k = start; k < end; k++) out[written++] = ascending[k]!;
    end = start;
  }
  return out;
}

function samePool(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** @param earlier rankings of the same schools: one with the same pool and the same gaps lends its gap order */
export function rankPool(scored: Scored, facts: SchoolFacts, poolStatuses: readonly string[], earlier: readonly PoolRanking[] = []): PoolRanking {
  const { scores, gaps } = scored;
  const count = scores.length;
  const members: number[] = [];
  const gains = new Float64Array(count).fill(Number.NaN);
  const inPool = TITLE1_STATUSES.map((status) => poolStatuses.includes(status));
  for (let s = 0; s < count; s++) {
    const score = scores[s]!;
    if (score === null || !inPool[facts.title1Position[s]!]) continue;
    members.push(s);
    gains[s] = score - facts.priorIndex[s]!; // NaN without a prior index
  }
  const pool = Int32Array.from(members);
  const score = (s: number) => scores[s]!;
  const ascending = orderBy(pool, score, facts.idRank, false);
  const sameGaps = earlier.find((r) => r.gaps === gaps && samePool(r.pool, pool));
  return {
    pool,
    ascending,
    descending: reversed(ascending, score),
    byGap:
      sameGaps?.byGap ??
      orderBy(
        pool.filter((s) => !Number.isNaN(gaps[s]!)),
        (s) => gaps[s]!,
        facts.idRank,
        true,
      ),
    byGain: orderBy(
      pool.filter((s) => !Number.isNaN(gains[s]!)),
      (s) => gains[s]!,
      facts.idRank,
      true,
    ),
    gains,
    gaps,
  };
}

/** Every school's designation: types and reasons in arrays, each Designation object made when asked for. */
export class Designations {
  private readonly notInPool = new Map<string, string>();

  constructor(
    /** Position in DESIGNATION_TYPES, per school. */
    readonly types: Uint8Array,
    /** The reasons of each designated school. */
    private readonly reasons: (Reason[] | undefined)[],
    readonly poolSize: number,
    private readonly scores: readonly (number | null)[],
    private readonly facts: SchoolFacts,
    private readonly poolStatuses: readonly string[],
  ) {}

  type(s: number): DesignationType {
    return DESIGNATION_TYPES[this.types[s]!]!;
  }

  /** The reasons school s was designated (empty when it was not). */
  reasonsFor(s: number): readonly Reason[] {
    return this.reasons[s] ?? [];
  }

  get(s: number): Designation {
    const type = this.type(s);
    const years = yearsInStatus(this.facts, s, this.types[s]!);
    return { type, reasons: this.reasons[s] ?? [this.noneReason(s)], stage: stageOf(type, years), yearsInStatus: years };
  }

  private noneReason(s: number): Reason {
    if (this.scores[s] === null) return { code: "unscored", message: "the school has no index, so it is not in the Title I pool" };
    const status = this.facts.title1[s]!;
    if (!this.poolStatuses.includes(status)) {
      let message = this.notInPool.get(status);
      if (message === undefined) {
        message = text`Title I status "${status}" is not in the designation pool (${this.poolStatuses.join(", ")})`;
        this.notInPool.set(status, message);
      }
      return { code: "notInPool", message };
    }
    return { code: "notIdentified", message: "in the Title I pool; met no Priority, Focus or Reward criterion" };
  }
}

export function designateAll(scored: Scored, facts: SchoolFacts, config: Config, ranking?: PoolRanking): Designations {
  const rules = config.designation;
  const { pool, ascending, descending, byGap: gapOrder, byGain, gains } = ranking ?? rankPool(scored, facts, rules.pool);
  const N = pool.length;
  const { scores, gaps } = scored;
  const count = scores.length;
  const type = new Uint8Array(count).fill(UNSET);
  const reasons: (Reason[] | undefined)[] = new Array(count);
  const give = (i: number, t: number, reason: Reason) => {
    type[i] = t;
    const list = reasons[i];
    if (list) list.push(reason);
    else reasons[i] = [reason];
  };
  const { gradNow, gradPrior, gradPriorYear } = facts;

  // Priority: lowest share of the pool, two years under the graduation floor, SIG schools.
  const counts = poolCounts(rules, N);
  const priorityCount = counts.priority;
  for (let rank = 0; rank < Math.min(priorityCount, N); rank++) {
    const i = ascending[rank]!;
    give(i, PRIORITY, {
      code: "lowestIndex",
      message: text`index ${one(scores[i]!)} ranks ${rank + 1} of ${N} from the bottom of the Title I pool (lowest ${priorityCount})`,
    });
  }
  for (const i of pool) {
    const now = gradNow[i]!;
    const prior = gradPrior[i]!;
    if (!Number.isNaN(now) && !Number.isNaN(prior) && below(now, rules.gradRateFloor) && below(prior, rules.gradRateFloor)) {
      give(i, PRIORITY, {
        code: "gradRateTwoYears",
        message: text`graduation rate ${now}% this year and ${prior}% in ${gradPriorYear[i]}, both below ${rules.gradRateFloor}%`,
      });
    }
    if (facts.sig[i]) give(i, PRIORITY, { code: "sig", message: "School Improvement Grant school" });
  }

  // Focus: of the rest, the largest achievement gaps (count from the whole pool), and low graduation.
  const focusCount = counts.focus;
  for (let k = 0, rank = 0; k < gapOrder.length && rank < focusCount; k++) {
    const i = gapOrder[k]!;
    if (type[i] !== UNSET) continue;
    const { highest, lowest } = scored.gapGroups(i);
    give(i, FOCUS, {
      code: "largestGap",
      message: text`achievement gap of ${round6(gaps[i]!)} levels between ${highest.join("/")} and ${lowest.join("/")} ranks ${rank + 1} (largest ${focusCount} of the pool of ${N})`,
      subgroups: lowest,
    });
    rank++;
  }
  for (const i of pool) {
    if (type[i] === PRIORITY) continue;
    const now = gradNow[i]!;
    if (!Number.isNaN(now) && below(now, rules.gradRateFloor)) {
      give(i, FOCUS, { code: "gradRate", message: text`graduation rate ${now}% is below ${rules.gradRateFloor}%` });
    }
  }

  // Reward: highest-performing (top share, no refill for those dropped) or high-progress.
  const rewardCount = counts.reward;
  for (let rank = 0; rank < Math.min(rewardCount, N); rank++) {
    const i = descending[rank]!;
    if (type[i] !== UNSET || scored.gapFlags[i]) continue;
    give(i, REWARD, {
      code: "highestPerforming",
      message: text`index ${one(scores[i]!)} ranks ${rank + 1} of ${N} from the top of the Title I pool (top ${rewardCount}), with no gap flag`,
    });
  }
  const progressCount = ceilShare(rules.progressShare, byGain.length);
  for (let rank = 0; rank < Math.min(progressCount, byGain.length); rank++) {
    const i = byGain[rank]!;
    const gain = gains[i]!;
    if (round6(gain) <= 0 || type[i] === PRIORITY || type[i] === FOCUS) continue;
    give(i, REWARD, {
      code: "highProgress",
      message: text`index gain of ${one(gain)} over ${facts.priorIndexYear[i]} ranks ${rank + 1} of ${byGain.length} schools with a prior index (top ${progressCount})`,
    });
  }

  for (let i = 0; i < count; i++) if (type[i] === UNSET) type[i] = NONE;
  return new Designations(type, reasons, N, scores, facts, rules.pool);
}

/** Designation of schools given one by one (as tests and single schools do). */
export function designate(inputs: readonly DesignationInput[], config: Config, year?: number): DesignationOutcome {
  const scored: Scored = {
    scores: inputs.map((input) => input.score),
    gaps: Float64Array.from(inputs, (input) => input.gapValue ?? Number.NaN),
    gapFlags: Uint8Array.from(inputs, (input) => (input.hasGapFlag ? 1 : 0)),
    gapGroups: (s) => ({ highest: inputs[s]!.gapHighest, lowest: inputs[s]!.gapLowest }),
  };
  const all = designateAll(
    scored,
    schoolFacts(
      inputs.map((input) => input.school),
      year,
    ),
    config,
  );
  return { designations: inputs.map((_, i) => all.get(i)), poolSize: all.poolSize };
}

export function stageOf(type: DesignationType, years: number): Stage | null {
  if (type === "focus") return years <= 2 ? "communityOfPractice" : years <= 4 ? "rewardPartnership" : "districtTurnaround";
  if (type === "priority") return years === 1 ? "peerReview" : years <= 4 ? "turnaroundPrinciples" : "districtAction";
  return null;
}
