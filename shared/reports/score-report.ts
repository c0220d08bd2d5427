// The sheets a scoring run writes (api.md "Outputs"), the same from both doors: SQII Results (one
// row per school, built here), SQII Subgroups, SQII Indicators, SQII Partnerships and SQII
// Districts (each in its own module), all under the header block that traces them.
import type { Partnerships, SchoolResult, ScoreResponse } from "../contract/responses.js";
import { INDICATORS } from "../core/model.js";
import type { Table } from "../tables/cells.js";
import { FIELD_LABELS } from "../tables/school-columns.js";
import { districtsSheet } from "./district-sheet.js";
import { indicatorsSheet } from "./indicator-sheet.js";
import { partnershipsSheet } from "./partnership-sheet.js";
import { codeLabel, highlight, type InfoLine, type OutputColumn, type ReportSheet, SIGNED_FORMATS, tableOf, traceInfo } from "./report.js";
import type { ScoredRun } from "./scored-run.js";
import { SUBGROUPS_SHEET, subgroupsTable } from "./subgroup-sheet.js";

export const RESULTS_SHEET = "SQII Results";

const joinMessages = (reasons: readonly { message: string }[]) => reasons.map((r) => r.message).join("; ");

/** Who each school is paired with, in either direction: the Reward partner, or the schools it supports. */
function partnersById(partnerships: Partnerships): Map<string, string[]> {
  const partners = new Map<string, string[]>();
  const add = (id: string, other: string) => partners.set(id, [...(partners.get(id) ?? []), other]);
  for (const pair of partnerships.pairs) {
    add(pair.school, pair.partner);
    add(pair.partner, pair.school);
  }
  return partners;
}

function indicatorColumns(): OutputColumn<SchoolResult>[] {
  return INDICATORS.flatMap((code) => [
    { header: `${FIELD_LABELS[code]} Level`, value: (r: SchoolResult) => r.indicators[code]?.level ?? null },
    { header: `${FIELD_LABELS[code]} Points`, value: (r: SchoolResult) => (r.indicators[code]?.level != null ? r.indicators[code]!.points : null) },
  ]);
}

/** One row per school, in response order. */
export function resultsTable(response: ScoreResponse): Table {
  const partners = partnersById(response.partnerships);
  const columns: OutputColumn<SchoolResult>[] = [
    { header: "School ID", value: (r) => r.id },
    { header: "School", value: (r) => r.name },
    { header: "District", value: (r) => r.district },
    { header: "Level", value: (r) => codeLabel(r.level) },
    { header: "Title I", value: (r) => codeLabel(r.title1) },
    { header: "Status", value: (r) => codeLabel(r.status) },
    { header: "Index Score", value: (r) => r.index?.score ?? null },
    // §13: the prior year scored with this year's rules, and the change (null without a scored prior year).
    { header: "Prior Score", value: (r) => r.index?.priorScore ?? null },
    { header: "Change", value: (r) => r.index?.change ?? null },
    { header: "Index Level", value: (r) => r.index?.level ?? null },
    { header: "Band", value: (r) => (r.index ? codeLabel(r.index.band) : null) },
    { header: "Academic", value: (r) => r.domains.academic?.meanLevel ?? null },
    { header: "SE/CC", value: (r) => r.domains.secc?.meanLevel ?? null },
    ...indicatorColumns(),
    { header: "Gap", value: (r) => r.gap?.value ?? null },
    { header: "Gap High", value: (r) => r.gap?.highest.join(", ") ?? null },
    { header: "Gap Low", value: (r) => r.gap?.lowest.join(", ") ?? null },
    { header: "Designation", value: (r) => codeLabel(r.designation.type) },
    { header: "Designation Reasons", value: (r) => joinMessages(r.designation.reasons) },
    { header: "Stage", value: (r) => (r.designation.stage ? codeLabel(r.designation.stage) : null) },
    { header: "Years in Status", value: (r) => r.designation.yearsInStatus },
    { header: "Partner", value: (r) => partners.get(r.id)?.join(", ") ?? null },
    // Why a school is unscored, or how it was scored without a domain (allowMissingDomain).
    { header: "Index Reasons", value: (r) => joinMessages(r.reasons) || null },
  ];
  return tableOf(columns, response.results);
}

/** Scores to one decimal as the methodology reports them, a change with its sign; levels whole; means two decimals. */
const RESULT_FORMATS = {
  "Index Score": "0.0",
  "Prior Score": "0.0",
  Change: SIGNED_FORMATS.oneDecimal,
  "Index Level": "0",
  Academic: "0.00",
  "SE/CC": "0.00",
  Gap: "0.00",
  "Years in Status": "0",
};

const RESULT_HIGHLIGHTS = [highlight("Band", ["belowAverage", "average", "aboveAverage"]), highlight("Designation", ["priority", "focus", "reward"])];

export interface Run {
  /** Where the schools came from: `Data!A1:R2001`, or a file name. */
  source: string;
  at: Date;
  /** `local` (the bundled engine) or the API's URL. */
  engine: string;
  /** Where the config came from: `sheet SQII Config`, or `default`. */
  config?: string;
}

/** The header block of every sheet of the run: what traces it, the year, and the count of schools. */
function runInfo(run: ScoredRun, trace: Run): InfoLine[] {
  const { response } = run;
  const { schools, scored, unscored } = response.summary;
  return [
    ...traceInfo(response, trace.at, trace.source),
    ...(trace.config ? [["Config", trace.config] as InfoLine] : []),
    ["Engine", trace.engine],
    ["Year", response.year ?? "not given"],
    ["Schools", `${schools} sent, ${scored} scored, ${unscored} unscored`],
    // The engine scored with a config other than the one checked here (an API at another default).
    ...(run.config === null ? [["Targets", "not shown: the engine's config hash differs from the checked config's"] as InfoLine] : []),
  ];
}

/**
 * What both doors write (the add-in into the open workbook, the command line into --out x.xlsx):
 * every sheet headed by the run's trace lines; school id and name stay in view.
 */
export function resultSheets(run: ScoredRun, trace: Run): ReportSheet[] {
  const info = runInfo(run, trace);
  return [
    {
      sheet: RESULTS_SHEET,
      tableName: "SQIIResults",
      info,
      table: resultsTable(run.response),
      highlights: RESULT_HIGHLIGHTS,
      numberFormats: RESULT_FORMATS,
      frozenColumns: 2,
    },
    // No number formats here: ~14 rows a school, and General shows its values as they are.
    { sheet: SUBGROUPS_SHEET, tableName: "SQIISubgroups", info, table: subgroupsTable(run), frozenColumns: 2 },
    indicatorsSheet(run, info),
    partnershipsSheet(run, info),
    districtsSheet(run, info),
  ];
}
