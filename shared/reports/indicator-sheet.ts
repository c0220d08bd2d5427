// SQII Indicators (api.md "Outputs"): one row per school × indicator that applies to its level,
// with the ALL value, the three levels that combine into the indicator's level (§4), its band,
// weight and points, and the values the school's ALL result would need for one, two and three
// levels more. The response gives those as signed changes (`changeNeeded`); a sheet shows the value
// to reach, which for SpEd identification is a rate on the value's side of the reference. Then the
// change since the prior year (§13): prior value and level, the change, status, change class and
// the colour, its cell filled with it.
import type { Config } from "../contract/requests.js";
import type { IndicatorResult, Performance, SchoolResult } from "../contract/responses.js";
import { COLORS, INDICATORS, type Indicator } from "../core/model.js";
import { round6 } from "../core/numbers.js";
import type { TableCell } from "../tables/cells.js";
import { FIELD_LABELS } from "../tables/school-columns.js";
import { codeLabel, highlight, type InfoLine, type OutputColumn, type ReportSheet, SIGNED_FORMATS, tableOf } from "./report.js";
import type { ScoredRun } from "./scored-run.js";

export const INDICATORS_SHEET = "SQII Indicators";

interface IndicatorRow {
  school: SchoolResult;
  code: Indicator;
  result: IndicatorResult;
}

/**
 * The value the ALL result needs for `levels` more, or null (level 10, no level, or SpEd without a
 * config to give the reference). Rounded at 6 decimals like the change itself (§12).
 */
export function neededValue(code: Indicator, result: IndicatorResult, levels: 1 | 2 | 3, config: Config | null): number | null {
  const change = result.changeNeeded[levels - 1];
  if (change == null || result.value === null) return null;
  if (code !== "spedIdentification") return round6(result.value + change);
  // The change is in distance from the reference: a rate above it comes down, one below it goes up.
  if (config === null) return null;
  const reference = config.spedReference;
  const distance = round6(Math.abs(result.value - reference) + change);
  return round6(result.value >= reference ? reference + distance : reference - distance);
}

/** Weight and points mean nothing for an indicator without a level: blank, as on SQII Results. */
const weighed = (row: IndicatorRow, cell: TableCell): TableCell => (row.result.level === null ? null : cell);

/** A §13 code of the row's performance as its label (`Very high`, `Increased significantly`, `Green`). */
const performance = (row: IndicatorRow, part: keyof Performance): TableCell => {
  const code = row.result.performance?.[part];
  return code ? codeLabel(code) : null;
};

function columns(config: Config | null): OutputColumn<IndicatorRow>[] {
  const needed = (levels: 1 | 2 | 3) => (row: IndicatorRow) => neededValue(row.code, row.result, levels, config);
  return [
    { header: "School ID", value: (row) => row.school.id },
    { header: "Indicator", value: (row) => FIELD_LABELS[row.code] },
    { header: "Value", value: (row) => row.result.value },
    { header: "All Level", value: (row) => row.result.allLevel },
    { header: "Subgroup Level", value: (row) => row.result.subgroupLevel },
    { header: "Level", value: (row) => row.result.level },
    { header: "Band", value: (row) => (row.result.band ? codeLabel(row.result.band) : null) },
    { header: "Weight", value: (row) => weighed(row, row.result.weight) },
    { header: "Points", value: (row) => weighed(row, row.result.points) },
    { header: "+1 Level", value: needed(1) },
    { header: "+2 Levels", value: needed(2) },
    { header: "+3 Levels", value: needed(3) },
    // §13, where the ALL result has a level in both years: the prior year's value as sent, its level
    // under this year's rules, the change in level, and where that puts it on the status × change grid.
    { header: "Prior Value", value: (row) => row.result.prior?.value ?? null },
    { header: "Prior Level", value: (row) => row.result.prior?.allLevel ?? null },
    { header: "Change", value: (row) => row.result.change ?? null },
    { header: "Status", value: (row) => performance(row, "status") },
    { header: "Change Class", value: (row) => performance(row, "change") },
    { header: "Colour", value: (row) => performance(row, "color") },
  ];
}

/** Schools in response order, indicators in §2 order; only those the school's level has (unscored schools too). */
export function indicatorRows(run: ScoredRun): IndicatorRow[] {
  return run.response.results.flatMap((school) =>
    INDICATORS.flatMap((code) => {
      const result = school.indicators[code];
      return result ? [{ school, code, result }] : [];
    }),
  );
}

// Levels and points are kept to 6 decimals in the response; two show what matters. Values and the
// values to reach are shown as sent; a change in level with its sign. Five formatted columns are
// ~450,000 format entries on a statewide run: the add-in writes them in chunks with the values.
const FORMATS = { "Subgroup Level": "0.00", Level: "0.00", Weight: "0.000", Points: "0.00", Change: SIGNED_FORMATS.whole };

export function indicatorsSheet(run: ScoredRun, info: InfoLine[]): ReportSheet {
  return {
    sheet: INDICATORS_SHEET,
    tableName: "SQIIIndicators",
    info,
    table: tableOf(columns(run.config), indicatorRows(run)),
    highlights: [highlight("Band", ["belowAverage", "average", "aboveAverage"]), highlight("Colour", COLORS)],
    numberFormats: FORMATS,
    frozenColumns: 2,
  };
}
