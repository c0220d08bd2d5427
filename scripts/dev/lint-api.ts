// Lints the Worker's /openapi.json with a standard OpenAPI linter, Redocly CLI (its recommended
// rules, as redocly.yaml sets them), without starting a server: the app answers the request in
// process, once as a Worker without API keys and once with, since the two documents differ (the
// keyed one has the security scheme and the 401s). `npm run lint:api` prints the findings and fails
// on any; test/contract/openapi-lint.test.ts runs the same in `npm test`.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createApp } from "../../worker/app.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const REDOCLY = path.join(ROOT, "node_modules/@redocly/cli/bin/cli.js");
/** Where `wrangler dev` serves the API: the document names its own origin as the server. */
const ORIGIN = "http://127.0.0.1:8787";

export const VARIANTS = { open: {}, keyed: { API_KEYS: "a-key" } } as const;

export interface LintProblem {
  ruleId: string;
  severity: string;
  message: string;
  location: { pointer?: string }[];
}

export interface LintResult {
  file: string;
  errors: number;
  warnings: number;
  problems: LintProblem[];
}

/** The document a Worker with these settings serves, as parsed JSON. */
export async function servedDocument(env: Record<string, string>): Promise<Record<string, unknown>> {
  const response = await createApp().request(`${ORIGIN}/openapi.json`, {}, env);
  if (response.status !== 200) throw new Error(`/openapi.json answered ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

/** Runs Redocly on one document file; its JSON report, or an error saying why it did not run. */
export function lintFile(file: string): LintResult {
  const run = spawnSync(process.execPath, [REDOCLY, "lint", file, "--format=json"], {
    cwd: ROOT,
    encoding: "utf8",
    // No telemetry and no update check: the linter needs no network.
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    timeout: 120_000,
  });
  const start = run.stdout?.indexOf("{") ?? -1;
  if (start < 0) throw new Error(`redocly lint ${file} printed no report (exit ${run.status}): ${run.error ?? run.stderr?.slice(-2000)}`);
  const report = JSON.parse(run.stdout.slice(start)) as { totals: { errors: number; warnings: number }; problems: LintProblem[] };
  return { file, errors: report.totals.errors, warnings: report.totals.warnings, problems: report.problems };
}

/** Writes a document under tmp/ and lints it. */
export function lintDocument(name: string, document: unknown): LintResult {
  const dir = path.join(ROOT, "tmp");
  mkdirSync(dir, { recursive: true });
  const file = path.join("tmp", `openapi-${name}.json`);
  writeFileSync(path.join(ROOT, file), JSON.stringify(document, null, 2));
  return lintFile(file);
}

/** Both documents the Worker can serve, linted. */
export async function lintServedDocuments(): Promise<LintResult[]> {
  const results: LintResult[] = [];
  for (const [name, env] of Object.entries(VARIANTS)) results.push(lintDocument(name, await servedDocument(env)));
  return results;
}

export function describeProblems(result: LintResult): string[] {
  return result.problems.map((p) => `${result.file}: ${p.severity} ${p.ruleId} at ${p.location[0]?.pointer ?? "?"}: ${p.message}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await lintServedDocuments();
  for (const result of results) {
    for (const line of describeProblems(result)) console.log(line);
    console.log(`${result.file}: ${result.errors} errors, ${result.warnings} warnings`);
  }
  process.exitCode = results.some((r) => r.errors + r.warnings > 0) ? 1 : 0;
}
