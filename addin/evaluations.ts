// The Evaluations tab (methodology §11): an educator template, reading it with cell-addressed
// problems, and writing each educator's rating plus the public distribution report, with a chart
// of the distribution per district. Suppressed cells stay blank in the workbook too.

import { callEngine, type EngineSettings, type Failure } from "../shared/client/api-client.js";
import type { Distribution, EducatorsResponse, GroupReport } from "../shared/contract/educators.js";
import { EDUCATOR_LEVELS, type Educator, type EducatorLevel, MEASURES } from "../shared/contract/educators.js";
import type { Problem } from "../shared/core/problems.js";
import { parseEducatorsRequest } from "../shared/educators/rating.js";
import { cellAddress, type LocatedProblem, squash, type TableCell, type TablePlace } from "../shared/tables/school-table.js";
import { traceInfo } from "./result-sheets.js";
import type { RunExcel } from "./score-flow.js";
import { type SheetContent, writeSheets } from "./sheet-writer.js";
import { readSource } from "./source-reader.js";
import { insertTableSheet, type Rule } from "./template.js";

export const EDUCATOR_TEMPLATE_SHEET = "SQII Educators";
export const EVALUATIONS_SHEET = "SQII Evaluations";
export const DISTRIBUTION_SHEET = "SQII Distribution";

/** Columns of the educator template, and the request field each fills. */
const COLUMNS = [
  ["Educator ID", "id"],
  ["Role", "role"],
  ["School", "school"],
  ["District", "district"],
  ["Practice", "practice"],
  ["Growth", "growth"],
  ["Growth 2", "growth2"],
  ["Surveys", "surveys"],
  ["Goals", "goals"],
] as const;
export const EDUCATOR_HEADER = COLUMNS.map(([header]) => header);
const LEVEL_LABELS: Record<EducatorLevel, string> = {
  ineffective: "Ineffective",
  developing: "Developing",
  effective: "Effective",
  highlyEffective: "Highly effective",
};

const normalise = (s: unknown) => squash(String(s ?? ""));

/** One template cell: a measure's rating (blank when absent), or the educator's own field. */
function cellOf(e: Educator, field: (typeof COLUMNS)[number][1]): TableCell {
  if (field === "id" || field === "role" || field === "school" || field === "district") return e[field];
  return e.measures[field] ?? null;
}

export function educatorRows(educators: readonly Educator[] = []): { header: string[]; rows: TableCell[][] } {
  const rows = educators.map((e) => COLUMNS.map(([, field]) => cellOf(e, field)));
  return { header: [...EDUCATOR_HEADER], rows: rows.length > 0 ? rows : [EDUCATOR_HEADER.map(() => null)] };
}

export function insertEducatorTemplate(context: Excel.RequestContext, sample?: readonly Educator[]): Promise<string> {
  const rating: Rule = { decimal: { formula1: 1, formula2: 4, operator: "Between" } };
  const rules: Record<string, { rule: Rule; message: string }> = {
    Role: { rule: { list: { inCellDropDown: true, source: "teacher,principal" } }, message: "Choose teacher or principal." },
  };
  for (const [header, field] of COLUMNS)
    if ((MEASURES as readonly string[]).includes(field)) rules[header] = { rule: rating, message: `${header}: a rating from 1.0 to 4.0.` };
  return insertTableSheet(context, {
    sheet: EDUCATOR_TEMPLATE_SHEET,
    tableName: "SQIIEducators",
    instructions: [
      ["How to fill in", "One row per educator. Practice is required; growth too under the weighted model."],
      ["Ratings", "Every measure is a rating from 1.0 to 4.0, converted by the district. Leave a cell blank when there is none."],
      ["Privacy", "These are personnel records: the public distribution hides groups of fewer than 10."],
    ],
    table: educatorRows(sample),
    rules,
  });
}

export interface EducatorTable {
  request: { educators: unknown[] };
  /** Problems of reading, each at its cell (a missing column is reported at the header). */
  problems: LocatedProblem[];
  /** The cell of a request path such as `educators[3].measures.growth`. */
  locate(path: string): string | undefined;
}

/** Reads the educator table (header row first); blank rows are skipped, blank cells are absent. */
export function readEducatorTable(values: readonly (readonly unknown[])[], place: TablePlace): EducatorTable {
  const header = (values[0] ?? []).map(normalise);
  const columnOf = new Map(COLUMNS.map(([label, field]) => [field, header.indexOf(normalise(label))] as const));
  const problems: LocatedProblem[] = [];
  for (const [label, field] of COLUMNS.slice(0, 5)) {
    if (columnOf.get(field)! < 0)
      problems.push({ path: "", message: `the table has no ${label} column`, cell: cellAddress(place.sheet, place.firstRow, place.firstColumn) });
  }
  const educators: unknown[] = [];
  const rowOf: number[] = [];
  values.slice(1).forEach((row, r) => {
    if (row.every((v) => v === "" || v === null || v === undefined)) return;
    const cell = (field: string) => {
      const c = columnOf.get(field as never) ?? -1;
      const v = c < 0 ? "" : row[c];
      return v === "" || v === null ? undefined : v;
    };
    const text = (field: string) => (cell(field) === undefined ? undefined : String(cell(field)).trim());
    const number = (field: string) => {
      const v = cell(field);
      return v === undefined ? undefined : typeof v === "number" ? v : Number.isNaN(Number(v)) ? v : Number(v);
    };
    const measures = Object.fromEntries(MEASURES.map((m) => [m, number(m)]).filter(([, v]) => v !== undefined));
    educators.push({ id: text("id"), role: text("role")?.toLowerCase(), school: text("school"), district: text("district"), measures });
    rowOf.push(place.firstRow + 1 + r);
  });
  const locate = (path: string) => {
    const match = /^educators\[(\d+)\](?:\.measures)?\.?(\w+)?/.exec(path);
    if (!match) return undefined;
    const row = rowOf[Number(match[1])];
    const column = columnOf.get((match[2] ?? "id") as never) ?? -1;
    return row === undefined ? undefined : cellAddress(place.sheet, row, place.firstColumn + Math.max(column, 0));
  };
  return { request: { educators }, problems, locate };
}

export function withCells(table: EducatorTable, problems: readonly Problem[]): LocatedProblem[] {
  return [...table.problems, ...problems.map((p) => ({ ...p, cell: table.locate(p.path) ?? "" }))];
}

function groupCells(g: GroupReport | undefined): TableCell[] {
  if (!g || g.suppressed) return [null, ...EDUCATOR_LEVELS.map(() => null), ...EDUCATOR_LEVELS.map(() => null), "Yes", g?.reason ?? null];
  return [g.rated, ...EDUCATOR_LEVELS.map((l) => g.counts![l]), ...EDUCATOR_LEVELS.map((l) => g.percents![l]), "No", null];
}

/** District rows first (the chart reads them), then schools; suppressed cells blank. */
export function distributionTable(d: Distribution): { header: string[]; rows: TableCell[][]; districtRows: number } {
  const header = [
    "Group",
    "Scope",
    "District",
    "Role",
    "Rated",
    ...EDUCATOR_LEVELS.map((l) => LEVEL_LABELS[l]),
    ...EDUCATOR_LEVELS.map((l) => `% ${LEVEL_LABELS[l]}`),
    "Suppressed",
    "Reason",
  ];
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

export function evaluationSheets(
  response: EducatorsResponse,
  educators: readonly { id?: unknown; role?: unknown; school?: unknown; district?: unknown }[],
  source: string,
  at: Date,
): { sheets: SheetContent[]; districtRows: number } {
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
  const dist = distributionTable(response.distribution);
  const sheets: SheetContent[] = [
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
      table: { header: dist.header, rows: dist.rows },
    },
  ];
  return { sheets, districtRows: dist.districtRows };
}

export type Rated = { ok: true; response: EducatorsResponse } | { ok: false; problems: LocatedProblem[]; failure?: Failure };

/** The Rate button: read the selection, check it here (cells), rate, write both sheets and the chart. */
export async function rateAndWrite(run: RunExcel, settings: EngineSettings, now = new Date()): Promise<Rated> {
  const source = await run((context) => readSource(context));
  const table = readEducatorTable(source.values, source.place);
  if (table.problems.length > 0) return { ok: false, problems: table.problems };
  const local = parseEducatorsRequest(table.request);
  if (!local.ok) return { ok: false, problems: withCells(table, local.problems) };
  const outcome = await callEngine("educators", table.request, settings);
  if (!outcome.ok)
    return outcome.kind === "invalid" ? { ok: false, problems: withCells(table, outcome.problems) } : { ok: false, problems: [], failure: outcome };
  const { sheets, districtRows } = evaluationSheets(outcome.value, table.request.educators as Educator[], source.address, now);
  await run(async (context) => {
    const report = await writeSheets(context, sheets);
    await chartDistribution(context, report.sheets[1]!.headerRow, districtRows);
  });
  return { ok: true, response: outcome.value };
}

const CHART_NAME = "SQII Distribution chart";

/** A stacked column chart of the level percentages of each district row (they come first). */
export async function chartDistribution(context: Excel.RequestContext, headerRow: number, districtRows: number): Promise<void> {
  if (districtRows === 0) return;
  const sheet = context.workbook.worksheets.getItem(DISTRIBUTION_SHEET);
  // Clearing cells leaves charts in place: remove this report's own chart so a re-run replaces it.
  const charts = sheet.charts.load("items/name");
  await context.sync();
  for (const old of charts.items) if (old.name === CHART_NAME) old.delete();
  // The four "% level" columns with their header (series names), then the rows' labels as categories.
  const percents = sheet.getRangeByIndexes(headerRow, 9, districtRows + 1, 4);
  const chart = sheet.charts.add("ColumnStacked100", percents, "Columns");
  chart.name = CHART_NAME;
  chart.title.text = "Educators by level, per district and role (%)";
  chart.axes.categoryAxis.setCategoryNames(sheet.getRangeByIndexes(headerRow + 1, 0, districtRows, 1));
  chart.setPosition(sheet.getRangeByIndexes(0, 4, 1, 1));
  await context.sync();
}
