// §7, §8 and §12: Priority, Focus and Reward over the Title I pool of the request, then years in
// status and escalation stage from each school's history. Ranks use unrounded values; ties go to
// the smaller id.

import type { Config, HistoryEntry, School } from "../contract/requests.js";
import type { Reason, SchoolResult } from "../contract/responses.js";
import type { DesignationType, Stage, Subgroup } from "../core/model.js";
import { ceilShare, round6, roundHalfAway } from "../core/numbers.js";

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

export type Designation = SchoolResult["designation"];

export interface DesignationOutcome {
  designations: Designation[];
  poolSize: number;
}

export interface Candidate {
  index: number;
  id: string;
  /** Position in id order: ties break on this number, so every ranking sort compares numbers only. */
  idRank: number;
  score: number;
  gap: number | null;
  /** Score minus the most recent prior index (high-progress), and that index's year. */
  gain: number | null;
  priorYear: number;
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byScoreAscending = (a: Candidate, b: Candidate) => a.score - b.score || a.idRank - b.idRank;
const byScoreDescending = (a: Candidate, b: Candidate) => b.score - a.score || a.idRank - b.idRank;
const byGapDescending = (a: Candidate, b: Candidate) => b.gap! - a.gap! || a.idRank - b.idRank;
const byGainDescending = (a: Candidate, b: Candidate) => b.gain! - a.gain! || a.idRank - b.idRank;
const one = (x: number) => roundHalfAway(x, 1);

/**
 * The Title I pool in the orders designation reads it: by id, by score both ways, by gap and by gain.
 * It depends only on who is in the pool and their scores, gaps and prior indexes, so scenarios
 * that change only shares (or nothing a score depends on) rank once and pass the ranking on.
 */
export interface PoolRanking {
  /** By id; `idRank` is the position here. */
  pool: readonly Candidate[];
  ascending: readonly Candidate[];
  descending: readonly Candidate[];
  /** Every candidate with a gap, largest first. */
  byGap: readonly Candidate[];
  /** Every candidate with a prior index, largest gain first. */
  byGain: readonly Candidate[];
}

export function rankPool(inputs: readonly DesignationInput[], poolStatuses: readonly string[], year?: number): PoolRanking {
  const pool: Candidate[] = [];
  inputs.forEach((input, index) => {
    if (input.score !== null && poolStatuses.includes(input.school.title1)) {
      const prior = priorIndex(input.school, year);
      pool.push({
        index,
        id: input.school.id,
        idRank: 0,
        score: input.score,
        gap: input.gapValue,
        gain: prior ? input.score - prior.index : null,
        priorYear: prior ? prior.year : 0,
      });
    }
  });
  pool.sort((a, b) => compareIds(a.id, b.id));
  for (const [rank, c] of pool.entries()) c.idRank = rank;
  return {
    pool,
    ascending: [...pool].sort(byScoreAscending),
    descending: [...pool].sort(byScoreDescending),
    byGap: pool.filter((c) => c.gap !== null).sort(byGapDescending),
    byGain: pool.filter((c) => c.gain !== null).sort(byGainDescending),
  };
}

export function designate(inputs: readonly DesignationInput[], config: Config, year?: number, ranking?: PoolRanking): DesignationOutcome {
  const rules = config.designation;
  const { pool, ascending, descending, byGap: gapOrder, byGain } = ranking ?? rankPool(inputs, rules.pool, year);
  const N = pool.length;
  const type: (DesignationType | undefined)[] = new Array(inputs.length);
  const reasons: Reason[][] = new Array(inputs.length);
  const give = (i: number, t: DesignationType, reason: Reason) => {
    type[i] = t;
    const list = reasons[i];
    if (list) list.push(reason);
    else reasons[i] = [reason];
  };

  // Priority: lowest share of the pool, two years under the graduation floor, SIG schools.
  const priorityCount = ceilShare(rules.priorityShare, N);
  for (const [rank, c] of ascending.slice(0, priorityCount).entries()) {
    give(c.index, "priority", {
      code: "lowestIndex",
      message: `index ${one(c.score)} ranks ${rank + 1} of ${N} from the bottom of the Title I pool (lowest ${priorityCount})`,
    });
  }
  for (const c of pool) {
    const { school } = inputs[c.index]!;
    const grad = gradRates(school, year);
    if (grad && grad.prior !== null && below(grad.now, rules.gradRateFloor) && below(grad.prior, rules.gradRateFloor)) {
      give(c.index, "priority", {
        code: "gradRateTwoYears",
        message: `graduation rate ${grad.now}% this year and ${grad.prior}% in ${grad.priorYear}, both below ${rules.gradRateFloor}%`,
      });
    }
    if (school.sig) give(c.index, "priority", { code: "sig", message: "School Improvement Grant school" });
  }

  // Focus: of the rest, the largest achievement gaps (count from the whole pool), and low graduation.
  const focusCount = ceilShare(rules.focusShare, N);
  const byGap = gapOrder.filter((c) => type[c.index] === undefined);
  byGap.slice(0, focusCount).forEach((c, rank) => {
    const { gapValue, gapHighest, gapLowest } = inputs[c.index]!;
    give(c.index, "focus", {
      code: "largestGap",
      message: `achievement gap of ${round6(gapValue!)} levels between ${gapHighest.join("/")} and ${gapLowest.join("/")} ranks ${rank + 1} (largest ${focusCount} of the pool of ${N})`,
      subgroups: gapLowest,
    });
  });
  for (const c of pool) {
    if (type[c.index] === "priority") continue;
    const grad = gradRates(inputs[c.index]!.school, year);
    if (grad && below(grad.now, rules.gradRateFloor)) {
      give(c.index, "focus", { code: "gradRate", message: `graduation rate ${grad.now}% is below ${rules.gradRateFloor}%` });
    }
  }

  // Reward: highest-performing (top share, no refill for those dropped) or high-progress.
  const rewardCount = ceilShare(rules.rewardShare, N);
  descending.slice(0, rewardCount).forEach((c, rank) => {
    if (type[c.index] !== undefined || inputs[c.index]!.hasGapFlag) return;
    give(c.index, "reward", {
      code: "highestPerforming",
      message: `index ${one(c.score)} ranks ${rank + 1} of ${N} from the top of the Title I pool (top ${rewardCount}), with no gap flag`,
    });
  });
  const progressCount = ceilShare(rules.progressShare, byGain.length);
  byGain.slice(0, progressCount).forEach((c, rank) => {
    if (round6(c.gain!) <= 0 || type[c.index] === "priority" || type[c.index] === "focus") return;
    give(c.index, "reward", {
      code: "highProgress",
      message: `index gain of ${one(c.gain!)} over ${c.priorYear} ranks ${rank + 1} of ${byGain.length} schools with a prior index (top ${progressCount})`,
    });
  });

  const noneReason = noneReasons(rules.pool);
  const designations = inputs.map((input, i): Designation => {
    const t = type[i] ?? "none";
    const why = type[i] ? reasons[i]! : [noneReason(input)];
    const yearsInStatus = yearsIn(t, input.school.history, year);
    return { type: t, reasons: why, stage: stageOf(t, yearsInStatus), yearsInStatus };
  });
  return { designations, poolSize: N };
}

function below(value: number, floor: number): boolean {
  return round6(value) < round6(floor);
}

/** Why a school has no designation; each message is made once per Title I status, not once per school. */
function noneReasons(pool: readonly string[]): (input: DesignationInput) => Reason {
  const notInPool = new Map<string, string>();
  return (input) => {
    if (input.score === null) return { code: "unscored", message: "the school has no index, so it is not in the Title I pool" };
    const status = input.school.title1;
    if (!pool.includes(status)) {
      let message = notInPool.get(status);
      if (message === undefined) {
        message = `Title I status "${status}" is not in the designation pool (${pool.join(", ")})`;
        notInPool.set(status, message);
      }
      return { code: "notInPool", message };
    }
    return { code: "notIdentified", message: "in the Title I pool; met no Priority, Focus or Reward criterion" };
  };
}

/** The prior year is `year − 1`, or the most recent history entry when the request has no year. */
export function priorYear(history: readonly HistoryEntry[] | undefined, year?: number): number | null {
  if (year !== undefined) return year - 1;
  if (!history || history.length === 0) return null;
  return Math.max(...history.map((h) => h.year));
}

/** A high school's graduation rate (ALL) this year and, when history has it, the prior year's. */
function gradRates(school: School, year?: number): { now: number; prior: number | null; priorYear: number | null } | null {
  if (school.level !== "high") return null;
  const now = school.subgroups.ALL.grad;
  if (now == null) return null;
  const py = priorYear(school.history, year);
  const prior = school.history?.find((h) => h.year === py)?.gradRate ?? null;
  return { now, prior, priorYear: py };
}

/** The most recent prior index (§12 high-progress), before `year` when the request names one. */
function priorIndex(school: School, year?: number): { index: number; year: number } | null {
  let best: { index: number; year: number } | null = null;
  for (const h of school.history ?? []) {
    if (h.index == null || (year !== undefined && h.year >= year)) continue;
    if (!best || h.year > best.year) best = { index: h.index, year: h.year };
  }
  return best;
}

/** 1 + the consecutive most-recent prior years with the same designation; a missing year breaks it. */
export function yearsIn(type: DesignationType, history: readonly HistoryEntry[] | undefined, year?: number): number {
  let y = priorYear(history, year);
  let years = 1;
  while (y !== null) {
    const entry = history?.find((h) => h.year === y);
    if (!entry || entry.designation !== type) break;
    years++;
    y--;
  }
  return years;
}

export function stageOf(type: DesignationType, years: number): Stage | null {
  if (type === "focus") return years <= 2 ? "communityOfPractice" : years <= 4 ? "rewardPartnership" : "districtTurnaround";
  if (type === "priority") return years === 1 ? "peerReview" : years <= 4 ? "turnaroundPrinciples" : "districtAction";
  return null;
}
