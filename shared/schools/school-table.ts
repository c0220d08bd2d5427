// What the stages read of a request's schools again and again, read once from its objects into
// arrays: the size of each student group, which ALL values were sent, each school's level and
// district. Reading a property of a request's objects is slow (each school's objects have their own
// shape, so every read is a lookup); reading these arrays is not, and every scenario shares them.

import type { School } from "../contract/requests.js";
import { INDICATORS, SCHOOL_LEVELS, SUBGROUPS } from "../core/model.js";

export const GROUP_COUNT = SUBGROUPS.length;

/** Schools without a district are rolled up under "(no district)". */
export const NO_DISTRICT = "(no district)";

const LEVEL_POSITION = new Map<string, number>(SCHOOL_LEVELS.map((level, i) => [level, i]));
/** Group code → its position in SUBGROUPS (no prototype, so "__proto__" finds nothing). */
export const GROUP_POSITION: Record<string, number> = Object.assign(Object.create(null), Object.fromEntries(SUBGROUPS.map((group, g) => [group, g])));
const INDICATOR_POSITION: Record<string, number> = Object.assign(Object.create(null), Object.fromEntries(INDICATORS.map((code, i) => [code, i])));

export interface SchoolTable {
  schools: readonly School[];
  /** n of group g of school s at s × GROUP_COUNT + g; −1 when the school does not send the group. */
  sizes: Float64Array;
  /** Bit i set: the school's ALL group sends a value (not null) for indicator i (INDICATORS order). */
  allValues: Uint16Array;
  /** Position of the school's level in SCHOOL_LEVELS. */
  level: Uint8Array;
  /** Position of the school's district in `districts`. */
  district: Int32Array;
  /** Every district named, NO_DISTRICT for schools without one, in order of first appearance. */
  districts: string[];
}

export function schoolTable(schools: readonly School[]): SchoolTable {
  const count = schools.length;
  const sizes = new Float64Array(count * GROUP_COUNT).fill(-1);
  const allValues = new Uint16Array(count);
  const level = new Uint8Array(count);
  const district = new Int32Array(count);
  const districts: string[] = [];
  const districtPosition = new Map<string, number>();
  for (let s = 0; s < count; s++) {
    const school = schools[s]!;
    const { subgroups } = school;
    // for…in over the keys a school has (a request's objects each have their own shape, and for…in
    // reads them through their own key list): much faster than looking up every code by name.
    for (const group in subgroups) {
      const g = GROUP_POSITION[group];
      const result = subgroups[group as keyof typeof subgroups];
      if (g !== undefined && result) sizes[s * GROUP_COUNT + g] = result.n;
    }
    let values = 0;
    const all = subgroups.ALL;
    for (const key in all) {
      const i = INDICATOR_POSITION[key];
      if (i !== undefined && all[key as keyof typeof all] != null) values |= 1 << i;
    }
    allValues[s] = values;
    level[s] = LEVEL_POSITION.get(school.level)!;
    const name = school.district ?? NO_DISTRICT;
    let d = districtPosition.get(name);
    if (d === undefined) {
      d = districts.length;
      districts.push(name);
      districtPosition.set(name, d);
    }
    district[s] = d;
  }
  return { schools, sizes, allValues, level, district, districts };
}
