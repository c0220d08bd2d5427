// The school report's chart as inline SVG: one horizontal bar per indicator, its counted level on
// the 1–10 scale over the three bands, and a mark at the ALL level. Drawn from the report model's
// indicator lines; an indicator without a level gets its reason instead of a bar.
import { PALETTE } from "../../shared/reports/report.js";
import type { IndicatorLine } from "../../shared/reports/school-report-model.js";
import { num } from "../../shared/reports/school-report-text.js";
import { type Html, html } from "./html.js";

const WIDTH = 680;
const LABEL = 230;
const PLOT = WIDTH - LABEL - 40;
const ROW = 24;
const TOP = 26;
const BAR = 14;

const x = (level: number) => LABEL + (PLOT * level) / 10;

/** Levels 1–3, 4–7, 8–10 as the three band zones, edges half-way between whole levels. */
const ZONES = [
  { from: 0, to: 3.5, color: PALETTE.belowAverage, label: "Below average" },
  { from: 3.5, to: 7.5, color: PALETTE.average, label: "Average" },
  { from: 7.5, to: 10, color: PALETTE.aboveAverage, label: "Above average" },
];

export function levelChart(indicators: readonly IndicatorLine[]): Html {
  const height = TOP + ROW * indicators.length + 28;
  const plotBottom = TOP + ROW * indicators.length;
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="chart-title">
<title id="chart-title">Level of each indicator, 1 to 10</title>
${ZONES.map(
  (z) => html`<rect x="${x(z.from)}" y="${TOP - 4}" width="${x(z.to) - x(z.from)}" height="${plotBottom - TOP + 8}" fill="${z.color}" opacity="0.55"/>
<text x="${(x(z.from) + x(z.to)) / 2}" y="${TOP - 10}" class="zone">${z.label}</text>`,
)}
${Array.from({ length: 11 }, (_, level) => html`<line x1="${x(level)}" x2="${x(level)}" y1="${TOP - 4}" y2="${plotBottom + 4}" class="grid"/><text x="${x(level)}" y="${plotBottom + 18}" class="tick">${level}</text>`)}
${indicators.map((line, i) => row(line, TOP + ROW * i))}
</svg>`;
}

function row(line: IndicatorLine, y: number): Html {
  const middle = y + ROW / 2;
  const label = html`<text x="${LABEL - 8}" y="${middle + 4}" class="label">${line.name}</text>`;
  if (line.level === null) return html`${label}<text x="${x(0) + 6}" y="${middle + 4}" class="missing">${line.missing ?? "no level"}</text>`;
  const top = middle - BAR / 2;
  const all = line.allLevel === null ? null : html`<line x1="${x(line.allLevel)}" x2="${x(line.allLevel)}" y1="${top - 3}" y2="${top + BAR + 3}" class="all"/>`;
  return html`${label}<rect x="${x(0)}" y="${top}" width="${x(line.level) - x(0)}" height="${BAR}" class="bar"/>${all}<text x="${x(Math.max(line.level, line.allLevel ?? 0)) + 6}" y="${middle + 4}" class="value">${num(line.level)}</text>`;
}
