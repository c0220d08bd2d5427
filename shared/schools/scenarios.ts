// §10 scenarios: several configs over the same schools, side by side, with what changed against the
// first (the baseline). Each scenario's config = default ⊕ request config ⊕ scenario config.
import { type ConfigLayer, configHash, resolveConfig } from "../contract/config.js";
import { crossChecks, duplicatesIn, parseWith, type RequestParser } from "../contract/parse.js";
import { type Config, MAX_SCENARIOS, type ScenariosRequest, ScenariosRequestSchema, type School } from "../contract/requests.js";
import type { ScenariosResponse } from "../contract/responses.js";
import { METHODOLOGY_VERSION } from "../core/model.js";
import { roundHalfAway } from "../core/numbers.js";
import { type Parsed, type Problem, pushAll } from "../core/problems.js";
import { type Assessment, assessSchools, indexOf } from "./assessment.js";
import { schoolFacts } from "./designation-facts.js";
import { jsonPieces, type Lazy, LazyList, whole } from "./json-pieces.js";
import { type LevelGrid, levelGrid, scalesKey } from "./level-grid.js";
import { scalesFor } from "./levels.js";
import { schoolTable } from "./school-table.js";
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

/**
 * The same schools under each config, computing once what the configs share: one level grid per set
 * of cut points and SpEd reference (at the smallest minN among them: a larger minN reads fewer of
 * its groups), and one ranking of the pool per set of scores and gaps (configs that differ only in
 * shares, or in nothing a score depends on, rank the pool once).
 */
export function assessScenarios(schools: readonly School[], configs: readonly Config[], year?: number): Assessment[] {
  const keys = configs.map((config) => scalesKey(scalesFor(config)));
  const smallestMinN = new Map<string, number>();
  for (const [i, key] of keys.entries()) smallestMinN.set(key, Math.min(smallestMinN.get(key) ?? Infinity, configs[i]!.minN));
  const table = schoolTable(schools);
  const facts = schoolFacts(schools, year);
  const grids = new Map<string, LevelGrid>();
  const runs: Assessment[] = [];
  configs.forEach((config, i) => {
    const key = keys[i]!;
    let grid = grids.get(key);
    if (!grid) {
      grid = levelGrid(table, scalesFor(config), smallestMinN.get(key)!);
      grids.set(key, grid);
    }
    runs.push(assessSchools(schools, config, year, { grid, facts, earlier: runs }));
  });
  return runs;
}

/** The comparison with its per-school list made as it is read: for writing out with `jsonPieces`. */
export async function scenariosResponse({ request, configs }: ParsedScenarios): Promise<Lazy<ScenariosResponse, "schools">> {
  const runs = assessScenarios(request.schools, configs, request.year);
  const names = request.scenarios.map((s) => s.name);
  const scenarios = await Promise.all(
    runs.map(async (a, i) => ({
      name: names[i]!,
      configHash: await configHash(a.config),
      summary: summarize(a),
    })),
  );
  const [baseline, ...others] = runs;
  const base = baseline!;
  const schools = new LazyList(request.schools.length, (s) => {
    const byScenario = runs.map((a) => ({
      status: a.scores[s] === null ? ("unscored" as const) : ("scored" as const),
      index: indexOf(a, s),
      designation: a.designations.get(s),
    }));
    const from = byScenario[0]!;
    const changes = others.map((a, k) => {
      const to = byScenario[k + 1]!;
      const before = base.scores[s]!;
      const after = a.scores[s]!;
      const comparable = before !== null && after !== null;
      return {
        scenario: names[k + 1]!,
        // Deltas of the unrounded scores, rounded once, so ranking and reporting agree.
        scoreDelta: comparable ? roundHalfAway(after - before, 1) : null,
        levelDelta: comparable ? to.index!.level - from.index!.level : null,
        designationFrom: from.designation.type,
        designationTo: to.designation.type,
      };
    });
    return { id: request.schools[s]!.id, byScenario, changes };
  });
  return { methodologyVersion: METHODOLOGY_VERSION, scenarios, schools };
}

export async function compareScenarios(parsed: ParsedScenarios): Promise<ScenariosResponse> {
  return whole<ScenariosResponse>(await scenariosResponse(parsed));
}

/** Parse and compare: the whole of `POST /v1/scenarios`. */
export async function runScenarios(body: unknown): Promise<Parsed<ScenariosResponse>> {
  const parsed = parseScenariosRequest(body);
  if (!parsed.ok) return parsed;
  return { ok: true, value: await compareScenarios(parsed.value) };
}

/** The same answer as `runScenarios`, as JSON text in pieces (joined: JSON.stringify of its value). */
export async function runScenariosJson(body: unknown): Promise<Parsed<Iterable<string>>> {
  const parsed = parseScenariosRequest(body);
  if (!parsed.ok) return parsed;
  return { ok: true, value: jsonPieces(await scenariosResponse(parsed.value)) };
}
