// The style sheet every report page carries inline (no network): a sheet of paper on screen, and on
// print a page that fits both A4 and US Letter — the text block is sized to the narrower (A4, 210 mm)
// and the shorter (Letter, 279 mm) — with no table or card broken across pages.
import { PALETTE } from "../../shared/reports/report.js";

export const REPORT_CSS = `
@page { size: auto; margin: 12mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #e9ecef; color: #1f2328; font: 10pt/1.4 "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif; }
.paper { width: 210mm; margin: 8mm auto; padding: 12mm 14mm; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
header.top { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 2px solid #1f3864; padding-bottom: 2mm; margin-bottom: 4mm; color: #1f3864; font-size: 8.5pt; letter-spacing: .02em; text-transform: uppercase; }
h1 { font-size: 19pt; margin: 0; line-height: 1.2; color: #1f3864; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; color: #1f3864; border-bottom: 1px solid #c9d3e3; padding-bottom: 1mm; break-after: avoid; }
h3 { font-size: 10pt; margin: 0 0 1mm; }
p { margin: 0 0 1.5mm; }
.meta { color: #57606a; margin: 1mm 0 4mm; }
.muted { color: #57606a; }
.small { font-size: 8.5pt; }
.card { border: 1px solid #d0d7de; border-radius: 2mm; padding: 3mm 4mm; margin: 0 0 3mm; break-inside: avoid; }
.designation { border-left: 3mm solid #8c959f; }
.designation.priority { border-left-color: #c55a11; background: ${PALETTE.priority}55; }
.designation.focus { border-left-color: #bf8f00; background: ${PALETTE.focus}55; }
.designation.reward { border-left-color: #548235; background: ${PALETTE.reward}66; }
.designation .kind { font-size: 14pt; font-weight: 700; }
.designation ul { margin: 1mm 0 0; padding-left: 5mm; }
.figures { display: flex; gap: 3mm; margin: 0 0 3mm; break-inside: avoid; }
.figure { flex: 1; border: 1px solid #d0d7de; border-radius: 2mm; padding: 2mm 3mm; }
.figure .number { font-size: 20pt; font-weight: 700; line-height: 1.1; color: #1f3864; }
.figure .what { font-size: 8.5pt; color: #57606a; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.exit { border-color: #1f3864; }
.exit h3 { color: #1f3864; }
table { width: 100%; border-collapse: collapse; margin: 0 0 3mm; break-inside: avoid; font-variant-numeric: tabular-nums; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
table { font-size: 8.5pt; }
th, td { padding: .8mm 1.2mm; border-bottom: 1px solid #e1e4e8; text-align: right; vertical-align: top; }
th { background: #f2f5f9; font-size: 8pt; font-weight: 600; color: #24292f; text-align: right; vertical-align: bottom; }
thead tr + tr th { border-top: 1px solid #e1e4e8; }
th[colspan] { text-align: center; }
td.pair { white-space: nowrap; }
th:first-child, td:first-child, td.text, th.text { text-align: left; }
td.below { color: #a40e26; }
td.met { color: #116329; }
.band { display: inline-block; min-width: 4.2mm; padding: 0 .8mm; border-radius: 1mm; font-size: 8pt; text-align: center; }
.band.belowAverage { background: ${PALETTE.belowAverage}; }
.band.average { background: ${PALETTE.average}; }
.band.aboveAverage { background: ${PALETTE.aboveAverage}; }
.suppressed { color: #57606a; font-style: italic; }
.figure .prior { font-size: 8.5pt; color: #57606a; margin-top: .5mm; }
.figure .prior strong { color: #1f2328; }
table.grid { table-layout: auto; }
table.grid th, table.grid td { text-align: center; vertical-align: middle; border: 1px solid #fff; }
table.grid th:first-child { width: 17%; text-align: left; }
table.grid tbody th { background: #f2f5f9; font-weight: 600; }
table.grid th { padding: .5mm 1mm; }
table.grid td { height: 6mm; padding: .4mm .6mm; color: #1f2328; }
table.grid tbody th { white-space: nowrap; }

table.grid .entry { display: inline-block; white-space: nowrap; margin: .2mm 1mm; font-size: 7pt; font-weight: 600; line-height: 1.2; }
td.prior { color: #57606a; }
p.no-grid { margin-top: 3mm; }
table.indicators td:first-child { white-space: nowrap; }
.perf.red { background: ${PALETTE.red}; }
.perf.orange { background: ${PALETTE.orange}; }
.perf.yellow { background: ${PALETTE.yellow}; }
.perf.green { background: ${PALETTE.green}; }
.perf.blue { background: ${PALETTE.blue}; }
.chip { display: inline-block; padding: 0 1.5mm; border-radius: 1mm; font-size: 8pt; color: #1f2328; }
.chart { width: 100%; height: auto; display: block; margin: 0 0 2mm; break-inside: avoid; }
.chart .label { font-size: 11px; text-anchor: end; fill: #1f2328; }
.chart .zone { font-size: 10px; text-anchor: middle; fill: #57606a; }
.chart .tick { font-size: 10px; text-anchor: middle; fill: #57606a; }
.chart .grid { stroke: #ffffff; stroke-width: 1; }
.chart .bar { fill: #2f5597; }
.chart .all { stroke: #1f2328; stroke-width: 2.5; }
.chart .value { font-size: 11px; font-weight: 600; fill: #1f2328; }
.chart .missing { font-size: 11px; font-style: italic; fill: #57606a; }
.legend { font-size: 8.5pt; color: #57606a; margin: 0 0 3mm; }
.legend .swatch { display: inline-block; width: 8mm; height: 2.5mm; background: #2f5597; vertical-align: middle; margin-right: 1mm; }
.legend .tickmark { display: inline-block; width: .8mm; height: 3.5mm; background: #1f2328; vertical-align: middle; margin: 0 1mm 0 3mm; }
footer { margin-top: 6mm; border-top: 1px solid #d0d7de; padding-top: 2mm; font-size: 8pt; color: #57606a; break-inside: avoid; }
a { color: #1f3864; }
nav.back { font-size: 9pt; margin-bottom: 2mm; }
table.long { break-inside: auto; }
table.list { table-layout: fixed; }
table.list td { overflow-wrap: break-word; }
.c-school { width: 24%; } .c-district { width: 13%; } .c-level { width: 12%; } .c-index { width: 7%; } .c-why { width: 14%; } .c-stage { width: 15%; } .c-exit { width: 15%; }
section.group h2 .count { font-weight: 400; color: #57606a; font-size: 10pt; }
@media print {
  body { background: #fff; }
  .paper { width: auto; margin: 0; padding: 0; box-shadow: none; }
  nav.back { display: none; }
  a { color: inherit; text-decoration: none; }
}
`;
