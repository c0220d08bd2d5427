// SQII Subgroups (api.md "Outputs"): one row per school × student group reported, with its N,
// accountability, flags, each indicator's value (as sent: the response carries levels only) and
// level, and for ELA, Math and Graduation the target and the distance to it. A target shows where
// the indicator applies to the school's level, as the below-target flag reads it (§6); the distance
// is target − value, so a positive distance is what a group is short, and goes with that flag.
import type { Config, School } from "../contract/requests.js";
import type { SchoolResult } from "../contract/responses.js";
import { INDICATORS, type Indicator, SUBGROUP_NAMES, SUBGROUPS, type Subgroup } from "../core/model.js";
import { round6 } from "../core/numbers.js";
import type { Table, TableCell } from "../tables/cells.js";
import { FIELD_LABELS } from "../tables/school-columns.js";
import { type OutputColumn, tableOf } from "./report.js";
import type { ScoredRun } from "./scored-run.js";

export const SUBGROUPS_SHEET = "SQII Subgroups";

/** The indicators with a state performance target in the config (§6). */
export const TARGETED: readonly Indicator[] = ["ela", "math", "grad"];

interface SubgroupRow {
  school: SchoolResult;
  sent: School | undefined;
  group: Subgroup;
}

const report = ({ school, group }: SubgroupRow) => school.subgroups[group]!;
const value = ({ sent, group }: SubgroupRow, code: Indicator): number | null => sent?.subgroups[group]?.[code] ?? null;

/** The config's target for the indicator where it applies to the school's level; null without a config. */
function targetFor(row: SubgroupRow, code: Indicator, config: Config | null): number | null {
  if (config === null || config.indicatorWeights[row.school.level][code] === undefined) return null;
  return config.targets[code] ?? null;
}

function distance(row: SubgroupRow, code: Indicator, config: Config | null): TableCell {
  const target = targetFor(row, code, config);
  const v = value(row, code);
  return target === null || v === null ? null : round6(target - v);
}

function indicatorColumns(code: Indicator, config: Config | null): OutputColumn<SubgroupRow>[] {
  const label = FIELD_LABELS[code];
  const columns: OutputColumn<SubgroupRow>[] = [
    { header: `${label} Value`, value: (row) => value(row, code) },
    { header: `${label} Level`, value: (row) => report(row).levels[code] ?? null },
  ];
  if (TARGETED.includes(code)) {
    columns.push(
      { header: `${label} Target`, value: (row) => targetFor(row, code, config) },
      { header: `${label} Distance to Target`, value: (row) => distance(row, code, config) },
    );
  }
  return columns;
}

/** One row per school × student group reported, schools in response order, groups in §1 order. */
export function subgroupsTable(run: ScoredRun): Table {
  const columns: OutputColumn<SubgroupRow>[] = [
    { header: "School ID", value: (s) => s.school.id },
    { header: "School", value: (s) => s.school.name },
    { header: "Group", value: (s) => s.group },
    { header: "Group Name", value: (s) => SUBGROUP_NAMES[s.group] },
    { header: "N", value: (s) => report(s).n },
    { header: "Accountable", value: (s) => report(s).accountable },
    { header: "Flags", value: (s) => report(s).flags.join(", ") || null },
    { header: "Academic Level", value: (s) => report(s).academicLevel },
    // §13: academic level now − prior, for a group accountable with one in both years.
    { header: "Academic Change", value: (s) => report(s).academicChange ?? null },
    ...INDICATORS.flatMap((code) => indicatorColumns(code, run.config)),
  ];
  const rows = run.response.results.flatMap((school) => {
    const sent = run.schools.get(school.id);
    return SUBGROUPS.filter((group) => school.subgroups[group]).map((group) => ({ school, sent, group }));
  });
  return tableOf(columns, rows);
}
