// §10 scenarios: several configs over the same schools, side by side, with what changed against the
// first (the baseline). Each scenario's config = default ⊕ request config ⊕ scenario config.
import { configHash, resolveConfig } from "../contract/config.js";
import { crossChecks } from "../contract/parse.js";
import { type Config, type ScenariosRequest, ScenariosRequestSchema } from "../contract/requests.js";
import type { ScenariosResponse } from "../contract/responses.js";
import { METHODOLOGY_VERSION } from "../core/model.js";
import { roundHalfAway } from "../core/numbers.js";
import { type Parsed, type Problem, problemAt, problemsFromZod } from "../core/problems.js";
import { evaluateSchools } from "./score.js";
import { summarize } from "./summary.js";

export interface ParsedScenarios {
  request: ScenariosRequest;
  configs: Config[];
}

export function parseScenariosRequest(body: unknown): Parsed<ParsedScenarios> {
  const shape = ScenariosRequestSchema.safeParse(body);
  const problems: Problem[] = shape.success ? [] : problemsFromZod(shape.error.issues, body);
  problems.push(...crossChecks(body), ...duplicateNames(body));
  if (!shape.success) return { ok: false, problems };

  const configs: Config[] = [];
  shape.data.scenarios.forEach((scenario, i) => {
    const config = resolveConfig(
      [
        { patch: shape.data.config, at: ["config"] },
        { patch: scenario.config, at: ["scenarios", i, "config"] },
      ],
      body,
    );
    if (config.ok) configs.push(config.value);
    else problems.push(...config.problems);
  });
  if (problems.length > 0) return { ok: false, problems: dedupe(problems) };
  return { ok: true, value: { request: shape.data, configs } };
}

/** Scenario names must tell the columns of a comparison apart. Reads the raw body, like crossChecks. */
function duplicateNames(body: unknown): Problem[] {
  const scenarios = (body as { scenarios?: unknown } | null)?.scenarios;
  if (!Array.isArray(scenarios)) return [];
  const seen = new Set<string>();
  const problems: Problem[] = [];
  scenarios.forEach((scenario: { name?: unknown } | null, i) => {
    const name = scenario?.name;
    if (typeof name !== "string") return;
    if (seen.has(name)) problems.push(problemAt(["scenarios", i, "name"], body, `duplicate scenario name ${JSON.stringify(name)}`));
    seen.add(name);
  });
  return problems;
}

/** A bad top-level config shows up once per scenario; say it once. */
function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function compareScenarios({ request, configs }: ParsedScenarios): Promise<ScenariosResponse> {
  const runs = configs.map((config) => ({ config, evaluation: evaluateSchools(request.schools, config, request.year) }));
  const scenarios = await Promise.all(
    runs.map(async ({ config, evaluation }, i) => ({
      name: request.scenarios[i]!.name,
      configHash: await configHash(config),
      summary: summarize(request.schools, evaluation.results, evaluation.scores, evaluation.poolSize, config),
    })),
  );
  const [baseline, ...others] = runs;
  const schools = request.schools.map((school, s) => {
    const base = baseline!.evaluation;
    const byScenario = runs.map(({ evaluation }) => {
      const r = evaluation.results[s]!;
      return { status: r.status, index: r.index, designation: r.designation };
    });
    const changes = others.map(({ evaluation }, k) => {
      const from = base.results[s]!;
      const to = evaluation.results[s]!;
      const before = base.scores[s]!;
      const after = evaluation.scores[s]!;
      const comparable = before !== null && after !== null;
      return {
        scenario: request.scenarios[k + 1]!.name,
        // Deltas of the unrounded scores, rounded once, so ranking and reporting agree.
        scoreDelta: comparable ? roundHalfAway(after - before, 1) : null,
        levelDelta: comparable ? to.index!.level - from.index!.level : null,
        designationFrom: from.designation.type,
        designationTo: to.designation.type,
      };
    });
    return { id: school.id, byScenario, changes };
  });
  return { methodologyVersion: METHODOLOGY_VERSION, scenarios, schools };
}

/** Parse and compare: the whole of `POST /v1/scenarios`. */
export async function runScenarios(body: unknown): Promise<Parsed<ScenariosResponse>> {
  const parsed = parseScenariosRequest(body);
  if (!parsed.ok) return parsed;
  return { ok: true, value: await compareScenarios(parsed.value) };
}
