// §13 the prior year: each school's previous results levelled and scored with the scored year's
// rules (cut points, SpEd reference, minN, weights), so a change measures the school, not a change
// of rules. The prior year of every school is a "school" of its own (same id and level, the prior
// subgroups) run through the same stages as the scored year: a level grid, the counted levels, the
// index. Nothing is made when no school sends a prior, so a request without one costs one scan.

import type { Config, School } from "../contract/requests.js";
import { type LevelGrid, levelGrid } from "./level-grid.js";
import type { Scales } from "./levels.js";
import { type CountedLevels, countLevels, GroupLevels, IndexParts, IndexRules, weighIndex } from "./school-index.js";
import { schoolTable } from "./school-table.js";

export interface PriorYear {
  /** Per school, 1 when it sent a prior year. */
  has: Uint8Array;
  /** The prior years levelled with the scored year's scales (schools without one have no groups). */
  grid: LevelGrid;
  /** That grid as the config's minN counts it. */
  counted: CountedLevels;
  /** Unrounded weighted mean level of each prior year; NaN without a prior or when it is unscored. */
  meanLevels: Float64Array;
  /** What the mean levels depend on besides the grid (the index key of the scored year). */
  indexKey: string;
}

/** What an earlier assessment of the same schools and grid can lend (scenarios). */
export interface PriorReuse {
  prior: PriorYear | null;
  indexKey: string;
}

const NO_GROUPS = Object.freeze({}) as School["subgroups"];

/** The prior year of every school, or null when no school sent one. */
export function priorYear(
  schools: readonly School[],
  config: Config,
  scales: Scales,
  grid: LevelGrid,
  indexKey: string,
  earlier: readonly PriorReuse[] = [],
): PriorYear | null {
  const lent = earlier.map((e) => e.prior).filter((p): p is PriorYear => p !== null);
  // Earlier assessments of the same grid made their prior grids with the same scales and minN.
  const first = lent[0];
  let has: Uint8Array;
  let priorGrid: LevelGrid;
  if (first) {
    has = first.has;
    priorGrid = first.grid;
  } else {
    if (!schools.some((school) => school.prior)) return null;
    has = new Uint8Array(schools.length);
    const priorSchools: School[] = new Array(schools.length);
    for (let s = 0; s < schools.length; s++) {
      const school = schools[s]!;
      const prior = school.prior;
      if (prior) has[s] = 1;
      priorSchools[s] = { id: school.id, level: school.level, title1: school.title1, subgroups: prior?.subgroups ?? NO_GROUPS };
    }
    priorGrid = levelGrid(schoolTable(priorSchools), scales, grid.minN);
  }
  const counted = lent.find((p) => p.counted.minN === config.minN)?.counted ?? countLevels(priorGrid, config.minN);
  const meanLevels = lent.find((p) => p.indexKey === indexKey && p.counted === counted)?.meanLevels ?? priorMeans(counted, has, config);
  return { has, grid: priorGrid, counted, meanLevels, indexKey };
}

function priorMeans(counted: CountedLevels, has: Uint8Array, config: Config): Float64Array {
  const means = new Float64Array(has.length).fill(Number.NaN);
  const levels = new GroupLevels();
  const parts = new IndexParts();
  const rules = new IndexRules(config);
  for (let s = 0; s < has.length; s++) {
    if (has[s] === 0) continue;
    const { meanLevel } = weighIndex(levels.at(counted, s), rules, parts);
    if (meanLevel !== null) means[s] = meanLevel;
  }
  return means;
}
