// §7, §8 and §12: Priority, Focus and Reward over the Title I pool of the request, then years in
// status and escalation stage from each school's history. Ranks use unrounded values; ties go to
// the smaller id.

import type { Config, HistoryEntry, School } from "../contract/requests.js";
import type { Reason, SchoolResult } from "../contract/responses.js";
import type { DesignationType, Stage, Subgroup, Title1Status } from "../core/model.js";
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

interface Candidate {
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

/** Ties in every ranking go to the smaller id (code-unit order). */
export const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byScoreAscending = (a: Candidate, b: Candidate) => a.score - b.score || a.idRank - b.idRank;
const byScoreDescending = (a: Candidate, b: Candidate) => b.score - a.score || a.idRank - b.idRank;
const byGapDescending = (a: Candidate, b: Candidate) => b.gap! - a.gap! || a.idRank - b.idRank;
const byGainDescending = (a: Candidate, b: Candidate) => b.gain! - a.gain! || a.idRank - b.idRank;
const one = (x: number) => roundHalfAway(x, 1);

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

export function designate(inputs: DesignationInput[], config: Config, year?: number): DesignationOutcome {
  const rules = config.designation;
  const pool: Candidate[] = [];
  inputs.forEach((input, index) => {
    if (input.score !== null && inPool(input.score, input.school.title1, rules)) {
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
  const N = pool.length;
  const counts = poolCounts(rules, N);
  const type: (DesignationType | undefined)[] = new Array(inputs.length);
  const reasons: Reason[][] = inputs.map(() => []);
  const give = (i: number, t: DesignationType, reason: Reason) => {
    type[i] = t;
    reasons[i]!.push(reason);
  };

  // Priority: lowest share of the pool, two years under the graduation floor, SIG schools.
  const ascending = [...pool].sort(byScoreAscending);
  const priorityCount = counts.priority;
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
  const focusCount = counts.focus;
  const byGap = pool.filter((c) => type[c.index] === undefined && c.gap !== null).sort(byGapDescending);
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
  const rewardCount = counts.reward;
  const descending = [...pool].sort(byScoreDescending);
  descending.slice(0, rewardCount).forEach((c, rank) => {
    if (type[c.index] !== undefined || inputs[c.index]!.hasGapFlag) return;
    give(c.index, "reward", {
      code: "highestPerforming",
      message: `index ${one(c.score)} ranks ${rank + 1} of ${N} from the top of the Title I pool (top ${rewardCount}), with no gap flag`,
    });
  });
  const withPrior = pool.filter((c) => c.gain !== null);
  const progressCount = ceilShare(rules.progressShare, withPrior.length);
  withPrior
    .sort(byGainDescending)
    .slice(0, progressCount)
    .forEach((c, rank) => {
      if (round6(c.gain!) <= 0 || type[c.index] === "priority" || type[c.index] === "focus") return;
      give(c.index, "reward", {
        code: "highProgress",
        message: `index gain of ${one(c.gain!)} over ${c.priorYear} ranks ${rank + 1} of ${withPrior.length} schools with a prior index (top ${progressCount})`,
      });
    });

  const designations = inputs.map((input, i): Designation => {
    const t = type[i] ?? "none";
    const why = type[i] ? reasons[i]! : [noneReason(input, rules.pool)];
    const yearsInStatus = yearsIn(t, input.school.history, year);
    return { type: t, reasons: why, stage: stageOf(t, yearsInStatus), yearsInStatus };
  });
  return { designations, poolSize: N };
}

function noneReason(input: DesignationInput, pool: readonly string[]): Reason {
  if (input.score === null) return { code: "unscored", message: "the school has no index, so it is not in the Title I pool" };
  if (!pool.includes(input.school.title1)) {
    return { code: "notInPool", message: `Title I status "${input.school.title1}" is not in the designation pool (${pool.join(", ")})` };
  }
  return { code: "notIdentified", message: "in the Title I pool; met no Priority, Focus or Reward criterion" };
}

/** The prior year is `year − 1`, or the most recent history entry when the request has no year. */
export function priorYear(history: readonly HistoryEntry[] | undefined, year?: number): number | null {
  if (year !== undefined) return year - 1;
  if (!history || history.length === 0) return null;
  return Math.max(...history.map((h) => h.year));
}

/** A high school's graduation rate (ALL) this year and, when history has it, the prior year's. */
export function gradRates(school: School, year?: number): { now: number; prior: number | null; priorYear: number | null } | null {
  if (school.level !== "high") return null;
  const now = school.subgroups.ALL.grad;
  if (now == null) return null;
  const py = priorYear(school.history, year);
  const prior = school.history?.find((h) => h.year === py)?.gradRate ?? null;
  return { now, prior, priorYear: py };
}

/** The most recent prior index (§12 high-progress), before `year` when the request names one. */
export function priorIndex(school: School, year?: number): { index: number; year: number } | null {
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
