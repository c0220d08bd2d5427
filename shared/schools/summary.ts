// §10: what a request adds up to — designation counts, the Title I pool, the n-size impact of the
// lower minN, and the district rollup an oversight panel reviews.

import type { Config, School } from "../contract/requests.js";
import type { Rollup, Summary } from "../contract/responses.js";
import { DESIGNATION_TYPES, type DesignationType, SUBGROUPS } from "../core/model.js";
import { roundHalfAway } from "../core/numbers.js";

/** Per subgroup other than ALL, over every school sent: results with minN ≤ n < previousMinN. */
export function nSizeImpact(schools: readonly School[], config: Config): Summary["nSizeImpact"] {
  const bySubgroup: Summary["nSizeImpact"]["bySubgroup"] = {};
  const total = { results: 0, students: 0 };
  for (const group of SUBGROUPS) {
    if (group === "ALL") continue;
    const tally = { results: 0, students: 0 };
    for (const school of schools) {
      const n = school.subgroups[group]?.n;
      if (n !== undefined && n >= config.minN && n < config.previousMinN) {
        tally.results++;
        tally.students += n;
      }
    }
    bySubgroup[group] = tally;
    total.results += tally.results;
    total.students += tally.students;
  }
  return { previousMinN: config.previousMinN, minN: config.minN, bySubgroup, total };
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

/** Schools without a district are rolled up under "(no district)". */
export const NO_DISTRICT = "(no district)";

/** Designations and unrounded scores in the schools' order, as the assessment gives them. */
export function summarize(
  schools: readonly School[],
  designations: readonly { type: DesignationType }[],
  scores: readonly (number | null)[],
  poolSize: number,
  config: Config,
): Summary {
  const total = new RollupTally();
  const byDistrict = new Map<string, RollupTally>();
  designations.forEach(({ type }, i) => {
    const district = schools[i]!.district ?? NO_DISTRICT;
    let tally = byDistrict.get(district);
    if (!tally) {
      tally = new RollupTally();
      byDistrict.set(district, tally);
    }
    const students = schools[i]!.subgroups.ALL.n;
    tally.add(type, scores[i]!, students);
    total.add(type, scores[i]!, students);
  });
  const districts = [...byDistrict.keys()].sort().map((d) => byDistrict.get(d)!.toRollup(d));
  const all = total.toRollup("(all districts)");
  return {
    schools: all.schools,
    scored: all.scored,
    unscored: all.unscored,
    titleIPool: poolSize,
    designations: all.designations,
    nSizeImpact: nSizeImpact(schools, config),
    rollup: { districts, total: all },
  };
}
