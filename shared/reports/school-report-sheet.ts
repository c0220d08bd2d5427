// SQII School Report (api.md "School data report", in the add-in): one school's report as a sheet —
// the header block says who the school is, why it is designated, its index and domains, the
// distance to exit, each accountable group against the targets and the partner, in words and
// numbers; the table is every indicator with its levels, points, the values of the next levels and
// its change since the prior year; under it the status × change grid (§13), each cell filled with
// its colour; and a bar chart of the indicators' levels. The add-in's renderer draws it like any
// other sheet.
import { COLORS } from "../core/model.js";
import {
  codeLabel,
  highlight,
  type InfoLine,
  type OutputColumn,
  PALETTE,
  type ReportSheet,
  SIGNED_FORMATS,
  sheetLayout,
  type TableBlock,
  tableOf,
  traceInfo,
} from "./report.js";
import type { ChangeSection, IndicatorLine, SchoolReport, TargetCell } from "./school-report-model.js";
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
  { header: "Prior Value", value: (l) => l.prior?.value ?? null },
  { header: "Prior Level", value: (l) => l.prior?.allLevel ?? null },
  { header: "Change", value: (l) => l.change },
  { header: "Status", value: (l) => l.performance?.statusLabel ?? null },
  { header: "Change Class", value: (l) => l.performance?.changeLabel ?? null },
  { header: "Colour", value: (l) => l.performance?.colorLabel ?? null },
  { header: "Note", value: (l) => l.missing },
];

/** The status × change grid as a table: a row per status, highest first; each cell lists its indicators and is filled with its colour. */
function gridBlock(change: ChangeSection): TableBlock | null {
  if (change.rows.length === 0) return null;
  const header = ["Status", ...change.columns.map((c) => `${c.label} (${c.levels})`)];
  return {
    tableName: "SQIIStatusChange",
    table: {
      header,
      rows: change.rows.map((row) => [`${row.label} (${row.levels})`, ...row.cells.map((cell) => cell.entries.map((e) => e.text).join(", ") || null)]),
    },
    fills: change.rows.flatMap((row, r) => row.cells.map((cell, i) => ({ row: r, column: header[i + 1]!, code: cell.color, color: PALETTE[cell.color] }))),
  };
}

/** Several lines under one label: the label on the first only. */
const lines = (label: string, texts: readonly string[]): InfoLine[] => texts.map((text, i): InfoLine => [i === 0 ? label : "", text]);

function infoLines(r: SchoolReport, run: Run): InfoLine[] {
  const targets = r.targets.map((t) => `${t.label} ${num(t.target)}`).join(" · ");
  const label = new Map(r.targets.map((t) => [t.code, t.label]));
  const against = (t: TargetCell) => `${label.get(t.code)} ${t.value === null || t.distance === null ? "–" : `${num(t.value)} (${signed(t.distance)})`}`;
  const groups = r.groups
    .filter((g) => g.accountable && !g.suppressed)
    .map((g): InfoLine => {
      // §13: the academic level's change, where the group has one.
      const change = g.academicChange === null ? [] : [`academic level ${signed(g.academicChange)} since ${r.change.priorYear ?? "the prior year"}`];
      return [`${g.name} (N ${g.n})`, [...g.targets.map(against), ...change].join(" · ") || "–"];
    });
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
    ["Prior score", r.index?.priorScore ?? null],
    ["Index change", r.index?.change ?? null],
    ...lines(r.change.title, [...(r.change.index ? [r.change.index] : []), r.change.note]),
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

/** The sheet of one school's report; the grid under the table, the chart under both. */
export function schoolReportSheet(report: SchoolReport, run: Run): ReportSheet {
  const info = infoLines(report, run);
  const table = tableOf(COLUMNS, report.indicators);
  const rows = table.rows;
  const grid = gridBlock(report.change);
  const content: ReportSheet = {
    sheet: SCHOOL_REPORT_SHEET,
    tableName: "SQIISchoolReport",
    info,
    table,
    highlights: [highlight("Band", ["belowAverage", "average", "aboveAverage"]), highlight("Colour", COLORS)],
    numberFormats: {
      Level: "0.00",
      "Groups' Level": "0.00",
      Weight: "0.0%",
      Points: "0.00",
      "Index Points at +1": "0.00",
      Change: SIGNED_FORMATS.whole,
    },
    ...(grid && { blocks: [grid] }),
  };
  const last = sheetLayout(content).tables.at(-1)!;
  return {
    ...content,
    ...(rows.length > 0 && {
      chart: {
        name: "SQII School Report chart",
        kind: "barClustered",
        title: `${report.title}: level of each indicator (1–10)`,
        rows: rows.length,
        series: ["Level"],
        categories: "Indicator",
        at: { row: last.headerRow + last.block.table.rows.length + 2, column: 0 },
      },
    }),
  };
}
