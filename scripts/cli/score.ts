// The command-line door (api.md): score a JSON request, or a CSV/xlsx table of schools (with the
// workbook's SQII History; --roll-forward adds the scored year to it), or rate an educator table,
// from a file. Same engine and same reading of a table as the Worker and the add-in.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { callEngine } from "../../shared/client/api-client.js";
import type { Config, ScoreRequest } from "../../shared/contract/requests.js";
import type { ScoreResponse } from "../../shared/contract/responses.js";
import { type Parsed, unlisted } from "../../shared/core/problems.js";
import type { ScoredSchools } from "../../shared/reports/roll-forward.js";
import { resultSheets, resultsTable } from "../../shared/reports/score-report.js";
import { scoredRun } from "../../shared/reports/scored-run.js";
import { parseScoreRequest, scoreSchools } from "../../shared/schools/score.js";
import { cellAddress, columnLetters, type LocatedProblem, problemLine } from "../../shared/tables/cells.js";
import type { MappingReport } from "../../shared/tables/school-table.js";
import { readWorkbookData } from "../../shared/tables/workbook-request.js";
import { runCommand, UsageError } from "./command.js";
import { educatorHeaderRow, rateEducatorFile } from "./educators.js";
import { rewriteRefusal, rollForwardFile } from "./history-file.js";
import { readJson } from "./json-file.js";
import { withOverrides } from "./request-file.js";
import { readInputSheet, readTableFile, type TableFile } from "./table-files.js";
import { readConfigFile, workbookConfig } from "./workbook-config.js";
import { writeCsv, writeWorkbook } from "./xlsx-writer.js";

const USAGE = `usage: npm run score -- <schools.json|csv|xlsx> [--config c.json] [--out results.json|xlsx|csv] [--year 2014] [--roll-forward]

  JSON in:      a POST /v1/score request; the response JSON goes to stdout, or to --out.
  CSV/xlsx in:  a table of schools, long or wide format (sheet "Data" or the first sheet);
                results go to --out, by default <input>.results.xlsx beside the input.
                Problems are listed by cell, e.g. Data!H14: ...
                An xlsx's SQII History sheet is each school's history; rows it cannot use
                are listed as notes (note: 'SQII History'!A7: ...) and do not stop scoring.
  Educators:    an xlsx or CSV whose table has Educator ID, Role and Practice columns is rated
                (methodology §11) under its SQII Evaluation Config sheet; results: SQII Evaluations
                and SQII Distribution (the distribution's chart is drawn by the add-in only).
  --roll-forward  after scoring an xlsx, add the year's results (year, index, designation, ALL
                graduation) to its SQII History sheet (created if absent; a school's row for that
                year is replaced), so next year's data needs no history typed by hand
  --out         .xlsx: the add-in's sheets (SQII Results, Subgroups, Indicators, Partnerships,
                Districts); .csv: SQII Results alone; .json: the response
  --config      a partial config (JSON), merged over the request's own or an xlsx's SQII Config sheet (for educators: an
                educator config, merged over SQII Evaluation Config)
  --year        the year being scored (overrides the table's Year column)
  --api URL     score on a running Worker (e.g. http://127.0.0.1:8787 from npm start) instead of here
  --key KEY     its API key, if it has API_KEYS (or set SQII_API_KEY)
`;

const INPUTS = [".json", ".csv", ".xlsx"];
const OUTPUTS = [".json", ".xlsx", ".csv"];

interface Options {
  input: string;
  config?: string;
  out?: string;
  year?: number;
  api?: string;
  key?: string;
  rollForward?: boolean;
}

/** node:util's parser, its own errors as usage errors. */
function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: "string" },
        out: { type: "string" },
        year: { type: "string" },
        api: { type: "string" },
        key: { type: "string" },
        "roll-forward": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function parseOptions(argv: string[]): Options | "help" {
  const { values, positionals } = parseCommandLine(argv);
  if (values.help) return "help";
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "no input file given" : `one input file expected, got ${positionals.length}`);
  const input = positionals[0]!;
  if (!INPUTS.includes(extension(input))) throw new UsageError(`cannot score ${JSON.stringify(input)}: expected a ${INPUTS.join(", ")} file`);
  if (values.out !== undefined && !OUTPUTS.includes(extension(values.out)))
    throw new UsageError(`cannot write ${JSON.stringify(values.out)}: expected a ${OUTPUTS.join(", ")} file`);
  if (values.api !== undefined && !/^https?:\/\/[^/]+/.test(values.api))
    throw new UsageError(`--api expects a URL like http://127.0.0.1:8787, got ${JSON.stringify(values.api)}`);
  if (values.year !== undefined && !/^\d{4}$/.test(values.year)) throw new UsageError(`--year expects a year like 2014, got ${JSON.stringify(values.year)}`);
  if (values["roll-forward"] && extension(input) !== ".xlsx")
    throw new UsageError("--roll-forward writes into the workbook's SQII History: give an .xlsx file");
  if (values["roll-forward"] && values.out !== undefined && path.resolve(values.out) === path.resolve(input))
    throw new UsageError("--roll-forward writes into the input workbook: give --out another file for the results");
  return {
    input,
    ...(values.config !== undefined && { config: values.config }),
    ...(values.out !== undefined && { out: values.out }),
    ...(values.year !== undefined && { year: Number(values.year) }),
    ...(values.api !== undefined && { api: values.api.replace(/\/+$/, "") }),
    ...((values.key ?? process.env.SQII_API_KEY) !== undefined && { key: values.key ?? process.env.SQII_API_KEY }),
    ...(values["roll-forward"] && { rollForward: true }),
  };
}

function extension(file: string): string {
  return path.extname(file).toLowerCase();
}

// ---------------------------------------------------------------- where scoring happens

/** The engine here, or POST /v1/score on a running Worker; problems come back the same either way. */
async function scoreWith(options: Options, body: unknown): Promise<Parsed<ScoreResponse>> {
  const outcome = await callEngine("score", body, { endpoint: options.api ?? "local", ...(options.key && { apiKey: options.key }), timeoutMs: 300_000 });
  if (outcome.ok) return outcome;
  if (outcome.kind === "invalid") return { ok: false, problems: outcome.problems, ...(outcome.total !== undefined && { total: outcome.total }) };
  // The hint is for an API that cannot be reached, not for one that answered.
  throw new Error(outcome.message + (outcome.kind === "network" ? " (npm start runs the Worker locally)" : ""));
}

// ---------------------------------------------------------------- the two kinds of input

async function scoreJson(options: Options, config: unknown): Promise<number> {
  const body = withOverrides(await readJson(options.input), config, options.year);
  const scored = await scoreWith(options, body);
  if (!scored.ok) return reportProblems(scored.problems, unlisted(scored));
  if (options.out === undefined) {
    process.stdout.write(`${JSON.stringify(scored.value)}\n`);
    return 0;
  }
  // The sheets need the checked request beside the answer (the groups' values, the targets).
  const checked = parseScoreRequest(body);
  if (!checked.ok) return reportProblems(checked.problems, unlisted(checked));
  await writeResults({ response: scored.value, checked: checked.value, source: path.basename(options.input), options }, options.out);
  process.stderr.write(`${summaryText(scored.value, options.out)}\n`);
  return 0;
}

async function scoreTable(options: Options, config: unknown): Promise<number> {
  const file = await readTableFile(options.input);
  const educators = educatorHeaderRow(file.values);
  if (educators !== undefined) return rateEducators(options, file, educators, config);
  // Refused before scoring, so that a workbook that cannot take the history is not half done.
  const refusal = options.rollForward ? await rewriteRefusal(options.input) : null;
  if (refusal) throw new Error(refusal);
  // The workbook's SQII Config sheet (its year scores, unless --year says otherwise; else the data's
  // latest Year, with the year before as the prior year), then SQII History.
  const sheet = await readConfigFile(options.input);
  const read = readWorkbookData(file, await readInputSheet(options.input, "history"), sheet, options.year);
  // --config over the sheet's config, --year over both.
  const workbook = workbookConfig(sheet, read, config, options.year, options.config);
  const body = workbook.request;
  // Checked here first, so every problem has its cell without a round trip to an API.
  const parsed = parseScoreRequest(body);
  const problems = workbook.problems(parsed.ok ? [] : parsed.problems);
  for (const note of read.notes) process.stderr.write(`note: ${problemLine(note)}\n`);
  if (problems.length > 0 || !parsed.ok) return reportProblems(problems, parsed.ok ? 0 : unlisted(parsed));
  let scored: ScoreResponse;
  if (options.api === undefined) scored = await scoreSchools(parsed.value.request, parsed.value.config);
  else {
    const remote = await scoreWith(options, body);
    if (!remote.ok) return reportProblems(workbook.problems(remote.problems), unlisted(remote));
    scored = remote.value;
  }
  const out = options.out ?? defaultOutput(options.input);
  // A reduce, not Math.max(...rows): a statewide sheet has more rows than a call takes arguments.
  const width = file.values.reduce((most, row) => Math.max(most, row.length), 0);
  const range = `${cellAddress(file.sheet, file.firstRow, file.firstColumn)}:${columnLetters(file.firstColumn + width - 1)}${file.firstRow + file.values.length - 1}`;
  await writeResults({ response: scored, checked: parsed.value, source: `${path.basename(options.input)}: ${range}`, config: workbook.source, options }, out);
  const configText = workbook.sheet ? ` Config from sheet ${JSON.stringify(workbook.sheet)}.` : "";
  process.stderr.write(`${readingText(file.sheet, read.mapping)}${configText} ${summaryText(scored, out)}\n`);
  return options.rollForward ? rollForward(options.input, scored, body as ScoredSchools) : 0;
}

/** The scored year into the input workbook's SQII History (the results are written already). */
async function rollForward(input: string, scored: ScoreResponse, request: ScoredSchools): Promise<number> {
  const rolled = await rollForwardFile(input, scored, request);
  if (!rolled.ok) {
    for (const problem of rolled.problems) process.stderr.write(`${problemLine(problem)}\n`);
    process.stderr.write("Nothing was rolled forward (the results are written).\n");
    return 1;
  }
  const { year, sheet, added, replaced } = rolled.write;
  process.stderr.write(
    `Rolled ${year} forward into ${sheet}${rolled.created ? " (new sheet)" : ""} of ${path.resolve(input)}: ${rowsText(added)} added, ${replaced} replaced.\n`,
  );
  return 0;
}

async function rateEducators(options: Options, file: TableFile, headerRow: number, config: unknown): Promise<number> {
  if (options.rollForward || options.year !== undefined) throw new UsageError("--roll-forward and --year are for school data, not an educator table");
  const rated = await rateEducatorFile(
    {
      input: options.input,
      out: options.out ?? defaultOutput(options.input),
      ...(options.api && { api: options.api }),
      ...(options.key && { key: options.key }),
      config,
    },
    file,
    headerRow,
  );
  if (!rated.ok) return reportProblems(rated.problems, rated.unlisted);
  process.stderr.write(`${rated.summary}\n`);
  return 0;
}

function defaultOutput(input: string): string {
  return path.join(path.dirname(input), `${path.basename(input, path.extname(input))}.results.xlsx`);
}

interface Outcome {
  response: ScoreResponse;
  checked: { request: ScoreRequest; config: Config };
  /** The header block's source: the input file's name, and for a table the range read. */
  source: string;
  /** What the config was made of (`sheet SQII Config + c.json`), when it is not the request's own. */
  config?: string;
  options: Options;
}

/** An xlsx gets the add-in's sheets, header blocks included; a CSV the results table; JSON the response. */
async function writeResults({ response, checked, source, config, options }: Outcome, out: string): Promise<void> {
  const kind = extension(out);
  if (kind === ".xlsx") {
    const run = await scoredRun(response, checked);
    await writeWorkbook(out, resultSheets(run, { source, at: new Date(), engine: options.api ?? "local", ...(config && { config }) }));
  } else if (kind === ".csv") await writeCsv(out, resultsTable(response));
  else await writeFile(out, `${JSON.stringify(response)}\n`);
}

/** Every problem listed, then "… and N more" for those the engine counted but did not list (api.md: the first 1,000). */
function reportProblems(problems: readonly LocatedProblem[], more: number): number {
  for (const problem of problems) process.stderr.write(`${problemLine(problem)}\n`);
  if (more > 0) process.stderr.write(`… and ${more} more\n`);
  const count = problems.length + more;
  process.stderr.write(`${count} problem${count === 1 ? "" : "s"}; nothing was scored.\n`);
  return 1;
}

const rowsText = (count: number) => `${count} row${count === 1 ? "" : "s"}`;

function readingText(sheet: string, mapping: MappingReport): string {
  const ignored = mapping.ignored.length > 0 ? `; ignored columns: ${mapping.ignored.join(", ")}` : "";
  return `Read sheet ${JSON.stringify(sheet)} (${mapping.format} format${ignored}).`;
}

function summaryText(response: ScoreResponse, out: string): string {
  const { schools, scored, unscored, designations } = response.summary;
  const counts = Object.entries(designations).map(([type, count]) => `${count} ${type}`);
  return `Scored ${scored} of ${schools} schools (${unscored} unscored). Designations: ${counts.join(", ")}. Results written to ${path.resolve(out)}.`;
}

// ---------------------------------------------------------------- main

async function score(options: Options): Promise<number> {
  const config = options.config === undefined ? undefined : await readJson(options.config);
  return extension(options.input) === ".json" ? await scoreJson(options, config) : await scoreTable(options, config);
}

process.exitCode = await runCommand("score", USAGE, process.argv.slice(2), parseOptions, score);
