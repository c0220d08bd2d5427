// The school report page's change since the prior year (methodology §13), drawn from the model: the
// five-by-five status × change grid as an HTML table, each cell on its colour with the school's
// indicators that fall in it (without a grid, the model's one line says why), and the indicator
// table's prior value and change-in-level cells, the change on its colour.
import type { IndicatorLine, SchoolReport } from "../../shared/reports/school-report-model.js";
import { num, signed } from "../../shared/reports/school-report-text.js";
import { type Html, html } from "./html.js";

const dash = html`<span class="muted">–</span>`;

/** Whether the indicator table shows the prior year: when some indicator has one. */
export const hasPrior = (lines: readonly IndicatorLine[]) => lines.some((l) => l.prior !== null);

/** The prior year's value of an indicator, for the indicator table. */
export const priorValue = (l: IndicatorLine) => html`<td class="prior">${l.prior ? num(l.prior.value) : dash}</td>`;

/** Its change in level on its performance colour, the colour named in the title; a dash without a prior year. */
export const changeChip = (l: IndicatorLine) =>
  html`<td>${l.change === null || !l.performance ? dash : html`<span class="chip perf ${l.performance.color}" title="${l.performance.colorLabel}: ${l.performance.statusLabel.toLowerCase()}, ${l.performance.changeLabel.toLowerCase()}">${signed(l.change)}</span>`}</td>`;

function grid(r: SchoolReport): Html {
  const { change } = r;
  return html`<table class="grid">
<thead><tr><th class="text" rowspan="2">${change.rowAxis}</th><th colspan="${change.columns.length}">${change.columnAxis}</th></tr>
<tr>${change.columns.map((c) => html`<th>${c.label}<br><span class="muted">${c.levels}</span></th>`)}</tr></thead>
<tbody>${change.rows.map(
    (row) =>
      html`<tr><th class="text">${row.label} <span class="muted">${row.levels}</span></th>${row.cells.map(
        (cell) => html`<td class="perf ${cell.color}" title="${cell.colorLabel}">${cell.entries.map((e) => html`<span class="entry">${e.text}</span>`)}</td>`,
      )}</tr>`,
  )}</tbody>
</table>`;
}

/** The section under its heading: the grid with the index line and what the grid shows under it, or one line saying why there is none. */
export function changeSection(r: SchoolReport): Html {
  const { change } = r;
  // Without a grid, one line under the last table rather than a section of its own; with one, a
  // short paragraph under it for the index and what the grid shows: pages stay within three sheets.
  if (change.rows.length === 0) {
    return html`<p class="no-grid"><strong>${change.title}:</strong> ${change.index ? `${change.index} ` : null}<span class="muted">${change.note}</span></p>`;
  }
  return html`<h2>${change.title}</h2>
${grid(r)}<p class="small">${change.index ? html`<strong>${change.index}</strong> ` : null}${change.note}</p>`;
}
