// §9 and §12 Reward partnerships: pair each school that needs a partner with a Reward school that
// has the school's identifying subgroup accountable at a high enough academic level. The spec asks
// for an optimal assignment (most schools matched, then the largest total match quality), not a
// greedy one, so this is a min-cost max-flow:
//
//   source ─1─▶ need ─1, cost C − quality─▶ eligible Reward school ─capacity─▶ sink
//
// solved by successive shortest paths (Dijkstra with Johnson potentials). Every augmentation adds
// one matched pair, and every maximum flow matches the same number k of schools, so the minimum
// cost k·C − Σquality is the maximum total quality among the maximum matchings.

import type { Partnerships } from "../contract/responses.js";
import type { Evidence, SchoolLevel, Subgroup } from "../core/model.js";
import { round6 } from "../core/numbers.js";
import { text } from "../core/text.js";

export interface PartnerNeed {
  id: string;
  level: SchoolLevel;
  district: string | null;
  subgroup: Subgroup;
}

export interface RewardCandidate {
  id: string;
  level: SchoolLevel;
  district: string | null;
  /** Academic level (mean of ELA and math levels) of each ACCOUNTABLE subgroup that has one, incl. ALL. */
  academicLevels: Partial<Record<Subgroup, number>>;
  /**
   * §13: with a prior year, the academic change of each group accountable with a level in both
   * years; the school qualifies for a group only if it raised it (change > 0). Null (or absent):
   * no prior year, the level rule alone.
   */
  academicChanges?: Partial<Record<Subgroup, number>> | null;
}

export interface PartnerRules {
  /** Partners one Reward school may take. */
  capacity: number;
  /** Academic level the Reward school needs in the identifying subgroup (`partnerMinLevel`). */
  minLevel: number;
}

// Qualities are summed in integer millionths: levels are compared at 6 decimals anyway (§12), and
// integer costs keep Dijkstra's sums exact, so ties and "reduced cost ≥ 0" never hinge on rounding
// noise. A quality is at most 120 (levels run 1–10), so 1.2e8 millionths; path sums and the sort
// keys below stay far below 2^53.
const SCALE = 1e6;

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function assignPartners(needs: PartnerNeed[], rewards: RewardCandidate[], rules: PartnerRules): Partnerships {
  // Sorting first makes the result independent of the input order: the same graph is built, and
  // ties between equally good assignments are broken the same way.
  const ns = [...needs].sort((a, b) => compareIds(a.id, b.id) || compareIds(a.subgroup, b.subgroup));
  const rs = [...rewards].sort((a, b) => compareIds(a.id, b.id));
  const minLevel = round6(rules.minLevel);
  const capacity = Math.max(0, Math.floor(rules.capacity));

  // Eligible (need, reward) pairs and their quality in millionths.
  const pairNeed: number[] = [];
  const pairReward: number[] = [];
  const pairQuality: number[] = [];
  const pairEvidence: Evidence[] = [];
  const eligible = new Int32Array(ns.length);
  /** Per need: Reward schools at the level that did not raise the subgroup (§13). */
  const notRaised = new Int32Array(ns.length);
  ns.forEach((need, i) => {
    rs.forEach((reward, j) => {
      const level = reward.academicLevels[need.subgroup];
      if (level === undefined) return;
      const level6 = round6(level);
      if (!(level6 >= minLevel)) return; // also rejects NaN
      const changes = reward.academicChanges ?? null;
      if (changes !== null) {
        const change = changes[need.subgroup];
        if (change === undefined || !(round6(change) > 0)) {
          notRaised[i]! += 1;
          return;
        }
      }
      pairEvidence.push(changes === null ? "levelOnly" : "raised");
      const sameLevel = reward.level === need.level ? 100 : 0;
      const sameDistrict = need.district !== null && need.district === reward.district ? 10 : 0;
      pairNeed.push(i);
      pairReward.push(j);
      pairQuality.push((sameLevel + sameDistrict) * SCALE + Math.round(level6 * SCALE));
      eligible[i]! += 1;
    });
  });

  // No Reward school can use more places than there are needs (this also keeps an unbounded
  // capacity inside the Int32Array of edge capacities).
  const places = Math.min(capacity, ns.length);
  const matched = places > 0 ? maxQualityMatching(ns.length, rs.length, places, pairNeed, pairReward, pairQuality) : [];

  const result: Partnerships = { pairs: [], unmatched: [] };
  const partnerOf = new Int32Array(ns.length).fill(-1);
  for (const p of matched) partnerOf[pairNeed[p]!] = p;
  ns.forEach((need, i) => {
    const p = partnerOf[i]!;
    if (p >= 0) {
      const reward = rs[pairReward[p]!]!;
      result.pairs.push({ school: need.id, partner: reward.id, subgroup: need.subgroup, quality: round6(pairQuality[p]! / SCALE), evidence: pairEvidence[p]! });
    } else {
      const reason = unmatchedReason(need.subgroup, eligible[i]!, minLevel, capacity);
      // The codes stay those of §9; the sentence says when the level was there but the rise was not (§13).
      const n = notRaised[i]!;
      if (n > 0 && eligible[i] === 0) {
        reason.message = text`no Reward school has ${need.subgroup} accountable at academic level ≥ ${minLevel} and raised (${n === 1 ? "1 has" : `${n} have`} the level but did not raise it since the prior year)`;
      } else if (n > 0) {
        reason.message = text`${reason.message}; ${n} other Reward school${n === 1 ? " has" : "s have"} the level but did not raise ${need.subgroup} since the prior year`;
      }
      result.unmatched.push({ school: need.id, subgroup: need.subgroup, reason });
    }
  });
  return result;
}

function unmatchedReason(subgroup: Subgroup, eligible: number, minLevel: number, capacity: number) {
  const criterion = `${subgroup} accountable at academic level ≥ ${minLevel}`;
  if (eligible === 0) return { code: "noEligibleReward", message: text`no Reward school has ${criterion}` };
  const schools = eligible === 1 ? "1 Reward school has" : `${eligible} Reward schools have`;
  const their = eligible === 1 ? "its" : "their";
  return {
    code: "capacityTaken",
    message: text`${schools} ${criterion}, but the optimal assignment gave ${their} places to other schools (each takes at most ${capacity} partner${capacity === 1 ? "" : "s"})`,
  };
}

/**
 * Min-cost max-flow on the bipartite graph described at the top; returns the indices of the pairs
 * used. The residual graph is in compressed-sparse-row form (a node's edges are contiguous, `rev`
 * links each edge with its reverse): the inner loop scans a need's edges to every eligible Reward
 * school, so that loop is what has to be fast.
 */
function maxQualityMatching(nNeeds: number, nRewards: number, capacity: number, pairNeed: number[], pairReward: number[], pairQuality: number[]): number[] {
  const nPairs = pairNeed.length;
  if (nPairs === 0) return [];
  const source = 0;
  const sink = 1 + nNeeds + nRewards;
  const nodes = sink + 1;
  const needNode = (i: number) => 1 + i;
  const rewardNode = (j: number) => 1 + nNeeds + j;

  // Each edge and its reverse take one slot at either end: count them to lay the rows out.
  const start = new Int32Array(nodes + 1);
  const countEdge = (u: number, v: number) => {
    start[u + 1]! += 1;
    start[v + 1]! += 1;
  };
  for (let i = 0; i < nNeeds; i++) countEdge(source, needNode(i));
  for (let p = 0; p < nPairs; p++) countEdge(needNode(pairNeed[p]!), rewardNode(pairReward[p]!));
  for (let j = 0; j < nRewards; j++) countEdge(rewardNode(j), sink);
  for (let v = 0; v < nodes; v++) start[v + 1]! += start[v]!;

  const slots = start[nodes]!;
  const to = new Int32Array(slots);
  const rev = new Int32Array(slots);
  const cap = new Int32Array(slots);
  const cost = new Float64Array(slots);
  const fill = start.slice(0, nodes);
  const addEdge = (u: number, v: number, c: number, w: number): number => {
    const e = fill[u]!++;
    const r = fill[v]!++;
    to[e] = v;
    rev[e] = r;
    cap[e] = c;
    cost[e] = w;
    to[r] = u;
    rev[r] = e;
    cap[r] = 0;
    cost[r] = -w;
    return e;
  };

  // C ≥ every quality keeps all costs non-negative, so zero potentials are valid to start with.
  let top = 0;
  for (const q of pairQuality) top = Math.max(top, q);
  const sourceEdge = new Int32Array(nNeeds);
  for (let i = 0; i < nNeeds; i++) sourceEdge[i] = addEdge(source, needNode(i), 1, 0);
  const pairEdge = new Int32Array(nPairs);
  for (let p = 0; p < nPairs; p++) pairEdge[p] = addEdge(needNode(pairNeed[p]!), rewardNode(pairReward[p]!), 1, top - pairQuality[p]!);
  for (let j = 0; j < nRewards; j++) addEdge(rewardNode(j), sink, capacity, 0);

  // The source layer is handled without scanning it. A need, once matched, stays matched (a
  // shortest path from the source never returns to it), and an unmatched need is reached only from
  // the source, at distance 0, so its potential stays 0 like the source's. The Dijkstra below
  // therefore starts each Reward school at the cheapest edge from a still-unmatched need, found in
  // its column of eligible needs sorted by cost, instead of popping every unmatched need and
  // scanning all its edges each round (more than half the work at 500 × 300).
  const colStart = new Int32Array(nRewards + 1);
  for (let p = 0; p < nPairs; p++) colStart[pairReward[p]! + 1]! += 1;
  for (let j = 0; j < nRewards; j++) colStart[j + 1]! += colStart[j]!;
  // Sort keys cost × nPairs + p are exact integers (< 2^53) and sort natively, far faster than a
  // comparator; equal costs keep the pair order (by need), so the result stays deterministic.
  const colKeys = new Float64Array(nPairs);
  const colFill = colStart.slice(0, nRewards);
  for (let p = 0; p < nPairs; p++) colKeys[colFill[pairReward[p]!]!++] = cost[pairEdge[p]!]! * nPairs + p;
  for (let j = 0; j < nRewards; j++) colKeys.subarray(colStart[j]!, colStart[j + 1]!).sort();
  const colPairs = new Int32Array(nPairs);
  for (let k = 0; k < nPairs; k++) colPairs[k] = colKeys[k]! % nPairs;
  const colNext = colStart.slice(0, nRewards); // first entry whose need may still be unmatched
  const isMatched = (i: number) => cap[sourceEdge[i]!] === 0;

  const potential = new Float64Array(nodes);
  const dist = new Float64Array(nodes);
  const via = new Int32Array(nodes);
  const done = new Uint8Array(nodes);
  for (let i = 0; i < nNeeds; i++) via[needNode(i)] = sourceEdge[i]!; // kept while unmatched
  const heap = new MinHeap(slots + nRewards); // one push per seed or relaxation

  // Each round matches one more need, so there are at most nNeeds rounds.
  for (let round = 0; round < nNeeds; round++) {
    // Dijkstra on reduced costs cost + π(u) − π(v), which stay ≥ 0 in the residual graph (exactly,
    // as costs are integers). The `done` marks are a guard, not needed for correctness: each node is
    // settled once and `via` stays a tree, so the loop ends whatever the arithmetic does.
    dist.fill(Infinity);
    done.fill(0);
    dist[source] = 0;
    for (let i = 0; i < nNeeds; i++) if (!isMatched(i)) dist[needNode(i)] = 0;
    for (let j = 0; j < nRewards; j++) {
      let k = colNext[j]!;
      while (k < colStart[j + 1]! && isMatched(pairNeed[colPairs[k]!]!)) k++;
      colNext[j] = k;
      if (k === colStart[j + 1]!) continue;
      const e = pairEdge[colPairs[k]!]!;
      const r = rewardNode(j);
      dist[r] = cost[e]! - potential[r]!;
      via[r] = e;
      heap.push(r, dist[r]!);
    }
    while (heap.size > 0) {
      const d = heap.minKey();
      const u = heap.pop();
      if (done[u]) continue; // stale entry
      done[u] = 1;
      if (u === sink) break; // the rest of the tree is not needed for this augmentation
      const pu = d + potential[u]!;
      for (let e = start[u]!, end = start[u + 1]!; e < end; e++) {
        if (cap[e] === 0) continue;
        const v = to[e]!;
        const nd = pu + cost[e]! - potential[v]!;
        if (nd < dist[v]! && !done[v]) {
          dist[v] = nd;
          via[v] = e;
          heap.push(v, nd);
        }
      }
    }
    heap.clear();
    const reach = dist[sink]!;
    if (reach === Infinity) break; // no augmenting path: the flow is maximum

    // Stopping at the sink leaves some distances tentative or infinite; capping every distance at
    // the sink's keeps all residual reduced costs non-negative for the next round.
    for (let v = 0; v < nodes; v++) potential[v]! += Math.min(dist[v]!, reach);

    for (let v = sink; v !== source; ) {
      const e = via[v]!;
      cap[e]! -= 1;
      cap[rev[e]!]! += 1;
      v = to[rev[e]!]!;
    }
  }

  const used: number[] = [];
  for (let p = 0; p < nPairs; p++) if (cap[pairEdge[p]!] === 0) used.push(p);
  return used;
}

/** Binary min-heap of (node, key) in typed arrays; stale entries are skipped by the caller. */
class MinHeap {
  private readonly keys: Float64Array;
  private readonly items: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.items = new Int32Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  minKey(): number {
    return this.keys[0]!;
  }

  push(item: number, key: number): void {
    const { keys, items } = this;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      keys[i] = keys[parent]!;
      items[i] = items[parent]!;
      i = parent;
    }
    keys[i] = key;
    items[i] = item;
  }

  pop(): number {
    const { keys, items } = this;
    const top = items[0]!;
    const n = --this.size;
    const key = keys[n]!;
    const item = items[n]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && keys[child + 1]! < keys[child]!) child++;
      if (keys[child]! >= key) break;
      keys[i] = keys[child]!;
      items[i] = items[child]!;
      i = child;
    }
    keys[i] = key;
    items[i] = item;
    return top;
  }
}
