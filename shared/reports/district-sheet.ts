// SQII Districts (api.md "Outputs", methodology §10): the oversight panel's view. One row per
// district of the rollup and a total row; below it, the n-size impact block: per student group,
// the results and students that are accountable at minN but were not at previousMinN (the waiver's
// "more students" figure), with its total. minN, previousMinN and the Title I pool stand in the
// sheet's header block, where the old command line's SQII Run sheet had them.
// With prior years (§13), a third block counts the status × change colours per indicator.
import type { Rollup, Summary } from "../contract/responses.js";
import { COLORS, INDICATORS, SUBGROUP_NAMES, SUBGROUPS } from "../core/model.js";
import type { Table } from "../tables/cells.js";
import { FIELD_LABELS } from "../tables/school-columns.js";
import { codeLabel, type InfoLine, type OutputColumn, PALETTE, type ReportSheet, type TableBlock, tableOf } from "./report.js";
import type { ScoredRun } from "./scored-run.js";

export const DISTRICTS_SHEET = "SQII Districts";

/** The label of both tables' last row. */
export const TOTAL = "Total";

const ROLLUP_COLUMNS: OutputColumn<{ label: string; rollup: Rollup }>[] = [
  { header: "District", value: (r) => r.label },
  { header: "Schools", value: (r) => r.rollup.schools },
  { header: "Scored", value: (r) => r.rollup.scored },
  { header: "Unscored", value: (r) => r.rollup.unscored },
  { header: "Mean Index", value: (r) => r.rollup.meanIndex },
  { header: "Weighted Mean Index", value: (r) => r.rollup.weightedMeanIndex },
  { header: "Priority", value: (r) => r.rollup.designations.priority },
  { header: "Focus", value: (r) => r.rollup.designations.focus },
  { header: "Reward", value: (r) => r.rollup.designations.reward },
  { header: "None", value: (r) => r.rollup.designations.none },
  { header: "Students in Priority", value: (r) => r.rollup.studentsInPriority },
  { header: "Students in Focus", value: (r) => r.rollup.studentsInFocus },
];

/** Districts in the rollup's order (sorted by name), then the total. */
export function districtsTable(summary: Summary): Table {
  const { districts, total } = summary.rollup;
  return tableOf(ROLLUP_COLUMNS, [...districts.map((rollup) => ({ label: rollup.district, rollup })), { label: TOTAL, rollup: total }]);
}

/**
 * §13: per indicator (§2 order), how many scored schools have each colour of the status × change
 * grid; null when no school sent a prior year (then there is no block).
 */
export function colourCountsTable(summary: Summary): Table | null {
  const rows = INDICATORS.flatMap((code) => {
    const counts = summary.performance[code];
    return counts ? [[FIELD_LABELS[code], ...COLORS.map((color) => counts[color])]] : [];
  });
  return rows.length === 0 ? null : { header: ["Indicator", ...COLORS.map(codeLabel)], rows };
}

/** Groups in §1 order (ALL has no minimum), then the total. */
export function nSizeTable(summary: Summary): Table {
  const { bySubgroup, total } = summary.nSizeImpact;
  const rows = SUBGROUPS.flatMap((group) => {
    const tally = bySubgroup[group];
    return tally ? [[SUBGROUP_NAMES[group], tally.results, tally.students]] : [];
  });
  return { header: ["Student Group", "Results Newly Accountable", "Students"], rows: [...rows, [TOTAL, total.results, total.students]] };
}

export function districtsSheet(run: ScoredRun, info: InfoLine[]): ReportSheet {
  const { summary } = run.response;
  const { minN, previousMinN } = summary.nSizeImpact;
  return {
    sheet: DISTRICTS_SHEET,
    tableName: "SQIIDistricts",
    info: [...info, ["Title I pool", summary.titleIPool], ["Minimum n", minN], ["Previous minimum n", previousMinN]],
    table: districtsTable(summary),
    numberFormats: { "Mean Index": "0.0", "Weighted Mean Index": "0.0" },
    frozenColumns: 1,
    blocks: [{ tableName: "SQIINSizeImpact", table: nSizeTable(summary) }, ...colourBlock(summary)],
  };
}

/** Each colour's column filled with that colour, so the counts read like the grid they come from. */
function colourBlock(summary: Summary): TableBlock[] {
  const table = colourCountsTable(summary);
  if (!table) return [];
  const fills = table.rows.flatMap((_, row) => COLORS.map((code) => ({ row, column: codeLabel(code), code, color: PALETTE[code] })));
  return [{ tableName: "SQIIColourCounts", table, fills }];
}
