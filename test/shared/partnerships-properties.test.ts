// assignPartners (§12 Reward partnerships) on random instances: the same (count, total quality) as
// exhaustive search on small ones and as a plain Bellman–Ford min-cost flow on larger ones, the
// same result whatever the input order, and inputs left untouched. Hand-worked cases are in
// partnerships.test.ts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SchoolLevel, Subgroup } from "../../shared/core/model.js";
import { assignPartners, type PartnerNeed, type PartnerRules, type RewardCandidate } from "../../shared/schools/partnerships.js";
import { checkValid, need, quality, reward, total } from "./partnerships-reference.js";

/** Exhaustive search: the best (count, total quality), count first. */
function bruteForce(needs: PartnerNeed[], rewards: RewardCandidate[], rules: PartnerRules) {
  const used = rewards.map(() => 0);
  let best = { count: 0, total: 0 };
  const visit = (i: number, count: number, sum: number) => {
    if (i === needs.length) {
      if (count > best.count || (count === best.count && sum > best.total + 1e-9)) best = { count, total: sum };
      return;
    }
    visit(i + 1, count, sum); // need i stays unmatched
    rewards.forEach((r, j) => {
      const q = quality(needs[i]!, r, rules);
      if (q === null || used[j]! >= rules.capacity) return;
      used[j]!++;
      visit(i + 1, count + 1, sum + q);
      used[j]!--;
    });
  };
  visit(0, 0, 0);
  return best;
}

/**
 * Reference for instances too big to search: successive shortest paths on a residual matrix with
 * Bellman–Ford and costs −quality. Slow, but it has no potentials or early stops to get wrong.
 */
function bellmanFord(needs: PartnerNeed[], rewards: RewardCandidate[], rules: PartnerRules) {
  const n = needs.length;
  const nodes = n + rewards.length + 2;
  const sink = nodes - 1;
  const matrix = () => Array.from({ length: nodes }, () => new Array<number>(nodes).fill(0));
  const cap = matrix();
  const cost = matrix();
  needs.forEach((nd, i) => {
    cap[0]![1 + i] = 1;
    rewards.forEach((r, j) => {
      const q = quality(nd, r, rules);
      if (q === null) return;
      cap[1 + i]![1 + n + j] = 1;
      cost[1 + i]![1 + n + j] = -q;
      cost[1 + n + j]![1 + i] = q;
    });
  });
  rewards.forEach((_, j) => {
    cap[1 + n + j]![sink] = rules.capacity;
  });
  let count = 0;
  let sum = 0;
  for (;;) {
    const dist = new Array<number>(nodes).fill(Infinity);
    const prev = new Array<number>(nodes).fill(-1);
    dist[0] = 0;
    for (let pass = 0, changed = true; changed && pass < nodes; pass++) {
      changed = false;
      for (let u = 0; u < nodes; u++) {
        if (dist[u] === Infinity) continue;
        for (let v = 0; v < nodes; v++) {
          if (cap[u]![v]! > 0 && dist[u]! + cost[u]![v]! < dist[v]! - 1e-9) {
            dist[v] = dist[u]! + cost[u]![v]!;
            prev[v] = u;
            changed = true;
          }
        }
      }
    }
    if (dist[sink] === Infinity) return { count, total: sum };
    for (let v = sink; v !== 0; v = prev[v]!) {
      cap[prev[v]!]![v]!--;
      cap[v]![prev[v]!]!++;
    }
    count++;
    sum -= dist[sink]!;
  }
}

// Random instances small enough to search exhaustively. Few levels, districts and subgroups, and
// academic levels on half steps, so ties between equally good assignments are common. Sizes are
// spread over the whole range (size "max"): the default leans to tiny arrays that rarely compete.
const LEVELS: SchoolLevel[] = ["elementary", "middle"];
const DISTRICTS = ["D1", "D2", null];
const GROUPS: Subgroup[] = ["ALL", "HI", "EL"];
const academicLevel = fc.oneof(
  fc.integer({ min: 10, max: 20 }).map((h) => h / 2),
  fc.double({ min: 6, max: 10, noNaN: true }),
  fc.constantFrom(7, 6.999999, 6.9999999),
);
const academicChange = fc.constantFrom(-1, 0, 0.000001, 0.5, 2);
const instance = (maxNeeds: number, maxRewards: number, minNeeds = 0) =>
  fc
    .record({
      needs: fc.array(fc.record({ level: fc.constantFrom(...LEVELS), district: fc.constantFrom(...DISTRICTS), subgroup: fc.constantFrom(...GROUPS) }), {
        minLength: minNeeds,
        maxLength: maxNeeds,
        size: "max",
      }),
      rewards: fc.array(
        fc.record({
          level: fc.constantFrom(...LEVELS),
          district: fc.constantFrom(...DISTRICTS),
          academicLevels: fc.record({ ALL: academicLevel, HI: academicLevel, EL: academicLevel }, { requiredKeys: [] }),
          // §13: a prior year (changes per group, some not raised, some missing) about half the time.
          academicChanges: fc.option(fc.record({ ALL: academicChange, HI: academicChange, EL: academicChange }, { requiredKeys: [] }), { nil: null }),
        }),
        { maxLength: maxRewards, size: "max" },
      ),
      capacity: fc.integer({ min: 0, max: 3 }),
      minLevel: fc.constantFrom(7, 8),
    })
    .map(({ needs, rewards, capacity, minLevel }) => ({
      needs: needs.map((n, i): PartnerNeed => ({ id: `N${i}`, ...n })),
      rewards: rewards.map((r, j): RewardCandidate => ({ id: `R${j}`, ...r })),
      rules: { capacity, minLevel },
    }));

describe("assignPartners: properties", () => {
  it("agrees with exhaustive search on (count, total quality)", () => {
    fc.assert(
      fc.property(instance(6, 4), ({ needs, rewards, rules }) => {
        const result = assignPartners(needs, rewards, rules);
        checkValid(result, needs, rewards, rules);
        const best = bruteForce(needs, rewards, rules);
        expect(result.pairs.length).toBe(best.count);
        expect(total(result)).toBeCloseTo(best.total, 5);
      }),
      { numRuns: 200 },
    );
  });

  it("agrees with a Bellman–Ford min-cost flow on larger instances", () => {
    fc.assert(
      fc.property(instance(40, 12, 10), ({ needs, rewards, rules }) => {
        const result = assignPartners(needs, rewards, rules);
        checkValid(result, needs, rewards, rules);
        const best = bellmanFord(needs, rewards, rules);
        expect(result.pairs.length).toBe(best.count);
        // Each pair's quality is reported to 6 decimals, so the totals may differ by half a unit of the 6th per pair.
        expect(Math.abs(total(result) - best.total)).toBeLessThanOrEqual(best.count * 5e-7 + 1e-9);
      }),
      { numRuns: 400 },
    );
  });

  it("gives the same result whatever the input order", () => {
    const shuffled = instance(12, 6).chain((inst) =>
      fc.tuple(
        fc.constant(inst),
        fc.shuffledSubarray(inst.needs, { minLength: inst.needs.length }),
        fc.shuffledSubarray(inst.rewards, { minLength: inst.rewards.length }),
      ),
    );
    fc.assert(
      fc.property(shuffled, ([{ needs, rewards, rules }, needs2, rewards2]) => {
        expect(assignPartners(needs2, rewards2, rules)).toEqual(assignPartners(needs, rewards, rules));
      }),
      { numRuns: 200 },
    );
  });

  it("does not modify its inputs", () => {
    const needs = [need("B", "HI"), need("A", "HI")];
    const rewards = [reward("R2", { HI: 8 }), reward("R1", { HI: 9 })];
    const before = JSON.stringify({ needs, rewards });
    assignPartners(needs, rewards, { capacity: 2, minLevel: 7 });
    expect(JSON.stringify({ needs, rewards })).toBe(before);
  });
});
