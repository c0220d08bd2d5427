// Distance to exit (api.md "School data report"): what it would take a designated school to leave
// its designation if every other school stayed where it is, and what one more level on each
// indicator is worth in index points. It reads a score response and the config it was scored with,
// so the add-in can ask it of any run, local or on the API; the pool, its counts, its tie rule and
// the graduation floor are designations.ts's own (inPool, poolCounts, compareIds, below, gradRates).
//
// Scores in a response are rounded to one decimal. Rounding keeps order (a ≤ b ⇒ round(a) ≤
// round(b)), so the k-th lowest reported score is the reported k-th lowest score, and a reported
// index above the reported cut-off is an index above the true one: the distance is exact in the
// index points a report shows. Gaps are multiples of half a level (academic levels are means of two
// whole levels), which a response carries exactly.

import type { Config, School } from "../contract/requests.js";
import type { SchoolResult } from "../contract/responses.js";
import { INDICATORS, type Indicator, type Subgroup } from "../core/model.js";
import { roundHalfAway } from "../core/numbers.js";
import { below, compareIds, gradRates, inPool, poolCounts } from "./designations.js";
import { changeNeeded, scalesFor } from "./levels.js";

/** The Title I pool of a response, ranked once for every school's distance. */
export interface PoolView {
  size: number;
  counts: { priority: number; focus: number; reward: number };
  /** Pool schools by reported index, lowest first (ties: smaller id first, as the engine ranks). */
  ascending: SchoolResult[];
  /** Pool schools with an achievement gap, largest first (ties: smaller id first). */
  byGap: SchoolResult[];
  /** Of those, the ones that are not Priority: Focus ranks these. */
  focusRanking: SchoolResult[];
  /** Each school's place in `ascending`, `byGap` and `focusRanking`, so a cut-off is found without a scan. */
  places: { ascending: Map<string, number>; byGap: Map<string, number>; focus: Map<string, number> };
  /** For each place in `byGap`, how many schools before it are not Priority. */
  openBefore: number[];
  rules: Config["designation"];
  year: number | undefined;
}

export function poolView(results: readonly SchoolResult[], config: Config, year?: number): PoolView {
  const rules = config.designation;
  const pool = results.filter((r) => inPool(r.index?.score ?? null, r.title1, rules));
  const ascending = [...pool].sort((a, b) => a.index!.score - b.index!.score || compareIds(a.id, b.id));
  const byGap = pool.filter((r) => r.gap !== null).sort((a, b) => b.gap!.value - a.gap!.value || compareIds(a.id, b.id));
  const focusRanking = byGap.filter((r) => r.designation.type !== "priority");
  const places = { ascending: placesOf(ascending), byGap: placesOf(byGap), focus: placesOf(focusRanking) };
  const openBefore: number[] = [];
  let open = 0;
  for (const r of byGap) {
    openBefore.push(open);
    if (r.designation.type !== "priority") open++;
  }
  return { size: pool.length, counts: poolCounts(rules, pool.length), ascending, byGap, focusRanking, places, openBefore, rules, year };
}

const placesOf = (ranking: readonly SchoolResult[]) => new Map(ranking.map((r, i) => [r.id, i]));

/** One rule that holds a school in its designation, and how far the school is from getting clear of it. */
export type ExitRoute =
  /** Priority for the index: reach `target` (the cut-off + 0.1); null when every school of so small a pool is in the lowest share. */
  | { code: "lowestIndex"; score: number; cutOff: number | null; target: number | null; pointsNeeded: number | null }
  /** Focus for the gap: narrow it to `target` levels or less; null when no other school's gap sets a cut-off below this one. */
  | { code: "largestGap"; gap: number; lowest: Subgroup[]; cutOff: number | null; target: number | null; levelsNeeded: number | null }
  /** Graduation under the floor (this year; for Priority, this year and last): this year's rate must reach it. */
  | { code: "gradRate" | "gradRateTwoYears"; rate: number; floor: number; needed: number }
  /** School Improvement Grant schools are Priority while they hold the grant: no result moves them. */
  | { code: "sig" };

export interface ExitDistance {
  /** One route per reason of a Priority or Focus designation; the school leaves when all are travelled. Empty otherwise. */
  routes: ExitRoute[];
  /**
   * A Priority school held by its index alone, past the cut-off, is still checked for Focus: true when
   * its gap or graduation rate would make it Focus then (the school that falls into Priority in its
   * place leaves the Focus ranking). Null when it does not apply.
   */
  thenFocus: { gap: boolean; gradRate: boolean } | null;
  /** A pool school that is not Priority: the Priority cut-off below it and its reported margin above it. */
  abovePriority: { line: number; margin: number } | null;
}

const one = (x: number) => roundHalfAway(x, 1);
const half = (x: number) => Math.round(x * 2) / 2;

/** The k-th entry (1-based) of a ranking without `school` (its place there, if any, given), or null when it is shorter. */
function kthOther(ranking: readonly SchoolResult[], place: number | undefined, k: number): SchoolResult | null {
  // Entries after the school move up one place when it is taken out.
  const at = place !== undefined && place <= k - 1 ? k : k - 1;
  const others = ranking.length - (place === undefined ? 0 : 1);
  return k >= 1 && k <= others ? ranking[at]! : null;
}

/** Index cut-off: the priority-count-th lowest other school. Above it, this school is no longer among the lowest. */
function indexRoute(view: PoolView, result: SchoolResult): ExitRoute {
  const score = result.index!.score;
  const line = kthOther(view.ascending, view.places.ascending.get(result.id), view.counts.priority);
  if (!line) return { code: "lowestIndex", score, cutOff: null, target: null, pointsNeeded: null };
  const cutOff = line.index!.score;
  const target = one(cutOff + 0.1);
  return { code: "lowestIndex", score, cutOff, target, pointsNeeded: one(target - score) };
}

/**
 * Gap cut-off: the focus-count-th largest gap among the other pool schools that are not Priority.
 * Equal gaps rank by id, so a school whose id comes after the cut-off school's may equal it; one
 * whose id comes first must be half a level under it.
 */
function gapRoute(view: PoolView, result: SchoolResult): ExitRoute {
  const gap = result.gap!.value;
  const lowest = result.gap!.lowest;
  const line = kthOther(view.focusRanking, view.places.focus.get(result.id), view.counts.focus);
  if (!line) return { code: "largestGap", gap, lowest, cutOff: null, target: null, levelsNeeded: null };
  const cutOff = line.gap!.value;
  const target = compareIds(result.id, line.id) > 0 ? cutOff : half(cutOff) - 0.5;
  if (target < 0) return { code: "largestGap", gap, lowest, cutOff, target: null, levelsNeeded: null };
  return { code: "largestGap", gap, lowest, cutOff, target, levelsNeeded: half(gap - target) };
}

function gradRoute(code: "gradRate" | "gradRateTwoYears", view: PoolView, school: School): ExitRoute {
  const rate = gradRates(school, view.year)?.now ?? 0;
  const floor = view.rules.gradRateFloor;
  return { code, rate, floor, needed: roundHalfAway(floor - rate, 6) };
}

/**
 * After rising past the index cut-off, the school is Focus if its gap ranks within the Focus count
 * among the pool's schools that are then not Priority, or if it is a high school under the floor.
 */
function focusAfterPriority(view: PoolView, result: SchoolResult, school: School): { gap: boolean; gradRate: boolean } {
  const grad = gradRates(school, view.year);
  const gradRate = grad !== null && below(grad.now, view.rules.gradRateFloor);
  const place = view.places.byGap.get(result.id);
  if (place === undefined) return { gap: false, gradRate };
  // Its rank among the schools then not Priority: those before it now, less the one that falls in, if it was one of them.
  const fallsIn = kthOther(view.ascending, view.places.ascending.get(result.id), view.counts.priority);
  const fallsInPlace = fallsIn && fallsIn.designation.type !== "priority" ? view.places.byGap.get(fallsIn.id) : undefined;
  const rank = view.openBefore[place]! - (fallsInPlace !== undefined && fallsInPlace < place ? 1 : 0);
  return { gap: rank < view.counts.focus, gradRate };
}

/** How far `result` (and the request's `school` it came from) is from leaving its designation. */
export function exitDistance(view: PoolView, result: SchoolResult, school: School): ExitDistance {
  const pooled = inPool(result.index?.score ?? null, result.title1, view.rules);
  const { type, reasons } = result.designation;
  const routes: ExitRoute[] = [];
  if (pooled && (type === "priority" || type === "focus")) {
    for (const { code } of reasons) {
      if (code === "lowestIndex") routes.push(indexRoute(view, result));
      else if (code === "largestGap" && result.gap) routes.push(gapRoute(view, result));
      else if (code === "gradRate" || code === "gradRateTwoYears") routes.push(gradRoute(code, view, school));
      else if (code === "sig") routes.push({ code: "sig" });
    }
  }
  const indexOnly = routes.length === 1 && routes[0]!.code === "lowestIndex" && routes[0]!.target !== null;
  let abovePriority: ExitDistance["abovePriority"] = null;
  if (pooled && type !== "priority") {
    const line = kthOther(view.ascending, view.places.ascending.get(result.id), view.counts.priority);
    if (line) abovePriority = { line: line.index!.score, margin: one(result.index!.score - line.index!.score) };
  }
  return { routes, thenFocus: indexOnly ? focusAfterPriority(view, result, school) : null, abovePriority };
}

/**
 * Index points one more level of the ALL result would add, per indicator (null at level 10 or
 * without a level). The indicator's level is (1 − subgroupShare) × ALL level + subgroupShare × the
 * groups' mean (the ALL level alone without group levels), and its points are 10 × weight × level
 * ÷ the weights of the domains present: so a level more is worth 10 × weight × (1 − subgroupShare,
 * or 1) ÷ those weights. Gains from the groups' own results come on top.
 */
export function indexGains(result: SchoolResult, config: Config): Partial<Record<Indicator, number | null>> {
  const domainWeight = (result.domains.academic?.weight ?? 0) + (result.domains.secc?.weight ?? 0);
  const gains: Partial<Record<Indicator, number | null>> = {};
  for (const code of INDICATORS) {
    const item = result.indicators[code];
    if (!item) continue;
    if (item.level === null || item.allLevel === null || item.allLevel >= 10 || domainWeight === 0 || result.index === null) {
      gains[code] = null;
      continue;
    }
    const step = item.subgroupLevel === null ? 1 : 1 - config.subgroupShare;
    gains[code] = roundHalfAway((10 * item.weight * step) / domainWeight, 6);
  }
  return gains;
}

/** A step that narrows a gap: one more level in ELA or math for a group at the gap's bottom. */
export interface GapStep {
  group: Subgroup;
  indicator: "ela" | "math";
  value: number;
  level: number;
  /** The value that reaches the next level (the cut point, inclusive). */
  nextValue: number;
  /** Levels the group's academic level rises by: ½ with both ELA and math levels, 1 with one. */
  narrows: number;
}

/** For each group at the bottom of the gap, its ELA and math results one level up (from the request's values). */
export function gapSteps(result: SchoolResult, school: School, config: Config): GapStep[] {
  if (!result.gap) return [];
  const scales = scalesFor(config);
  const steps: GapStep[] = [];
  for (const group of result.gap.lowest) {
    const levels = result.subgroups[group]?.levels ?? {};
    const counted = (["ela", "math"] as const).filter((code) => levels[code] !== undefined);
    for (const code of counted) {
      const value = school.subgroups[group]?.[code];
      const level = levels[code]!;
      if (value == null || level >= 10) continue;
      const change = changeNeeded(scales[code], value, level)[0]!;
      steps.push({ group, indicator: code, value, level, nextValue: roundHalfAway(value + change, 6), narrows: 1 / counted.length });
    }
  }
  return steps;
}
