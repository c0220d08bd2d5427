// SQII School Report (api.md "School data report", in the add-in): one school's report as a sheet —
// the header block says who the school is, why it is designated, its index and domains, the
// distance to exit, each accountable group against the targets and the partner, in words and
// numbers; the table is every indicator with its levels, points and the values of the next levels;
// and a bar chart of the indicators' levels. The add-in's renderer draws it like any other sheet.
import { codeLabel, highlight, type InfoLine, type ReportSheet, traceInfo } from "./report.js";
import type { IndicatorLine, SchoolReport } from "./school-report-model.js";
import { num } from "./school-report-text.js";
import type { Run } from "./score-report.js";

export const SCHOOL_REPORT_SHEET = "SQII School Report";

const HEADER = [
  "Indicator",
  "Value",
  "Level",
  "ALL Level",
  "Groups' Level",
  "Band",
  "Weight",
  "Points",
  "+1 Level",
  "+2 Levels",
  "+3 Levels",
  "Index Points at +1",
];

function indicatorRow(l: IndicatorLine): (string | number | null)[] {
  const counted = l.level !== null;
  return [
    l.name,
    l.value,
    l.level,
    l.allLevel,
    l.groupLevel,
    l.band === null ? null : codeLabel(l.band),
    counted ? l.share : null,
    counted ? l.points : null,
    ...l.next,
    l.gain,
  ];
}

/** Several lines under one label: the label on the first only. */
const lines = (label: string, texts: readonly string[]): InfoLine[] => texts.map((text, i): InfoLine => [i === 0 ? label : "", text]);

function infoLines(r: SchoolReport, run: Run): InfoLine[] {
  const targets = r.targets.map((t) => `${t.label} ${num(t.target)}`).join(" · ");
  const groups = r.groups
    .filter((g) => g.accountable && !g.suppressed)
    .map(
      (g): InfoLine => [
        `${g.name} (N ${g.n})`,
        g.targets
          .map(
            (t) =>
              `${t.code === "ela" ? "ELA" : t.code === "math" ? "Math" : "Graduation"} ${t.value === null ? "–" : `${num(t.value)} (${signed(t.distance!)})`}`,
          )
          .join(" · ") || "–",
      ],
    );
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
    ...lines(
      "One level more on",
      r.exit.steps.map((s) => `${s.name}: ${num(s.value)} → ${num(s.nextValue)}, +${num(s.gain)} index points`),
    ),
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

const signed = (x: number) => (x > 0 ? `+${num(x, 1)}` : num(x, 1).replace("-", "−"));

/** The sheet of one school's report; the chart sits under the table. */
export function schoolReportSheet(report: SchoolReport, run: Run): ReportSheet {
  const info = infoLines(report, run);
  const rows = report.indicators.map(indicatorRow);
  const headerRow = info.length + 1;
  return {
    sheet: SCHOOL_REPORT_SHEET,
    tableName: "SQIISchoolReport",
    info,
    table: { header: HEADER, rows },
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
