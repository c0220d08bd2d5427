// The school data report as self-contained HTML (npm run report): one page per school and an index
// page, drawn from shared/reports/school-report.ts (the change since the prior year by
// report-change.ts, the chart by report-chart.ts) and deciding nothing — every number, sentence and
// suppression comes from the model. Inline CSS and SVG, no script and no link outside the folder,
// so a page opens offline and prints on A4 or Letter. Every value the caller chose goes through `html`.

import { reportIndex } from "../../shared/reports/school-report.js";
import type { GapResult, GroupLine, IndicatorLine, SchoolReport } from "../../shared/reports/school-report-model.js";
import { indexText, num, signed } from "../../shared/reports/school-report-text.js";
import { type Html, html, raw } from "./html.js";
import { changeChip, changeSection, hasPrior, priorValue } from "./report-change.js";
import { levelChart } from "./report-chart.js";
import { REPORT_CSS } from "./report-style.js";

const dash = html`<span class="muted">–</span>`;
const n = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? dash : num(x, digits));

function page(title: string, body: Html): string {
  return `<!doctype html>\n${
    html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${raw(REPORT_CSS)}</style>
</head>
<body><main class="paper">${body}</main></body>
</html>`.text
  }\n`;
}

function topLine(report: { run: SchoolReport["run"]; public: boolean }): Html {
  const year = report.run.year === null ? "" : ` · ${report.run.year}`;
  return html`<header class="top"><span>SQII school data report${year}</span><span>${report.public ? "Public report" : "For school and district use"}</span></header>`;
}

// ---------------------------------------------------------------- the school page

function designationCard(r: SchoolReport): Html {
  return html`<section class="card designation ${r.designation.code}">
<div class="kind">${r.designation.headline}</div>
<ul>${r.designation.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>
${r.statusNotes.length > 0 ? html`<p class="small muted">${r.statusNotes.join(" ")}</p>` : null}
</section>`;
}

/** The prior year's index and the change, under the index (§13); nothing without a scored prior year. */
function priorFigure(r: SchoolReport): Html | null {
  const index = r.index;
  if (!index || index.priorScore === null || index.change === null) return null;
  return html`<div class="prior">${r.change.priorYear ?? "Prior year"}: ${indexText(index.priorScore)} · change <strong>${signed(index.change)}</strong></div>`;
}

function figures(r: SchoolReport): Html | null {
  if (!r.index) return null;
  return html`<div class="figures">
<div class="figure"><div class="what">Index</div><div class="number">${indexText(r.index.score)}</div><div>level ${r.index.level} · <span class="band ${r.index.band}">${r.index.bandLabel}</span></div>${priorFigure(r)}</div>
${r.domains.map((d) => html`<div class="figure"><div class="what">${d.label}</div><div class="number">${d.meanLevel.toFixed(2)}</div><div class="muted">mean level · weight ${num(d.weight)}</div></div>`)}
</div>`;
}

function exitCard(r: SchoolReport): Html {
  const { exit } = r;
  const steps =
    exit.steps.length === 0
      ? null
      : html`<table>
<thead><tr><th class="text">One level more on</th><th>Today</th><th>Next level at</th><th>Index points</th></tr></thead>
<tbody>${exit.steps.map((s) => html`<tr><td>${s.name}</td><td>${num(s.value)} (level ${s.allLevel})</td><td>${num(s.nextValue)}</td><td>+${num(s.gain)}</td></tr>`)}</tbody>
</table>
<p class="small">${exit.stepsNote}</p>`;
  const gapResult = (r: GapResult | null) => (r ? html`<td>${num(r.value)}</td><td>${num(r.nextValue)}</td>` : html`<td>${dash}</td><td>${dash}</td>`);
  const gapGroups =
    exit.gapGroups.length === 0
      ? null
      : html`<table>
<thead><tr><th class="text" rowspan="2">At the bottom of the gap</th><th colspan="2">ELA</th><th colspan="2">Math</th></tr><tr><th>Today</th><th>Next level at</th><th>Today</th><th>Next level at</th></tr></thead>
<tbody>${exit.gapGroups.map((g) => html`<tr><td>${g.group}</td>${gapResult(g.ela)}${gapResult(g.math)}</tr>`)}</tbody>
</table>`;
  return html`<section class="card exit">
<h3>Distance to exit</h3>
${exit.lines.map((line) => html`<p>${line}</p>`)}
${steps}${gapGroups}
${exit.notes.map((note) => html`<p class="small">${note}</p>`)}
</section>`;
}

/** A whole level on its band's colour. */
const chip = (level: number | null, band: string | null) => (level === null ? dash : html`<span class="band ${band ?? ""}">${level}</span>`);

/** With a prior year (§13), the value then beside the value now, and the change of the ALL level on its colour at the end. */
function indicatorTable(lines: readonly IndicatorLine[], priorYear: number | null): Html {
  const prior = hasPrior(lines);
  const row = (l: IndicatorLine) =>
    html`<tr><td>${l.name}</td><td>${n(l.value)}</td>${prior ? priorValue(l) : null}<td>${chip(l.allLevel, l.band)}</td><td>${n(l.groupLevel)}</td><td><strong>${n(l.level)}</strong></td><td>${l.level === null ? dash : `${num(l.share * 100, 1)}%`}</td><td>${l.level === null ? dash : num(l.points)}</td>${l.next.map((v) => html`<td>${n(v)}</td>`)}${prior ? changeChip(l) : null}</tr>`;
  return html`<table class="indicators">
<thead><tr><th class="text" rowspan="2">Indicator</th><th ${prior ? html`colspan="2"` : html`rowspan="2"`}>Value</th><th colspan="3">Level</th><th rowspan="2">Weight</th><th rowspan="2">Index points</th><th colspan="3">Value for levels more</th>${prior ? html`<th rowspan="2">Change of ALL level</th>` : null}</tr>
<tr>${prior ? html`<th>Now</th><th>${priorYear ?? "Prior"}</th>` : null}<th>ALL</th><th>Groups</th><th>Counted</th><th>+1</th><th>+2</th><th>+3</th></tr></thead>
<tbody>${lines.map(row)}</tbody>
</table>`;
}

function targetTable(r: SchoolReport): Html | null {
  const accountable = r.groups.filter((g) => g.accountable && !g.suppressed);
  if (r.targets.length === 0 || accountable.length === 0) return null;
  // §13: the academic level's change, where some group has one (a prior year sent).
  const changes = accountable.some((g) => g.academicChange !== null);
  const cells = (g: GroupLine) =>
    r.targets.map((t) => {
      const cell = g.targets.find((c) => c.code === t.code);
      if (!cell || cell.value === null || cell.distance === null) return html`<td>${dash}</td><td>${dash}</td>`;
      return html`<td>${num(cell.value)}</td><td class="${cell.distance < 0 ? "below" : "met"}">${signed(cell.distance)}</td>`;
    });
  return html`<table>
<thead><tr><th class="text" rowspan="2">Student group</th><th rowspan="2">N</th>${r.targets.map((t) => html`<th colspan="2">${t.label}, target ${num(t.target)}</th>`)}<th rowspan="2">Academic level</th>${changes ? html`<th rowspan="2">Academic change</th>` : null}<th class="text" rowspan="2">Flags</th></tr>
<tr>${r.targets.map(() => html`<th>Value</th><th>vs target</th>`)}</tr></thead>
<tbody>${accountable.map((g) => html`<tr><td>${g.name}</td><td>${g.n}</td>${cells(g)}<td>${n(g.academicLevel)}</td>${changes ? html`<td>${g.academicChange === null ? dash : signed(g.academicChange)}</td>` : null}<td class="text small">${g.flags.join(", ")}</td></tr>`)}</tbody>
</table>`;
}

function groupResults(r: SchoolReport): Html | null {
  const accountable = r.groups.filter((g) => g.accountable && !g.suppressed);
  const shown = r.indicators.filter((l) => accountable.some((g) => g.results[l.code]));
  if (shown.length === 0) return null;
  return html`<table class="small">
<thead><tr><th class="text">Student group</th>${shown.map((l) => html`<th>${l.short}</th>`)}</tr></thead>
<tbody>${accountable.map(
    (g) =>
      html`<tr><td>${g.name}</td>${shown.map((l) => {
        const result = g.results[l.code];
        return html`<td class="pair">${result ? html`${num(result.value)} ${chip(result.level, result.band)}` : dash}</td>`;
      })}</tr>`,
  )}</tbody>
</table>`;
}

function uncounted(r: SchoolReport): Html | null {
  const others = r.groups.filter((g) => !g.accountable || g.suppressed);
  if (others.length === 0) return null;
  return html`<p class="small">Not shown: ${others.map((g, i) => html`${i > 0 ? "; " : ""}${g.name} (${g.suppressed ? html`<span class="suppressed">${g.note}</span>` : `${g.n} students, ${g.note}`})`)}.</p>`;
}

function footer(r: SchoolReport): Html {
  return html`<footer>
<p>Levels run from 1 to 10 against the consortium's cut points; bands: 1–3 below average, 4–7 average, 8–10 above average. An indicator counts half the school's own (ALL) level and half the mean level of its student groups of at least the minimum size; the index is ten times the weighted mean level. "Value for levels more" is the value of the school's own (ALL) result that reaches one, two and three levels more.</p>
${r.public ? html`<p>Public report: groups of fewer than ${r.suppressBelow} students are not shown.</p>` : null}
<p>Methodology ${r.run.methodologyVersion} · config ${r.run.configHash.slice(0, 12)}</p>
</footer>`;
}

export function schoolPage(r: SchoolReport, indexFile = "index.html"): string {
  const place = [r.name ? `School ${r.id}` : null, r.district, `${r.level} school`, `Title I ${r.title1.toLowerCase()}`].filter(Boolean).join(" · ");
  const body = r.withheld
    ? html`${designationCard(r)}<p class="suppressed">${r.withheld}.</p>`
    : html`${designationCard(r)}${figures(r)}${exitCard(r)}
<h2>Indicators</h2>
${r.indicators.length > 0 ? html`${levelChart(r.indicators)}<p class="legend"><span class="swatch"></span>level counted (school and groups) <span class="tickmark"></span>the school's own (ALL) level</p>${indicatorTable(r.indicators, r.change.priorYear)}` : html`<p class="muted">No indicator applies.</p>`}
<h2>Student groups against the targets</h2>
${targetTable(r) ?? html`<p class="muted">No targets apply.</p>`}
<h2>Student group results <span class="muted small">value and level</span></h2>
${groupResults(r) ?? html`<p class="muted">No accountable student group.</p>`}
${uncounted(r)}
${changeSection(r)}
<h2>Partner</h2>
${r.partner.map((line) => html`<p>${line}</p>`)}`;
  return page(
    `${r.title}: school data report`,
    html`<nav class="back"><a href="${indexFile}">All schools</a></nav>${topLine(r)}<h1>${r.title}</h1><p class="meta">${place}</p>${body}${footer(r)}`,
  );
}

// ---------------------------------------------------------------- the index page

/**
 * A file name per school from its id: ids are the caller's text (`../x`, `<script>`, `A/B`), so
 * only letters, digits, `-` and `_` are kept, and names that would clash (also on a file system
 * that ignores case) get a number.
 */
export function pageFiles(ids: readonly string[]): Map<string, string> {
  const files = new Map<string, string>();
  const taken = new Set<string>(["index"]);
  for (const id of ids) {
    const stem = `school-${id.replace(/[^A-Za-z0-9_-]+/g, "_").slice(0, 60)}`;
    let name = stem;
    for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${stem}-${k}`;
    taken.add(name.toLowerCase());
    files.set(id, `${name}.html`);
  }
  return files;
}

/** The index page: schools under each designation, each linking to its page (`files` maps id → file name). */
export function indexPage(reports: readonly SchoolReport[], files: ReadonlyMap<string, string>): string {
  const first = reports[0];
  const run = first?.run ?? { year: null, methodologyVersion: "", configHash: "" };
  const groups = reportIndex(reports).filter((g) => g.schools.length > 0);
  const body = html`${topLine({ run, public: first?.public ?? false })}<h1>School data reports</h1>
<p class="meta">${reports.length} school${reports.length === 1 ? "" : "s"}: ${groups.map((g, i) => html`${i > 0 ? " · " : ""}${g.schools.length} ${g.label}`)}</p>
${groups.map(
  (g) => html`<section class="group"><h2>${g.label} <span class="count">${g.schools.length}</span></h2>
<table class="long list">
<colgroup><col class="c-school"><col class="c-district"><col class="c-level"><col class="c-index"><col class="c-why"><col class="c-stage"><col class="c-exit"></colgroup>
<thead><tr><th class="text">School</th><th class="text">District</th><th class="text">Level</th><th>Index</th><th class="text">Why</th><th class="text">Stage</th><th class="text">Distance to exit</th></tr></thead>
<tbody>${g.schools.map(
    (s) =>
      html`<tr><td><a href="${files.get(s.id) ?? ""}">${s.title}</a><br><span class="muted small">${s.id}</span></td><td class="text">${s.district ?? ""}</td><td class="text">${s.level}</td><td>${s.index ? indexText(s.index.score) : dash}</td><td class="text">${s.designation.basis}</td><td class="text">${s.designation.stage ? `${s.designation.stage} (year ${s.designation.yearsInStatus})` : ""}</td><td class="text">${s.exit.short ?? ""}</td></tr>`,
  )}</tbody>
</table></section>`,
)}
<footer><p>Methodology ${run.methodologyVersion} · config ${run.configHash.slice(0, 12)}</p></footer>`;
  return page("School data reports", body);
}
