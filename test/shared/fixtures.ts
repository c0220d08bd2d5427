// Test schools and configs that are easy to work by hand: every indicator's cut points are
// 10, 20, …, 90, so a higher-is-better value v has level 1 + floor(v / 10) (for v < 100).
import { resolveConfig } from "../../shared/contract/config.js";
import type { Config, ConfigPatch, School, SubgroupResult } from "../../shared/contract/requests.js";
import { INDICATORS } from "../../shared/core/model.js";

export const DECILES = [10, 20, 30, 40, 50, 60, 70, 80, 90];

export function testConfig(patch: ConfigPatch = {}): Config {
  const cutPoints = Object.fromEntries(INDICATORS.map((c) => [c, DECILES]));
  const base = resolveConfig([
    { patch: { cutPoints }, at: ["config"] },
    { patch, at: ["config"] },
  ]);
  if (!base.ok) throw new Error(JSON.stringify(base.problems));
  return base.value;
}

/** An elementary school whose ALL group has every elementary indicator at `value`. */
export function elementaryAll(value: number, n = 100): SubgroupResult {
  return {
    n,
    ela: value,
    math: value,
    growth: value,
    chronicAbsence: value,
    suspension: value,
    sel: value,
    climate: value,
    elRedesignation: value,
    spedIdentification: value,
  };
}

export function makeSchool(id: string, overrides: Partial<School> = {}): School {
  return {
    id,
    level: "elementary",
    title1: "participating",
    subgroups: { ALL: elementaryAll(55) },
    ...overrides,
  };
}

/** A school whose index score is exactly `10 × level`: every indicator at one whole level. */
export function schoolAtLevel(id: string, level: number, overrides: Partial<School> = {}): School {
  // 10 × (level − 1) + 5 sits mid-level for higher-is-better; 100 minus it is the same level for
  // lower-is-better. The two school-only indicators are left out (missing, weight redistributed).
  const high = 10 * (level - 1) + 5;
  const low = 100 - high;
  return makeSchool(id, {
    subgroups: { ALL: { n: 100, ela: high, math: high, growth: high, chronicAbsence: low, suspension: low, sel: high, climate: high } },
    ...overrides,
  });
}
