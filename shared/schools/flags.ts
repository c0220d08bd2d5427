// §6 and §12: per student group, who counts and which flags it raises; per school, the achievement
// gap between its highest and lowest accountable groups.

import type { Config, School } from "../contract/requests.js";
import type { SchoolResult, SubgroupReport } from "../contract/responses.js";
import { SUBGROUPS, type Subgroup } from "../core/model.js";
import { round6 } from "../core/numbers.js";
import type { GroupLevels, LevelTable } from "./school-index.js";

const TARGETED = ["ela", "math", "grad"] as const;
const BELOW_TARGET = { ela: "belowTarget:ela", math: "belowTarget:math", grad: "belowTarget:grad" } as const;

/** Mean of the ELA and math levels (either alone if one is missing); null without both. */
export function academicLevel(levels: LevelTable | undefined): number | null {
  const ela = levels?.ela;
  const math = levels?.math;
  if (ela !== undefined && math !== undefined) return (ela + math) / 2;
  return ela ?? math ?? null;
}

export interface FlagOutcome {
  subgroups: SchoolResult["subgroups"];
  gap: SchoolResult["gap"];
  /** Unrounded gap, for ranking; null without two accountable groups with an academic level. */
  gapValue: number | null;
  /** Any group carries the `gap` flag (drops the school from highest-performing Reward). */
  hasGapFlag: boolean;
}

export function subgroupFlags(school: School, levels: GroupLevels, config: Config): FlagOutcome {
  const subgroups: SchoolResult["subgroups"] = {};
  const applies = config.indicatorWeights[school.level];
  const allAcademic = academicLevel(levels.byGroup.ALL);
  let hasGapFlag = false;
  let max = -Infinity;
  let min = Infinity;
  let counted = 0;

  for (const group of SUBGROUPS) {
    const result = school.subgroups[group];
    if (!result) continue;
    const { n } = result;
    const accountable = n >= config.minN;
    const own = levels.byGroup[group];
    const academic = accountable ? academicLevel(own) : null;
    const flags: string[] = [];
    if (n > 0 && n < config.minN) flags.push("notAccountable");
    if (accountable && n < config.previousMinN) flags.push("newlyAccountable");
    if (n < config.suppressBelow) flags.push("suppressed");
    if (accountable) {
      for (const code of TARGETED) {
        const value = result[code];
        const target = config.targets[code];
        if (value != null && target !== undefined && applies[code] !== undefined && round6(value) < round6(target)) {
          flags.push(BELOW_TARGET[code]);
        }
      }
    }
    if (group !== "ALL" && academic !== null) {
      if (allAcademic !== null && round6(academic) <= round6(allAcademic - config.gapLevels)) {
        flags.push("gap");
        hasGapFlag = true;
      }
      counted++;
      if (academic > max) max = academic;
      if (academic < min) min = academic;
    }
    const report: SubgroupReport = { n, accountable, flags, levels: own ?? {}, academicLevel: academic === null ? null : round6(academic) };
    subgroups[group] = report;
  }

  if (counted < 2) return { subgroups, gap: null, gapValue: null, hasGapFlag };
  const at = (target: number) => SUBGROUPS.filter((g) => g !== "ALL" && subgroups[g]?.academicLevel === round6(target)) as Subgroup[];
  return { subgroups, gap: { value: round6(max - min), highest: at(max), lowest: at(min) }, gapValue: max - min, hasGapFlag };
}
