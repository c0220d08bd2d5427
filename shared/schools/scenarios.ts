// §10 scenarios: several configs over the same schools, side by side, with what changed against the
// first (the baseline). Each scenario's config = default ⊕ request config ⊕ scenario config.
import { type ConfigLayer, configHash, resolveConfig } from "../contract/config.js";
import { crossChecks, duplicatesIn, parseWith, type RequestParser } from "../contract/parse.js";
import { type Config, MAX_SCENARIOS, type ScenariosRequest, ScenariosRequestSchema } from "../contract/requests.js";
import type { ScenariosResponse } from "../contract/responses.js";
import { METHODOLOGY_VERSION } from "../core/model.js";
import { roundHalfAway } from "../core/numbers.js";
import { type Parsed, type Problem, pushAll } from "../core/problems.js";
import { evaluateSchools } from "./score.js";
import { summarize } from "./summary.js";

export interface ParsedScenarios {
  request: ScenariosRequest;
  configs: Config[];
}

const SCENARIOS_REQUEST: RequestParser<ScenariosRequest, Config[]> = {
  schema: ScenariosRequestSchema,
  // Scenario names must tell the columns of a comparison apart.
  crossChecks: (body) => [
    ...crossChecks(body),
    ...duplicatesIn(body, "scenarios", "name", (name) => `duplicate scenario name ${JSON.stringify(name)}`, MAX_SCENARIOS),
  ],
  config: scenarioConfigs,
};

export function parseScenariosRequest(body: unknown): Parsed<ParsedScenarios> {
  const parsed = parseWith(SCENARIOS_REQUEST, body);
  if (!parsed.ok) return parsed;
  return { ok: true, value: { request: parsed.value.request, configs: parsed.value.config } };
}

/**
 * Each scenario's config: default ⊕ request config ⊕ scenario config, from the raw body, so a
 * scenario's config problems are found even when the rest of the request is wrong. Without a list
 * of scenarios the request's own config is still checked.
 */
function scenarioConfigs(body: unknown): Parsed<Config[]> {
  const raw = body as { config?: unknown; scenarios?: unknown } | null;
  const base: ConfigLayer = { patch: raw?.config, at: ["config"] };
  // A longer list is a shape problem; only this many scenario configs are resolved, so a huge list
  // cannot buy a config check per entry.
  const scenarios = Array.isArray(raw?.scenarios) ? raw.scenarios.slice(0, MAX_SCENARIOS) : [];
  if (scenarios.length === 0) {
    const own = resolveConfig([base], body);
    return own.ok ? { ok: true, value: [] } : own;
  }
  const configs: Config[] = [];
  const problems: Problem[] = [];
  scenarios.forEach((scenario: { config?: unknown } | null, i) => {
    const config = resolveConfig([base, { patch: scenario?.config, at: ["scenarios", i, "config"] }], body);
    if (config.ok) configs.push(config.value);
    else pushAll(problems, config.problems);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: configs };
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
