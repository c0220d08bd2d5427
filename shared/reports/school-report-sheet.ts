// SQII School Report (api.md "School data report", in the add-in): one school's report as a sheet —
// the header block says who the school is, why it is designated, its index and domains, the
// distance to exit, each accountable group against the targets and the partner, in words and
// numbers; the table is every indicator with its levels, points and the values of the next levels;
// and a bar chart of the indicators' levels. The add-in's renderer draws it like any other sheet.
import { codeLabel, highlight, type InfoLine, type OutputColumn, type ReportSheet, tableOf, traceInfo } from "./report.js";
import type { IndicatorLine, SchoolReport, TargetCell } from "./school-report-model.js";
import { num, signed } from "./school-report-text.js";
import type { Run } from "./score-report.js";

export const SCHOOL_REPORT_SHEET = "SQII School Report";

/** One row per indicator that applies; weight and points only where the indicator counts. */
const COLUMNS: OutputColumn<IndicatorLine>[] = [
  { header: "Indicator", value: (l) => l.name },
  { header: "Value", value: (l) => l.value },
  { header: "Level", value: (l) => l.level },
  { header: "ALL Level", value: (l) => l.allLevel },
  { header: "Groups' Level", value: (l) => l.groupLevel },
  { header: "Band", value: (l) => (l.band === null ? null : codeLabel(l.band)) },
  { header: "Weight", value: (l) => (l.level === null ? null : l.share) },
  { header: "Points", value: (l) => (l.level === null ? null : l.points) },
  { header: "+1 Level", value: (l) => l.next[0] },
  { header: "+2 Levels", value: (l) => l.next[1] },
  { header: "+3 Levels", value: (l) => l.next[2] },
  { header: "Index Points at +1", value: (l) => l.gain },
  { header: "Note", value: (l) => l.missing },
];

/** Several lines under one label: the label on the first only. */
const lines = (label: string, texts: readonly string[]): InfoLine[] => texts.map((text, i): InfoLine => [i === 0 ? label : "", text]);

function infoLines(r: SchoolReport, run: Run): InfoLine[] {
  const targets = r.targets.map((t) => `${t.label} ${num(t.target)}`).join(" · ");
  const label = new Map(r.targets.map((t) => [t.code, t.label]));
  const against = (t: TargetCell) => `${label.get(t.code)} ${t.value === null || t.distance === null ? "–" : `${num(t.value)} (${signed(t.distance)})`}`;
  const groups = r.groups
    .filter((g) => g.accountable && !g.suppressed)
    .map((g): InfoLine => [`${g.name} (N ${g.n})`, g.targets.map(against).join(" · ") || "–"]);
  return [
    ["School", r.title],
    ["School ID", r.id],
    ["District", r.district],
    ["Level", r.level],
    ["Title I", r.title1],
    ["Designation", r.designation.headline],
    ...lines("Why", [...r.designation.reasons, ...r.statusNotes]),
    ["Index score", r.index?.score ?? null],
    ["Index level", r.index ? `${r.index.level} (${r.index.bandLabel})` : null],
    ...r.domains.map((d): InfoLine => [`${d.label} (mean level)`, d.meanLevel]),
    ...lines("Distance to exit", [...r.exit.lines, ...r.exit.notes]),
    ...lines("One level more on", [
      ...r.exit.steps.map((s) => `${s.name}: ${num(s.value)} → ${num(s.nextValue)}, +${num(s.gain)} index point${s.gain === 1 ? "" : "s"}`),
      ...(r.exit.stepsNote ? [r.exit.stepsNote] : []),
    ]),
    ...lines(
      "Bottom of the gap",
      r.exit.gapGroups.map(
        (g) =>
          `${g.group}: ELA ${g.ela ? `${num(g.ela.value)} → ${num(g.ela.nextValue)}` : "–"} · Math ${g.math ? `${num(g.math.value)} → ${num(g.math.nextValue)}` : "–"}`,
      ),
    ),
    ...(targets ? [["Targets", targets] as InfoLine, ...groups] : []),
    ...lines("Partner", r.partner),
    ...traceInfo({ methodologyVersion: r.run.methodologyVersion, configHash: r.run.configHash }, run.at, run.source),
    ["Engine", run.engine],
  ];
}

/** The sheet of one school's report; the chart sits under the table. */
export function schoolReportSheet(report: SchoolReport, run: Run): ReportSheet {
  const info = infoLines(report, run);
  const table = tableOf(COLUMNS, report.indicators);
  const rows = table.rows;
  const headerRow = info.length + 1;
  return {
    sheet: SCHOOL_REPORT_SHEET,
    tableName: "SQIISchoolReport",
    info,
    table,
    highlights: [highlight("Band", ["belowAverage", "average", "aboveAverage"])],
    numberFormats: { Level: "0.00", "Groups' Level": "0.00", Weight: "0.0%", Points: "0.00", "Index Points at +1": "0.00" },
    ...(rows.length > 0 && {
      chart: {
        name: "SQII School Report chart",
        kind: "barClustered",
        title: `${report.title}: level of each indicator (1–10)`,
        rows: rows.length,
        series: ["Level"],
        categories: "Indicator",
        at: { row: headerRow + rows.length + 2, column: 0 },
      },
    }),
  };
}
