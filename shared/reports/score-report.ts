// The sheets a scoring run writes (api.md "Outputs"): SQII Results (one row per school) and SQII
// Subgroups (school × group), with the header block that traces them, the band and designation
// colours and the number formats; and the command line's workbook, whose trace lines stand on a
// sheet of their own (SQII Run).
import type { Partnerships, SchoolResult, ScoreResponse } from "../contract/responses.js";
import { INDICATORS, SUBGROUP_NAMES, SUBGROUPS, type Subgroup } from "../core/model.js";
import type { Table } from "../tables/cells.js";
import { FIELD_LABELS } from "../tables/school-columns.js";
import { codeLabel, highlight, type InfoLine, type OutputColumn, type ReportSheet, tableOf, traceInfo } from "./report.js";

export const RESULTS_SHEET = "SQII Results";
export const SUBGROUPS_SHEET = "SQII Subgroups";
export const RUN_SHEET = "SQII Run";

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

interface SubgroupRow {
  school: SchoolResult;
  group: Subgroup;
}

/** One row per school × student group reported, schools in response order, groups in §1 order. */
export function subgroupsTable(response: ScoreResponse): Table {
  const report = ({ school, group }: SubgroupRow) => school.subgroups[group]!;
  const columns: OutputColumn<SubgroupRow>[] = [
    { header: "School ID", value: (s) => s.school.id },
    { header: "School", value: (s) => s.school.name },
    { header: "Group", value: (s) => s.group },
    { header: "Group Name", value: (s) => SUBGROUP_NAMES[s.group] },
    { header: "N", value: (s) => report(s).n },
    { header: "Accountable", value: (s) => report(s).accountable },
    { header: "Flags", value: (s) => report(s).flags.join(", ") || null },
    { header: "Academic Level", value: (s) => report(s).academicLevel },
    ...INDICATORS.map((code) => ({ header: `${FIELD_LABELS[code]} Level`, value: (s: SubgroupRow) => report(s).levels[code] ?? null })),
  ];
  const rows = response.results.flatMap((school) => SUBGROUPS.filter((group) => school.subgroups[group]).map((group) => ({ school, group })));
  return tableOf(columns, rows);
}

/** Scores to one decimal as the methodology reports them; levels whole; means two decimals. */
const RESULT_FORMATS = {
  "Index Score": "0.0",
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

function runInfo(response: ScoreResponse, run: Run): InfoLine[] {
  const { schools, scored, unscored } = response.summary;
  const config: InfoLine[] = run.config ? [["Config", run.config]] : [];
  return [
    ...traceInfo(response, run.at, run.source),
    ...config,
    ["Engine", run.engine],
    ["Schools", `${schools} sent, ${scored} scored, ${unscored} unscored`],
  ];
}

/** What the add-in writes: both sheets headed by the run's trace lines. School id and name stay in view. */
export function resultSheets(response: ScoreResponse, run: Run): ReportSheet[] {
  const info = runInfo(response, run);
  return [
    { sheet: RESULTS_SHEET, tableName: "SQIIResults", info, table: resultsTable(response), highlights: RESULT_HIGHLIGHTS, numberFormats: RESULT_FORMATS },
    // No number formats here: one entry per cell for ~14 rows a school would be a request of its own.
    { sheet: SUBGROUPS_SHEET, tableName: "SQIISubgroups", info, table: subgroupsTable(response) },
  ];
}

/** What the command line writes: the two tables from A1, then SQII Run with the trace and the counts. */
export function resultFileSheets(response: ScoreResponse, at: Date, configSource?: string): ReportSheet[] {
  const { summary } = response;
  const run: InfoLine[] = [
    ["Methodology version", response.methodologyVersion],
    ["Config hash (SHA-256)", response.configHash],
    ...(configSource ? [["Config", configSource] as InfoLine] : []),
    ["Year", response.year],
    ["Scored at", at.toISOString()],
    ["Schools", summary.schools],
    ["Scored", summary.scored],
    ["Unscored", summary.unscored],
    ["Title I pool", summary.titleIPool],
    ...Object.entries(summary.designations).map(([type, count]): InfoLine => [`Designation: ${type}`, count]),
  ];
  return [
    {
      sheet: RESULTS_SHEET,
      tableName: "SQIIResults",
      info: [],
      table: resultsTable(response),
      highlights: RESULT_HIGHLIGHTS,
      numberFormats: RESULT_FORMATS,
      frozenColumns: 2,
    },
    { sheet: SUBGROUPS_SHEET, tableName: "SQIISubgroups", info: [], table: subgroupsTable(response), frozenColumns: 2 },
    { sheet: RUN_SHEET, tableName: "SQIIRun", info: run },
  ];
}
