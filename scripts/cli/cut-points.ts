// `npm run cut-points`: norm cut points (methodology §3) from a reference year's schools, written
// into a workbook's SQII Config sheet (its cut-point block replaced, the other blocks and every
// other sheet kept), or as a config patch JSON, or the API's answer on stdout. A district runs it
// once on its base year and scores every later year against the frozen cut points.
import { access, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { callEngine } from "../../shared/client/api-client.js";
import { mergePatches } from "../../shared/contract/config.js";
import { DEFAULT_CONFIG } from "../../shared/contract/default-config.js";
import type { CutPointsResponse } from "../../shared/contract/responses.js";
import type { Problem } from "../../shared/core/problems.js";
import { cutPointsSummary, withNormCutPoints } from "../../shared/reports/config-report.js";
import { type LocatedProblem, problemLine } from "../../shared/tables/cells.js";
import type { ConfigSheetRead } from "../../shared/tables/config-sheet.js";
import { readTable } from "../../shared/tables/school-table.js";
import { workbookRequest } from "../../shared/tables/workbook-request.js";
import { runCommand, UsageError } from "./command.js";
import { writeBlockSheetInto } from "./config-file.js";
import { readJson } from "./json-file.js";
import { readInputSheet, readTableFile } from "./table-files.js";
import { readConfigFile } from "./workbook-config.js";

const USAGE = `usage: npm run cut-points -- <reference.xlsx|csv|json> [--out book.xlsx|cut-points.json] [--config c.json] [--api URL] [--key KEY]

  Norm cut points from a reference (base) year: the deciles of each indicator's All Students values.
  <reference>   the base year's schools: a table (long or wide, as npm run score reads it) or a
                POST /v1/cut-points request (a score request's "year" is left out)
  --out x.xlsx  writes the cut points into x.xlsx's SQII Config sheet, replacing its cut-point block
                and keeping everything else (the sheet is made, with the default config, if missing;
                x.xlsx may be the reference file itself, or a new file)
  --out x.json  writes {"cutPoints": …}, a config to give npm run score as --config
  (no --out)    prints the API's answer (cutPoints, counts, skipped) on stdout
  --config      a partial config (JSON) over the workbook's SQII Config; only minN and spedReference matter
  --api, --key  compute on a running Worker, as for npm run score

  The config is the SQII Config of the --out workbook when it has one, else the reference file's.
`;

interface Options {
  input: string;
  out?: string;
  config?: string;
  api?: string;
  key?: string;
}

/** node:util's parser, its own errors as usage errors. */
function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: "string" }, config: { type: "string" }, api: { type: "string" }, key: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function parseOptions(argv: string[]): Options | "help" {
  const parsed = parseCommandLine(argv);
  const { values, positionals } = parsed;
  if (values.help) return "help";
  if (positionals.length !== 1)
    throw new UsageError(positionals.length === 0 ? "no reference file given" : `one reference file expected, got ${positionals.length}`);
  const input = positionals[0]!;
  if (![".xlsx", ".csv", ".json"].includes(extension(input)))
    throw new UsageError(`cannot read ${JSON.stringify(input)}: expected an .xlsx, .csv or .json file`);
  const out = values.out;
  if (out !== undefined && ![".xlsx", ".json"].includes(extension(out)))
    throw new UsageError(`cannot write ${JSON.stringify(out)}: expected an .xlsx or .json file`);
  const api = values.api;
  if (api !== undefined && !/^https?:\/\/[^/]+/.test(api)) throw new UsageError(`--api expects a URL like http://127.0.0.1:8787, got ${JSON.stringify(api)}`);
  const key = values.key ?? process.env.SQII_API_KEY;
  return {
    input,
    ...(out !== undefined && { out }),
    ...(values.config !== undefined && { config: values.config }),
    ...(api !== undefined && { api: api.replace(/\/+$/, "") }),
    ...(key !== undefined && { key }),
  };
}

const extension = (file: string) => path.extname(file).toLowerCase();
const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/** The SQII Config the cut points are for: the --out workbook's, else the reference file's. */
async function targetConfig(options: Options): Promise<ConfigSheetRead | null> {
  if (options.out && extension(options.out) === ".xlsx" && (await exists(options.out))) {
    const own = await readConfigFile(options.out);
    if (own) return own;
  }
  return readConfigFile(options.input);
}

/** The request, and its problems told at the reference table's cells and the config sheet's. */
async function referenceRequest(options: Options, sheet: ConfigSheetRead | null, extra: unknown) {
  if (extension(options.input) === ".json") {
    // A request file: its own config over the workbook's, --config over both.
    const { year: _year, config: own, ...body } = (await readJson(options.input)) as Record<string, unknown>;
    const config = mergePatches(mergePatches(sheet?.patch, own), extra);
    const fromSheetOnly = sheet !== null && own === undefined && extra === undefined;
    const problems = (engine: readonly Problem[] = []): LocatedProblem[] => [
      ...(sheet?.problems ?? []),
      // The sheet's problems are read at its cells; the engine's repeat of them is left out.
      ...engine.filter((p) => !(fromSheetOnly && p.path.startsWith("config"))),
    ];
    return { body: { ...body, ...(config !== undefined && { config }) }, problems, source: path.basename(options.input) };
  }
  const file = await readTableFile(options.input);
  const read = readTable(file.values, file, file.numberFormats ? { numberFormats: file.numberFormats } : {});
  const located = workbookRequest(read, { sheet, reference: true, ...(extra !== undefined && { extra }) });
  return { body: located.request, problems: located.problems, source: `${path.basename(options.input)} (sheet ${file.sheet})` };
}

function reportProblems(problems: readonly LocatedProblem[]): number {
  for (const problem of problems) process.stderr.write(`${problemLine(problem)}\n`);
  process.stderr.write(`${problems.length} problem${problems.length === 1 ? "" : "s"}; no cut points were computed.\n`);
  return 1;
}

async function write(options: Options, response: CutPointsResponse, sheet: ConfigSheetRead | null, source: string): Promise<string> {
  if (!options.out) {
    process.stdout.write(`${JSON.stringify(response)}\n`);
    return "";
  }
  if (extension(options.out) === ".json") {
    await writeFile(options.out, `${JSON.stringify({ cutPoints: response.cutPoints }, null, 2)}\n`);
    return ` Written to ${path.resolve(options.out)}.`;
  }
  // The sheet to change is the --out workbook's own (or none: a new one there).
  // An indicator skipped keeps the cut points it has: those of the config read (the --out
  // workbook's own when it has one), or the default's.
  const own = (await exists(options.out)) ? await readInputSheet(options.out, "config") : null;
  const content = withNormCutPoints(own, sheet?.config ?? DEFAULT_CONFIG, response, { source, at: new Date() });
  const replaced = await writeBlockSheetInto(options.out, content);
  return ` ${replaced ? "Replaced the cut-point block of" : "Wrote"} sheet "${content.sheet}" in ${path.resolve(options.out)}.`;
}

async function cutPoints(options: Options): Promise<number> {
  const extra = options.config === undefined ? undefined : await readJson(options.config);
  const sheet = await targetConfig(options);
  const { body, problems, source } = await referenceRequest(options, sheet, extra);
  if (problems().length > 0) return reportProblems(problems());
  const outcome = await callEngine("cutPoints", body, { endpoint: options.api ?? "local", ...(options.key && { apiKey: options.key }), timeoutMs: 300_000 });
  if (!outcome.ok) {
    if (outcome.kind === "invalid") return reportProblems(problems(outcome.problems));
    throw new Error(outcome.message);
  }
  const written = await write(options, outcome.value, sheet, source);
  process.stderr.write(`Cut points from ${source}: ${cutPointsSummary(outcome.value)}${written}\n`);
  return 0;
}

process.exitCode = await runCommand("cut-points", USAGE, process.argv.slice(2), parseOptions, cutPoints);
