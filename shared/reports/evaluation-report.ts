// SQII Evaluations and SQII Distribution (methodology §11): each educator's rating, and the public
// distribution by level per district and role and per school and role, with a chart of the
// districts. A suppressed group's cells stay blank in the workbook too: never shown.
import { type Distribution, EDUCATOR_LEVELS, type EducatorLevel, type EducatorsResponse, type GroupReport } from "../contract/educators.js";
import type { Table, TableCell } from "../tables/cells.js";
import { type ReportSheet, traceInfo } from "./report.js";

export const EVALUATIONS_SHEET = "SQII Evaluations";
export const DISTRIBUTION_SHEET = "SQII Distribution";

const LEVEL_LABELS: Record<EducatorLevel, string> = {
  ineffective: "Ineffective",
  developing: "Developing",
  effective: "Effective",
  highlyEffective: "Highly effective",
};
const PERCENT_HEADERS = EDUCATOR_LEVELS.map((l) => `% ${LEVEL_LABELS[l]}`);

function groupCells(g: GroupReport | undefined): TableCell[] {
  if (!g || g.suppressed) return [null, ...EDUCATOR_LEVELS.map(() => null), ...EDUCATOR_LEVELS.map(() => null), "Yes", g?.reason ?? null];
  return [g.rated, ...EDUCATOR_LEVELS.map((l) => g.counts![l]), ...EDUCATOR_LEVELS.map((l) => g.percents![l]), "No", null];
}

/** District rows first (the chart reads them), then schools; suppressed cells blank. */
export function distributionTable(d: Distribution): Table & { districtRows: number } {
  const header = ["Group", "Scope", "District", "Role", "Rated", ...EDUCATOR_LEVELS.map((l) => LEVEL_LABELS[l]), ...PERCENT_HEADERS, "Suppressed", "Reason"];
  const rows: TableCell[][] = [];
  for (const [district, roles] of Object.entries(d.districts)) {
    for (const [role, g] of Object.entries(roles)) rows.push([`${district} · ${role}`, "District", district, role, ...groupCells(g)]);
  }
  const districtRows = rows.length;
  for (const [school, { district, ...roles }] of Object.entries(d.schools)) {
    for (const [role, g] of Object.entries(roles) as [string, GroupReport][]) rows.push([`${school} · ${role}`, "School", district, role, ...groupCells(g)]);
  }
  return { header, rows, districtRows };
}

/** The educators as read, for the columns the response does not repeat (role, school, district). */
type EducatorCells = { id?: unknown; role?: unknown; school?: unknown; district?: unknown };

export function evaluationSheets(response: EducatorsResponse, educators: readonly EducatorCells[], source: string, at: Date): ReportSheet[] {
  const info = traceInfo(response, at, source);
  const results: TableCell[][] = response.results.map((r, i) => {
    const e = educators[i] ?? {};
    return [
      r.id,
      String(e.role ?? ""),
      String(e.school ?? ""),
      String(e.district ?? ""),
      r.status === "rated" ? "Rated" : "Unrated",
      r.level ? LEVEL_LABELS[r.level] : null,
      r.composite,
      r.practiceLevel ? LEVEL_LABELS[r.practiceLevel] : null,
      r.impact,
      r.measuresUsed.join(", "),
      r.flags.join(", ") || null,
      r.reasons.join("; "),
    ];
  });
  const { districtRows, ...distribution } = distributionTable(response.distribution);
  return [
    {
      sheet: EVALUATIONS_SHEET,
      tableName: "SQIIEvaluations",
      info,
      table: {
        header: ["Educator ID", "Role", "School", "District", "Status", "Level", "Composite", "Practice Level", "Impact", "Measures Used", "Flags", "Reasons"],
        rows: results,
      },
    },
    {
      sheet: DISTRIBUTION_SHEET,
      tableName: "SQIIDistribution",
      info: [...info, ["Suppression", "Groups under the minimum are blank; see Reason."]],
      table: distribution,
      ...(districtRows > 0 && {
        chart: {
          name: "SQII Distribution chart",
          kind: "columnStacked100",
          title: "Educators by level, per district and role (%)",
          rows: districtRows,
          series: PERCENT_HEADERS,
          categories: "Group",
          // Beside the header block, above the table.
          at: { row: 0, column: 4 },
        },
      }),
    },
  ];
}
