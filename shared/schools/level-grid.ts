// §3 for every school of a request at once: the level of each value of each counted student group,
// one byte per school × group × indicator (0: no level). It is the engine's one hot loop, so it runs
// once per set of cut points: the index, the flags, the results and every scenario that keeps the
// cut points and the SpEd reference read the same grid. A statewide request of 20,000 schools takes
// 3 MB here, where a level table object per group took tens.

import { INDICATOR_INFO, INDICATORS } from "../core/model.js";
import { levelOf, type Scales } from "./levels.js";
import { GROUP_COUNT, GROUP_POSITION, type SchoolTable } from "./school-table.js";

export { GROUP_COUNT };
export const INDICATOR_COUNT = INDICATORS.length;
/** Bytes per school: one block of INDICATOR_COUNT levels per group, in SUBGROUPS order. */
export const ROW = GROUP_COUNT * INDICATOR_COUNT;

/** Per indicator position: uses the ALL value alone (§12), so subgroup values are not levelled. */
export const SCHOOL_ONLY: readonly boolean[] = INDICATORS.map((code) => INDICATOR_INFO[code].schoolOnly);
/** Indicator code → its position in INDICATORS (no prototype, so "n" or "__proto__" find nothing). */
export const POSITION: Record<string, number> = Object.assign(Object.create(null), Object.fromEntries(INDICATORS.map((code, i) => [code, i])));

export interface LevelGrid {
  /** levels[s × ROW + g × INDICATOR_COUNT + i]: level of indicator i for group g of school s; 0 for none. */
  levels: Uint8Array;
  /**
   * Groups with n ≥ minN are levelled. A config whose own minN is larger reads the same grid and
   * ignores the groups below its minN, so scenarios that differ only in minN share one grid.
   */
  minN: number;
  /** The key of the scales the grid was made with (see `scalesKey`). */
  key: string;
  /** The schools it levels, as arrays. */
  table: SchoolTable;
}

/** What decides every level: the cut points and the SpEd reference. Equal keys, equal grids. */
export function scalesKey(scales: Scales): string {
  return JSON.stringify(INDICATORS.map((code) => [Array.from(scales[code].cuts), scales[code].reference]));
}

// It visits only the keys a group has: a request's objects carry only the indicators reported.
export function levelGrid(table: SchoolTable, scales: Scales, minN: number): LevelGrid {
  const { schools, sizes } = table;
  const levels = new Uint8Array(schools.length * ROW);
  const byPosition = INDICATORS.map((code) => scales[code]);
  for (let s = 0; s < schools.length; s++) {
    const subgroups = schools[s]!.subgroups;
    for (const group in subgroups) {
      const g = GROUP_POSITION[group];
      if (g === undefined) continue;
      const n = sizes[s * GROUP_COUNT + g]!;
      if (n < 0 || n < minN) continue;
      const result = subgroups[group as keyof typeof subgroups]!;
      const base = s * ROW + g * INDICATOR_COUNT;
      for (const key in result) {
        const i = POSITION[key];
        if (i === undefined || (g > 0 && SCHOOL_ONLY[i])) continue;
        const value = result[key as keyof typeof result];
        if (value == null) continue;
        levels[base + i] = levelOf(byPosition[i]!, value);
      }
    }
  }
  return { levels, minN, key: scalesKey(scales), table };
}
