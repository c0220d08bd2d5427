// npm run report (api.md "School data report"): scores a file of schools in-process and writes one
// self-contained, printable HTML page per school and an index page listing them by designation.
// --public blanks every group under suppressBelow, as anything published must.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { schoolReports } from "../../shared/reports/school-report.js";
import type { SchoolReport } from "../../shared/reports/school-report-model.js";
import { parseScoreRequest, scoreSchools } from "../../shared/schools/score.js";
import { problemLine } from "../../shared/tables/cells.js";
import { runCommand, UsageError } from "./command.js";
import { readJson } from "./json-file.js";
import { indexPage, pageFiles, schoolPage } from "./report-page.js";
import { REQUEST_FILES, readRequestFile } from "./request-file.js";

const USAGE = `usage: npm run report -- <schools.json|csv|xlsx> --out <folder> [--school ID …] [--config c.json] [--year 2014] [--public]

  Scores the schools (as npm run score does) and writes <folder>/index.html and one page per school.
  --school     only this school (repeat for more); the pool is still the whole file
  --config     a partial config (JSON), merged over the request's own
  --year       the year being scored
  --public     blank every student group under suppressBelow ("fewer than N students")
`;

interface Options {
  input: string;
  out: string;
  schools: string[];
  config?: string;
  year?: number;
  public: boolean;
}

function parseOptions(argv: string[]): Options | "help" {
  let parsed: ReturnType<typeof parse>;
  const parse = () =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: "string" },
        school: { type: "string", multiple: true },
        config: { type: "string" },
        year: { type: "string" },
        public: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  try {
    parsed = parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "no input file given" : `one input file expected, got ${positionals.length}`);
  const input = positionals[0]!;
  if (!REQUEST_FILES.includes(path.extname(input).toLowerCase()))
    throw new UsageError(`cannot read ${JSON.stringify(input)}: expected a ${REQUEST_FILES.join(", ")} file`);
  if (values.out === undefined) throw new UsageError("--out <folder> is required");
  if (values.year !== undefined && !/^\d{4}$/.test(values.year)) throw new UsageError(`--year expects a year like 2014, got ${JSON.stringify(values.year)}`);
  return {
    input,
    out: values.out,
    schools: values.school ?? [],
    ...(values.config !== undefined && { config: values.config }),
    ...(values.year !== undefined && { year: Number(values.year) }),
    public: values.public === true,
  };
}

async function writePages(out: string, reports: readonly SchoolReport[]): Promise<void> {
  await mkdir(out, { recursive: true });
  const files = pageFiles(reports.map((r) => r.id));
  for (const report of reports) await writeFile(path.join(out, files.get(report.id)!), schoolPage(report));
  await writeFile(path.join(out, "index.html"), indexPage(reports, files));
}

async function run(options: Options): Promise<number> {
  const config = options.config === undefined ? undefined : await readJson(options.config);
  const file = await readRequestFile(options.input, { config, ...(options.year !== undefined && { year: options.year }) });
  const parsed = parseScoreRequest(file.body);
  const problems = file.locate(parsed.ok ? [] : parsed.problems);
  // Rows read but not used (as `npm run score` prints them): the report goes ahead.
  for (const note of file.notes) process.stderr.write(`note: ${problemLine(note)}\n`);
  if (problems.length > 0 || !parsed.ok) {
    for (const problem of problems) process.stderr.write(`${problemLine(problem)}\n`);
    process.stderr.write(`${problems.length} problem${problems.length === 1 ? "" : "s"}; no report was written.\n`);
    return 1;
  }
  const { request, config: resolved } = parsed.value;
  const unknown = options.schools.filter((id) => !request.schools.some((s) => s.id === id));
  if (unknown.length > 0) {
    process.stderr.write(`report: no school with id ${unknown.map((id) => JSON.stringify(id)).join(", ")} in ${options.input}\n`);
    return 1;
  }
  if (options.public && resolved.minN < resolved.suppressBelow) {
    process.stderr.write(
      `report: warning: minN ${resolved.minN} is under suppressBelow ${resolved.suppressBelow}, so suppressed groups still count in published levels; keep minN ≥ suppressBelow for public reports.\n`,
    );
  }
  const response = await scoreSchools(request, resolved);
  const reports = schoolReports(
    { response, schools: request.schools, config: resolved },
    { public: options.public },
    options.schools.length > 0 ? options.schools : undefined,
  );
  await writePages(options.out, reports);
  process.stderr.write(
    `Wrote ${reports.length} school page${reports.length === 1 ? "" : "s"} and index.html to ${path.resolve(options.out)}${options.public ? " (public)" : ""}.\n`,
  );
  return 0;
}

process.exitCode = await runCommand("report", USAGE, process.argv.slice(2), parseOptions, run);
