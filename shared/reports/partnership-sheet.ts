// SQII Partnerships (api.md "Outputs", methodology §9): each pair of a school that needs a partner
// with its Reward school, then every school that found none with the reason (in the sample, why
// 48 of 89 schools stay unmatched). Designation and stage are the needing school's; the subgroup is
// the one that identified it; quality is 100 × same school level + 10 × same district + the Reward
// school's academic level in that group; evidence says whether the Reward school raised that group
// since its prior year or qualified by its level alone (§13).
import type { Reason, SchoolResult } from "../contract/responses.js";
import { type Evidence, SUBGROUP_NAMES, type Subgroup } from "../core/model.js";
import { codeLabel, EVIDENCE_LABELS, highlight, type InfoLine, type OutputColumn, type ReportSheet, tableOf } from "./report.js";
import type { ScoredRun } from "./scored-run.js";

export const PARTNERSHIPS_SHEET = "SQII Partnerships";

interface PartnershipRow {
  school: string;
  result: SchoolResult | undefined;
  subgroup: Subgroup;
  partner: string | null;
  quality: number | null;
  evidence: Evidence | null;
  reason: Reason | null;
}

const COLUMNS: OutputColumn<PartnershipRow>[] = [
  { header: "School ID", value: (row) => row.school },
  { header: "Designation", value: (row) => (row.result ? codeLabel(row.result.designation.type) : null) },
  { header: "Stage", value: (row) => (row.result?.designation.stage ? codeLabel(row.result.designation.stage) : null) },
  { header: "Subgroup", value: (row) => SUBGROUP_NAMES[row.subgroup] },
  { header: "Partner", value: (row) => row.partner },
  { header: "Quality", value: (row) => row.quality },
  // §13: whether the partner raised the subgroup since its prior year, or qualified by its level alone.
  { header: "Evidence", value: (row) => (row.evidence ? EVIDENCE_LABELS[row.evidence] : null) },
  // Not among api.md's six headers, which ask for "the reason" of an unmatched school: it needs a column.
  { header: "Reason", value: (row) => row.reason?.message ?? null },
];

/** Pairs in the response's order, then the unmatched schools in theirs. */
export function partnershipRows(run: ScoredRun): PartnershipRow[] {
  const { partnerships, results } = run.response;
  const byId = new Map(results.map((r) => [r.id, r]));
  return [
    ...partnerships.pairs.map((pair) => ({
      school: pair.school,
      result: byId.get(pair.school),
      subgroup: pair.subgroup,
      partner: pair.partner,
      quality: pair.quality,
      evidence: pair.evidence ?? null,
      reason: null,
    })),
    ...partnerships.unmatched.map((u) => ({
      school: u.school,
      result: byId.get(u.school),
      subgroup: u.subgroup,
      partner: null,
      quality: null,
      evidence: null,
      reason: u.reason,
    })),
  ];
}

export function partnershipsSheet(run: ScoredRun, info: InfoLine[]): ReportSheet {
  const { pairs, unmatched } = run.response.partnerships;
  return {
    sheet: PARTNERSHIPS_SHEET,
    tableName: "SQIIPartnerships",
    info: [...info, ["Partnerships", `${pairs.length} pairs; ${unmatched.length} schools without a partner`]],
    table: tableOf(COLUMNS, partnershipRows(run)),
    highlights: [highlight("Designation", ["priority", "focus"])],
    numberFormats: { Quality: "0.00" },
  };
}
