// §10: what a request adds up to — designation counts, the Title I pool, the n-size impact of the
// lower minN, and the district rollup an oversight panel reviews.

import type { Config, School } from "../contract/requests.js";
import type { Rollup, Summary } from "../contract/responses.js";
import { COLORS, DESIGNATION_TYPES, type DesignationType, INDICATORS, SCHOOL_LEVELS, SUBGROUPS } from "../core/model.js";
import { roundHalfAway } from "../core/numbers.js";
import { INDICATOR_COUNT, ROW } from "./level-grid.js";
import { COLOR_POSITION, cellOf } from "./performance.js";
import type { PriorYear } from "./prior-year.js";
import type { CountedLevels } from "./school-index.js";
import { GROUP_COUNT, NO_DISTRICT, type SchoolTable, schoolTable } from "./school-table.js";

/** Per subgroup other than ALL, over every school sent: results with minN ≤ n < previousMinN. */
export function nSizeImpact(schools: readonly School[], config: Config): Summary["nSizeImpact"] {
  return nSizeImpactOf(schoolTable(schools), config);
}

function nSizeImpactOf({ sizes }: SchoolTable, config: Config): Summary["nSizeImpact"] {
  const bySubgroup: Summary["nSizeImpact"]["bySubgroup"] = {};
  const total = { results: 0, students: 0 };
  const { minN, previousMinN } = config;
  for (let g = 1; g < GROUP_COUNT; g++) {
    const tally = { results: 0, students: 0 };
    for (let at = g; at < sizes.length; at += GROUP_COUNT) {
      const n = sizes[at]!;
      if (n >= minN && n < previousMinN) {
        tally.results++;
        tally.students += n;
      }
    }
    bySubgroup[SUBGROUPS[g]!] = tally;
    total.results += tally.results;
    total.students += tally.students;
  }
  return { previousMinN, minN, bySubgroup, total };
}

class RollupTally {
  schools = 0;
  scored = 0;
  scoreSum = 0;
  weightedSum = 0;
  weightTotal = 0;
  designations = Object.fromEntries(DESIGNATION_TYPES.map((t) => [t, 0])) as Record<DesignationType, number>;
  studentsInPriority = 0;
  studentsInFocus = 0;

  add(type: DesignationType, score: number | null, students: number) {
    this.schools++;
    this.designations[type]++;
    if (type === "priority") this.studentsInPriority += students;
    if (type === "focus") this.studentsInFocus += students;
    if (score === null) return;
    this.scored++;
    this.scoreSum += score;
    this.weightedSum += score * students;
    this.weightTotal += students;
  }

  toRollup(district: string): Rollup {
    return {
      district,
      schools: this.schools,
      scored: this.scored,
      unscored: this.schools - this.scored,
      meanIndex: this.scored === 0 ? null : roundHalfAway(this.scoreSum / this.scored, 1),
      weightedMeanIndex: this.weightTotal === 0 ? null : roundHalfAway(this.weightedSum / this.weightTotal, 1),
      designations: { ...this.designations },
      studentsInPriority: this.studentsInPriority,
      studentsInFocus: this.studentsInFocus,
    };
  }
}

export { NO_DISTRICT };

/** What a summary is made of: an assessment's designations and unrounded scores, in the schools' order. */
export interface Summarized {
  grid: { table: SchoolTable };
  designations: { type(s: number): DesignationType };
  scores: readonly (number | null)[];
  poolSize: number;
  config: Config;
  /** §13: the counted levels of this year and the prior year, for the colour counts. */
  counted: CountedLevels;
  prior: PriorYear | null;
}

export function summarize({ grid: { table }, designations, scores, poolSize, config, counted, prior }: Summarized): Summary {
  const total = new RollupTally();
  const byDistrict = table.districts.map(() => new RollupTally());
  const { district, sizes } = table;
  for (let i = 0; i < table.schools.length; i++) {
    const type = designations.type(i);
    const students = sizes[i * GROUP_COUNT]!;
    byDistrict[district[i]!]!.add(type, scores[i]!, students);
    total.add(type, scores[i]!, students);
  }
  const districts = table.districts
    .map((name, d) => [name, d] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, d]) => byDistrict[d]!.toRollup(name));
  const all = total.toRollup("(all districts)");
  return {
    schools: all.schools,
    scored: all.scored,
    unscored: all.unscored,
    titleIPool: poolSize,
    designations: all.designations,
    nSizeImpact: nSizeImpactOf(table, config),
    rollup: { districts, total: all },
    performance: performanceCounts(counted, prior, scores, config),
  };
}

/**
 * §13: per indicator, the scored schools of each colour: those whose ALL level exists in both
 * years for an indicator that applies to their level. Read straight from the two grids.
 */
function performanceCounts(counted: CountedLevels, prior: PriorYear | null, scores: readonly (number | null)[], config: Config): Summary["performance"] {
  const out: Summary["performance"] = {};
  if (prior === null) return out;
  const tally = new Int32Array(INDICATOR_COUNT * COLORS.length);
  const applies = SCHOOL_LEVELS.map((level) => INDICATORS.map((code) => config.indicatorWeights[level][code] !== undefined));
  const { level: levelOf } = counted.grid.table;
  const now = counted.grid.levels;
  const before = prior.counted.grid.levels;
  for (let s = 0; s < scores.length; s++) {
    // ALL counted (n ≥ minN) in both years; the grids level nothing else.
    if (scores[s] === null || prior.has[s] === 0 || (counted.counted[s]! & prior.counted.counted[s]! & 1) === 0) continue;
    const applicable = applies[levelOf[s]!]!;
    for (let i = 0; i < INDICATOR_COUNT; i++) {
      const level = now[s * ROW + i]!;
      const priorLevel = before[s * ROW + i]!;
      if (level === 0 || priorLevel === 0 || !applicable[i]) continue;
      tally[i * COLORS.length + COLOR_POSITION[cellOf(level, priorLevel).color]]! += 1;
    }
  }
  for (let i = 0; i < INDICATOR_COUNT; i++) {
    let any = 0;
    for (let c = 0; c < COLORS.length; c++) any += tally[i * COLORS.length + c]!;
    if (any === 0) continue;
    out[INDICATORS[i]!] = Object.fromEntries(COLORS.map((color, c) => [color, tally[i * COLORS.length + c]!])) as Record<(typeof COLORS)[number], number>;
  }
  return out;
}
