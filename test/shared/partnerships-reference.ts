// Shared by the partnership tests (examples and properties): builders for needs and Reward
// candidates, and an independent reading of §12 (match quality, eligibility at 6 decimals, what a
// valid result promises) to check assignPartners against without reusing its code.
import { expect } from "vitest";
import { type Partnerships, PartnershipsSchema } from "../../shared/contract/responses.js";
import type { SchoolLevel, Subgroup } from "../../shared/core/model.js";
import { round6 } from "../../shared/core/numbers.js";
import type { PartnerNeed, PartnerRules, RewardCandidate } from "../../shared/schools/partnerships.js";

export function need(id: string, subgroup: Subgroup, level: SchoolLevel = "elementary", district: string | null = null): PartnerNeed {
  return { id, level, district, subgroup };
}

export function reward(
  id: string,
  academicLevels: Partial<Record<Subgroup, number>>,
  level: SchoolLevel = "elementary",
  district: string | null = null,
): RewardCandidate {
  return { id, level, district, academicLevels };
}

export const total = (r: Partnerships) => r.pairs.reduce((sum, p) => sum + p.quality, 0);

/** §12 match quality worked out independently of the module; null when the pair is not eligible. */
export function quality(n: PartnerNeed, r: RewardCandidate, rules: PartnerRules): number | null {
  const level = r.academicLevels[n.subgroup];
  if (level === undefined || !(round6(level) >= round6(rules.minLevel))) return null;
  // §13: with a prior year, only a school that raised the subgroup.
  const change = r.academicChanges ? r.academicChanges[n.subgroup] : 1;
  if (change === undefined || !(round6(change) > 0)) return null;
  return (n.level === r.level ? 100 : 0) + (n.district !== null && n.district === r.district ? 10 : 0) + level;
}

/** Every structural promise of the result, checked against the inputs. */
export function checkValid(result: Partnerships, needs: PartnerNeed[], rewards: RewardCandidate[], rules: PartnerRules) {
  expect(PartnershipsSchema.parse(result)).toEqual(result);
  const ids = (xs: { school: string }[]) => xs.map((x) => x.school);
  expect(ids(result.pairs)).toEqual([...ids(result.pairs)].sort());
  expect(ids(result.unmatched)).toEqual([...ids(result.unmatched)].sort());
  expect([...ids(result.pairs), ...ids(result.unmatched)].sort()).toEqual(needs.map((n) => n.id).sort());
  const load = new Map<string, number>();
  for (const p of result.pairs) {
    const n = needs.find((x) => x.id === p.school)!;
    const r = rewards.find((x) => x.id === p.partner)!;
    expect(p.subgroup).toBe(n.subgroup);
    const q = quality(n, r, rules);
    expect(q).not.toBeNull();
    expect(p.quality).toBeCloseTo(q!, 6);
    expect(p.evidence).toBe(r.academicChanges ? "raised" : "levelOnly");
    load.set(r.id, (load.get(r.id) ?? 0) + 1);
  }
  for (const count of load.values()) expect(count).toBeLessThanOrEqual(rules.capacity);
  for (const u of result.unmatched) {
    const n = needs.find((x) => x.id === u.school)!;
    const eligible = rewards.filter((r) => quality(n, r, rules) !== null).length;
    expect(u.reason.code).toBe(eligible === 0 ? "noEligibleReward" : "capacityTaken");
  }
}
