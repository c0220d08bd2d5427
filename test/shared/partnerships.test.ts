// assignPartners (§12 Reward partnerships) on hand-worked cases: optimal rather than greedy,
// capacity, match quality, eligibility at 6 decimals and the reasons given to unmatched schools.
// The random instances checked against exhaustive search and min-cost flow are in
// partnerships-properties.test.ts.
import { describe, expect, it } from "vitest";
import { round6 } from "../../shared/core/numbers.js";
import { assignPartners, type PartnerNeed, type PartnerRules, type RewardCandidate } from "../../shared/schools/partnerships.js";
import { checkValid, need, quality, reward, total } from "./partnerships-reference.js";

const RULES: PartnerRules = { capacity: 2, minLevel: 7 };
const ONE: PartnerRules = { capacity: 1, minLevel: 7 };

/** What the spec rules out: take the best-quality eligible pair first, repeatedly. */
function greedy(needs: PartnerNeed[], rewards: RewardCandidate[], rules: PartnerRules) {
  const candidates = needs.flatMap((n) => rewards.map((r) => ({ n, r, q: quality(n, r, rules) })));
  candidates.sort((a, b) => (b.q ?? -1) - (a.q ?? -1));
  const taken = new Set<PartnerNeed>();
  const used = new Map<RewardCandidate, number>();
  let count = 0;
  let sum = 0;
  for (const { n, r, q } of candidates) {
    if (q === null || taken.has(n) || (used.get(r) ?? 0) >= rules.capacity) continue;
    taken.add(n);
    used.set(r, (used.get(r) ?? 0) + 1);
    count++;
    sum += q;
  }
  return { count, total: sum };
}

describe("assignPartners: optimal, not greedy", () => {
  it("matches more schools than greedy when the best pair blocks another school", () => {
    // A–R1 is the best pair (109), but R1 is B's only option: greedy takes it and leaves B alone.
    const needs = [need("A", "HI"), need("B", "EL")];
    const rewards = [reward("R1", { HI: 9, EL: 8 }), reward("R2", { HI: 7 })];
    expect(greedy(needs, rewards, ONE).count).toBe(1);

    const result = assignPartners(needs, rewards, ONE);
    expect(result.pairs).toEqual([
      { school: "A", partner: "R2", subgroup: "HI", quality: 107, evidence: "levelOnly" },
      { school: "B", partner: "R1", subgroup: "EL", quality: 108, evidence: "levelOnly" },
    ]);
    expect(result.unmatched).toEqual([]);
  });

  it("finds a higher total than greedy at the same count", () => {
    // Qualities: A–R1 109.5, A–R2 9 (R2 is middle), B–R1 109, B–R2 7.
    // Greedy: A–R1 then B–R2 = 116.5. Optimal: A–R2 + B–R1 = 118.
    const needs = [need("A", "HI"), need("B", "EL")];
    const rewards = [reward("R1", { HI: 9.5, EL: 9 }), reward("R2", { HI: 9, EL: 7 }, "middle")];
    expect(greedy(needs, rewards, ONE)).toEqual({ count: 2, total: 116.5 });

    const result = assignPartners(needs, rewards, ONE);
    expect(result.pairs).toEqual([
      { school: "A", partner: "R2", subgroup: "HI", quality: 9, evidence: "levelOnly" },
      { school: "B", partner: "R1", subgroup: "EL", quality: 109, evidence: "levelOnly" },
    ]);
    expect(total(result)).toBe(118);
  });
});

describe("assignPartners: capacity", () => {
  it("gives a Reward school at most `capacity` partners, dropping the weakest match", () => {
    // N2 is middle: its match with R1 is worth 8, the other two 108.
    const needs = [need("N1", "HI"), need("N2", "HI", "middle"), need("N3", "HI")];
    const result = assignPartners(needs, [reward("R1", { HI: 8 })], RULES);
    expect(result.pairs).toEqual([
      { school: "N1", partner: "R1", subgroup: "HI", quality: 108, evidence: "levelOnly" },
      { school: "N3", partner: "R1", subgroup: "HI", quality: 108, evidence: "levelOnly" },
    ]);
    expect(result.unmatched).toEqual([
      {
        school: "N2",
        subgroup: "HI",
        reason: {
          code: "capacityTaken",
          message:
            "1 Reward school has HI accountable at academic level ≥ 7, but the optimal assignment gave its places to other schools (each takes at most 2 partners)",
        },
      },
    ]);
  });

  it("fills two Reward schools of capacity 2 with four of five schools, and all five at capacity 3", () => {
    const needs = ["A", "B", "C", "D", "E"].map((id) => need(id, "ALL"));
    const rewards = [reward("R1", { ALL: 9 }), reward("R2", { ALL: 8 })];
    const two = assignPartners(needs, rewards, RULES);
    expect(two.pairs.map((p) => p.partner).sort()).toEqual(["R1", "R1", "R2", "R2"]);
    expect(total(two)).toBe(2 * 109 + 2 * 108);
    expect(two.unmatched.map((u) => u.reason.code)).toEqual(["capacityTaken"]);
    checkValid(two, needs, rewards, RULES);

    const three = assignPartners(needs, rewards, { capacity: 3, minLevel: 7 });
    expect(three.pairs).toHaveLength(5);
    expect(total(three)).toBe(3 * 109 + 2 * 108);
  });

  it("matches nobody at capacity 0 and says why", () => {
    const needs = [need("A", "HI"), need("B", "EL")];
    const result = assignPartners(needs, [reward("R1", { HI: 9 }), reward("R2", { HI: 8 })], { capacity: 0, minLevel: 7 });
    expect(result.pairs).toEqual([]);
    expect(result.unmatched).toEqual([
      {
        school: "A",
        subgroup: "HI",
        reason: {
          code: "capacityTaken",
          message:
            "2 Reward schools have HI accountable at academic level ≥ 7, but the optimal assignment gave their places to other schools (each takes at most 0 partners)",
        },
      },
      { school: "B", subgroup: "EL", reason: { code: "noEligibleReward", message: "no Reward school has EL accountable at academic level ≥ 7" } },
    ]);
  });
});

describe("assignPartners: match quality", () => {
  const school = need("S", "SED", "elementary", "D1");
  const single = (r: RewardCandidate, n = school) => assignPartners([n], [r], RULES).pairs[0]?.quality;

  it("adds 100 for the same level, 10 for the same district and the academic level", () => {
    expect(single(reward("R", { SED: 8.5 }, "elementary", "D1"))).toBe(118.5);
    expect(single(reward("R", { SED: 9.9 }, "elementary", "D2"))).toBe(109.9);
    expect(single(reward("R", { SED: 10 }, "middle", "D1"))).toBe(20);
    expect(single(reward("R", { SED: 7.25 }, "high", null))).toBe(7.25);
  });

  it("gives no district bonus when both districts are missing", () => {
    expect(single(reward("R", { SED: 8.5 }), need("S", "SED"))).toBe(108.5);
  });

  it("prefers the same level over the same district, and the same district over a higher academic level", () => {
    const levelFirst = [reward("X", { SED: 7 }, "elementary", "D2"), reward("Y", { SED: 10 }, "middle", "D1")];
    expect(assignPartners([school], levelFirst, RULES).pairs).toEqual([{ school: "S", partner: "X", subgroup: "SED", quality: 107, evidence: "levelOnly" }]);
    const districtNext = [reward("X", { SED: 7 }, "elementary", "D1"), reward("Y", { SED: 10 }, "elementary", "D2")];
    expect(assignPartners([school], districtNext, RULES).pairs).toEqual([{ school: "S", partner: "X", subgroup: "SED", quality: 117, evidence: "levelOnly" }]);
  });

  it("uses the academic level of the identifying subgroup, not ALL", () => {
    const r = reward("R", { ALL: 9.5, SED: 7.5 });
    expect(single(r, need("S", "SED"))).toBe(107.5);
    expect(single(r, need("S", "ALL"))).toBe(109.5);
  });
});

describe("assignPartners: eligibility at 6 decimals", () => {
  const eligible = (level: number, minLevel = 7) =>
    assignPartners([need("S", "HI")], [reward("R", { HI: level })], { capacity: 2, minLevel }).pairs.length === 1;

  it("accepts exactly the minimum level", () => {
    expect(eligible(7)).toBe(true);
    expect(eligible(8, 8)).toBe(true);
  });

  it("rejects a level one millionth short", () => {
    expect(round6(6.999999)).toBe(6.999999);
    expect(eligible(6.999999)).toBe(false);
    expect(round6(6.9999994)).toBe(6.999999);
    expect(eligible(6.9999994)).toBe(false);
  });

  it("accepts a level that rounds to the minimum at 6 decimals", () => {
    expect(round6(6.9999999)).toBe(7);
    expect(eligible(6.9999999)).toBe(true);
    expect(assignPartners([need("S", "HI")], [reward("R", { HI: 6.9999999 })], RULES).pairs[0]!.quality).toBe(107);
    expect(eligible(7, 7.0000004)).toBe(true); // the minimum is rounded too
  });

  it("needs the subgroup to have an academic level at all", () => {
    expect(assignPartners([need("S", "HI")], [reward("R", { ALL: 10 })], RULES).unmatched[0]!.reason.code).toBe("noEligibleReward");
  });
});

describe("assignPartners: unmatched reasons", () => {
  it("separates 'nobody qualifies' from 'the places went to others'", () => {
    const needs = [need("C", "EL"), need("A", "HI"), need("B", "HI", "middle"), need("D", "SWD")];
    const rewards = [reward("R1", { HI: 9, SWD: 6.5 }), reward("R2", { HI: 8 }, "middle")];
    const result = assignPartners(needs, rewards, ONE);
    expect(result.pairs).toEqual([
      { school: "A", partner: "R1", subgroup: "HI", quality: 109, evidence: "levelOnly" },
      { school: "B", partner: "R2", subgroup: "HI", quality: 108, evidence: "levelOnly" },
    ]);
    expect(result.unmatched).toEqual([
      { school: "C", subgroup: "EL", reason: { code: "noEligibleReward", message: "no Reward school has EL accountable at academic level ≥ 7" } },
      { school: "D", subgroup: "SWD", reason: { code: "noEligibleReward", message: "no Reward school has SWD accountable at academic level ≥ 7" } },
    ]);

    // A third HI school: A and E tie for R1, and whichever loses is told both places are taken.
    const crowded = assignPartners([...needs, need("E", "HI")], rewards, ONE);
    expect(crowded.pairs).toHaveLength(2);
    expect(total(crowded)).toBe(217);
    expect(crowded.unmatched.filter((u) => u.subgroup === "HI")).toHaveLength(1);
    expect(crowded.unmatched.find((u) => u.subgroup === "HI")!.reason).toEqual({
      code: "capacityTaken",
      message:
        "2 Reward schools have HI accountable at academic level ≥ 7, but the optimal assignment gave their places to other schools (each takes at most 1 partner)",
    });
  });

  it("names the configured minimum level", () => {
    const result = assignPartners([need("A", "HI")], [reward("R", { HI: 7.5 })], { capacity: 2, minLevel: 8 });
    expect(result.unmatched[0]!.reason.message).toBe("no Reward school has HI accountable at academic level ≥ 8");
  });

  it("handles empty inputs", () => {
    expect(assignPartners([], [], RULES)).toEqual({ pairs: [], unmatched: [] });
    expect(assignPartners([], [reward("R", { HI: 9 })], RULES)).toEqual({ pairs: [], unmatched: [] });
    expect(assignPartners([need("A", "HI")], [], RULES).unmatched[0]!.reason.code).toBe("noEligibleReward");
  });
});

describe("assignPartners: Reward schools that raised the subgroup (§13)", () => {
  const raised = (id: string, level: number, change: number | undefined) => ({
    ...reward(id, { HI: level }),
    academicChanges: change === undefined ? {} : { HI: change },
  });

  it("takes a Reward school with a prior year only if it raised the subgroup, and says so", () => {
    // R1 is the better match by level but did not raise HI; R2 raised it; R3 has no prior year.
    const result = assignPartners([need("A", "HI"), need("B", "HI")], [raised("R1", 9, 0), raised("R2", 7.5, 0.5), reward("R3", { HI: 7 })], {
      capacity: 1,
      minLevel: 7,
    });
    expect(result.pairs).toEqual([
      { school: "A", partner: "R2", subgroup: "HI", quality: 107.5, evidence: "raised" },
      { school: "B", partner: "R3", subgroup: "HI", quality: 107, evidence: "levelOnly" },
    ]);
  });

  it("does not take one whose change is null (HI not comparable), nor one that lowered it", () => {
    const result = assignPartners([need("A", "HI")], [raised("R1", 9, undefined), raised("R2", 9, -0.5), raised("R3", 9, 0.0000001)], RULES);
    expect(result.pairs).toEqual([]);
    // The code is the one of §9; the sentence adds that the level was there.
    expect(result.unmatched[0]!.reason).toEqual({
      code: "noEligibleReward",
      message: "no Reward school has HI accountable at academic level ≥ 7 and raised (3 have the level but did not raise it since the prior year)",
    });
  });
});

describe("assignPartners: places taken, and others that did not raise the subgroup (§13)", () => {
  it("says both: the eligible schools' places went to others, and how many other schools had only the level", () => {
    const r1 = { ...reward("R1", { HI: 9 }), academicChanges: { HI: 1 } };
    const r2 = { ...reward("R2", { HI: 9 }), academicChanges: { HI: 0 } };
    const result = assignPartners([need("A", "HI"), need("B", "HI")], [r1, r2], { capacity: 1, minLevel: 7 });
    expect(result.unmatched[0]!.reason).toEqual({
      code: "capacityTaken",
      message:
        "1 Reward school has HI accountable at academic level ≥ 7, but the optimal assignment gave its places to other schools (each takes at most 1 partner); 1 other Reward school has the level but did not raise HI since the prior year",
    });
  });
});
