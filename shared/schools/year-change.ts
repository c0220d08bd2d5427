// §13 what changed since the prior year, written into a school's result: per indicator the prior
// ALL value and level, the level change and its status × change colour; per group the change of
// its academic level. The prior year's numbers come from prior-year.ts, levelled with this year's
// rules; a field stays null where either year has nothing to compare.

import type { School } from "../contract/requests.js";
import type { SchoolResult } from "../contract/responses.js";
import { INDICATORS, SUBGROUPS } from "../core/model.js";
import { round6 } from "../core/numbers.js";
import type { FlagParts } from "./flags.js";
import { GROUP_COUNT, INDICATOR_COUNT } from "./level-grid.js";
import { performanceOf } from "./performance.js";
import type { GroupLevels } from "./school-index.js";

export function priorChanges(
  school: School,
  indicators: SchoolResult["indicators"],
  subgroups: SchoolResult["subgroups"],
  now: FlagParts,
  prior: { levels: GroupLevels; flags: FlagParts },
): void {
  const priorAll = school.prior!.subgroups.ALL;
  for (let i = 0; i < INDICATOR_COUNT; i++) {
    const code = INDICATORS[i]!;
    const item = indicators[code];
    // An ALL level in both years: a value, and ALL counted (the grid levels nothing else).
    const priorLevel = prior.levels.level(0, i);
    if (!item || item.allLevel === null || priorLevel === 0) continue;
    item.prior = { value: priorAll[code]!, allLevel: priorLevel };
    item.change = item.allLevel - priorLevel;
    item.performance = performanceOf(item.allLevel, priorLevel);
  }
  for (let g = 0; g < GROUP_COUNT; g++) {
    const report = subgroups[SUBGROUPS[g]!];
    if (report) report.academicChange = academicChange(now, prior.flags, g);
  }
}

/** Group g's academic level now − the year before (6 decimals); null unless it is accountable with one in both years. */
export function academicChange(now: FlagParts, prior: FlagParts, g: number): number | null {
  // NaN in either year (not counted, or neither ELA nor math levelled) makes the difference NaN.
  const change = now.academic[g]! - prior.academic[g]!;
  return Number.isNaN(change) ? null : round6(change);
}
