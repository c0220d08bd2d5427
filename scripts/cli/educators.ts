// Educator files from the command line (methodology §11): `npm run score -- staff.xlsx` on a sheet
// whose table has Educator ID, Role and Practice columns rates the educators under the workbook's
// SQII Evaluation Config (and --config, an educator config JSON merged over it), with every problem
// on its cell, and writes SQII Evaluations and SQII Distribution as the add-in does. The exceljs
// writer cannot draw charts, so the distribution's chart is the add-in's alone; the summary says so.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { callEngine } from "../../shared/client/api-client.js";
import type { EducatorsResponse } from "../../shared/contract/educators.js";
import { unlisted } from "../../shared/core/problems.js";
import { parseEducatorsRequest } from "../../shared/educators/rating.js";
import { evaluationSheets } from "../../shared/reports/evaluation-report.js";
import type { LocatedProblem } from "../../shared/tables/cells.js";
import { EDUCATOR_COLUMNS, readEducatorTable, withCells } from "../../shared/tables/educator-table.js";
import { readEvaluationConfig, withEvaluationConfig } from "../../shared/tables/evaluation-config.js";
import { findHeaderRow, sheetPart } from "../../shared/tables/header-search.js";
import { readInputSheet, type TableFile } from "./table-files.js";
import { writeCsv, writeWorkbook } from "./xlsx-writer.js";

/** The row of an educator table's header in the sheet's values (a title or notes may stand above it), or undefined. */
export function educatorHeaderRow(values: readonly (readonly unknown[])[]): number | undefined {
  // Role and Practice are what no school table has.
  return findHeaderRow(values, EDUCATOR_COLUMNS, ["id", "role", "practice"]);
}

export interface RateOptions {
  input: string;
  out: string;
  api?: string;
  key?: string;
  /** --config: an educator config (models, defaultModel, minReport), merged over the sheet's. */
  config?: unknown;
}

/** `unlisted`: problems the engine found beyond the ones it lists (it lists 1,000 at most). */
export type RatedFile = { ok: true; summary: string } | { ok: false; problems: LocatedProblem[]; unlisted: number };

export async function rateEducatorFile(options: RateOptions, file: TableFile, headerRow: number, now = new Date()): Promise<RatedFile> {
  const part = sheetPart(file, headerRow);
  const configSheet = await readInputSheet(options.input, "evaluationConfig");
  const table = withEvaluationConfig(readEducatorTable(part.values, part), configSheet && readEvaluationConfig(configSheet));
  if (table.problems.length > 0) return { ok: false, problems: table.problems, unlisted: 0 };
  const body = { ...table.request, ...withConfig((table.request as { config?: unknown }).config, options.config) };
  // Checked here first, so every problem has its cell without a round trip to an API.
  const local = parseEducatorsRequest(body);
  if (!local.ok) return { ok: false, problems: withCells(table, local.problems), unlisted: unlisted(local) };
  const outcome = await callEngine("educators", body, { endpoint: options.api ?? "local", ...(options.key && { apiKey: options.key }), timeoutMs: 300_000 });
  if (!outcome.ok) {
    if (outcome.kind === "invalid") return { ok: false, problems: withCells(table, outcome.problems), unlisted: unlisted(outcome) };
    throw new Error(outcome.message + (options.api ? " (npm start runs the Worker locally)" : ""));
  }
  await writeEvaluations(outcome.value, table.request.educators as { role?: unknown }[], `${file.sheet} (${path.basename(options.input)})`, options.out, now);
  const rated = outcome.value.results.filter((r) => r.status === "rated").length;
  const chart =
    path.extname(options.out).toLowerCase() === ".xlsx" ? " (the distribution's chart is drawn by the add-in only: the command line cannot draw charts)" : "";
  return {
    ok: true,
    summary: `Read sheet ${JSON.stringify(file.sheet)} (educators). Rated ${rated} of ${outcome.value.results.length} educators. Results written to ${path.resolve(options.out)}${chart}.`,
  };
}

/** `--config` over the sheet's config: a district's model given there replaces the sheet's; the other settings replace theirs. */
function withConfig(sheet: unknown, given: unknown): { config?: unknown } {
  if (given === undefined) return sheet === undefined ? {} : { config: sheet };
  if (!isObject(given) || !isObject(sheet)) return { config: given };
  const models = isObject(sheet.models) && isObject(given.models) ? { ...sheet.models, ...given.models } : (given.models ?? sheet.models);
  return { config: { ...sheet, ...given, ...(models !== undefined && { models }) } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function writeEvaluations(response: EducatorsResponse, educators: { role?: unknown }[], source: string, out: string, now: Date): Promise<void> {
  const sheets = evaluationSheets(response, educators, source, now);
  const kind = path.extname(out).toLowerCase();
  if (kind === ".xlsx") await writeWorkbook(out, sheets);
  else if (kind === ".csv") await writeCsv(out, sheets[0]!.table!);
  else await writeFile(out, `${JSON.stringify(response)}\n`);
}
