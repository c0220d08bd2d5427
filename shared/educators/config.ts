// Methodology §11 educator config: each district's model (weighted or check, with weights and cuts)
// over the defaults, the rule that student growth weighs at least 20% in a weighted model, and the
// hash that traces a rating to the exact config that made it. District names are the caller's
// text (api.md "Errors"): the models live in a Map, so a district called "__proto__" or
// "toString" is a district like any other, never a property of the program.
import { canonicalJson, sha256Hex } from "../contract/config.js";
import {
  type Cuts,
  DEFAULT_CUTS,
  DEFAULT_MIN_REPORT,
  DEFAULT_WEIGHTS,
  type EducatorConfig,
  EducatorConfigSchema,
  MAX_MODELS,
  MEASURES,
  MIN_GROWTH_SHARE,
  type Model,
  ModelSchema,
  type Weights,
} from "../contract/educators.js";
import { round6, roundHalfAway } from "../core/numbers.js";
import { type Parsed, type Problem, problemAt, problemsFromZod, pushAll } from "../core/problems.js";

export interface DistrictModel {
  model: "weighted" | "check";
  weights: Weights;
  cuts: Cuts;
}

export interface ResolvedEducatorConfig {
  /** District name → its model; districts not here use `defaultModel`. */
  models: ReadonlyMap<string, DistrictModel>;
  defaultModel: DistrictModel;
  minReport: number;
}

const build = (model: "weighted" | "check", weights?: Partial<Weights>, cuts?: Cuts): DistrictModel => ({
  model,
  weights: { ...DEFAULT_WEIGHTS, ...weights },
  cuts: cuts ?? DEFAULT_CUTS,
});

/**
 * Each district's model over the defaults; a weighted model with growth under 20% is a problem.
 * `models` defaults to the config's own entries (every own key, "__proto__" included).
 */
export function resolveEducatorConfig(
  config: EducatorConfig | undefined,
  input?: unknown,
  models: Iterable<[string, Model]> = Object.entries(config?.models ?? {}),
): Parsed<ResolvedEducatorConfig> {
  const problems: Problem[] = [];
  const resolvedModels = new Map<string, DistrictModel>();
  for (const [district, m] of models) {
    const resolved = build(m.model, m.weights, m.cuts);
    const total = MEASURES.reduce((s, k) => s + (resolved.weights[k] ?? 0), 0);
    if (resolved.model === "weighted" && (total === 0 || round6(resolved.weights.growth / total) < MIN_GROWTH_SHARE)) {
      const share = total === 0 ? 0 : roundHalfAway((100 * resolved.weights.growth) / total, 1);
      problems.push(
        problemAt(
          ["config", "models", district, "weights", "growth"],
          input,
          `district ${JSON.stringify(district)}: student growth is ${share}% of the weights; at least ${MIN_GROWTH_SHARE * 100}% is required`,
        ),
      );
    }
    resolvedModels.set(district, resolved);
  }
  if (problems.length > 0) return { ok: false, problems };
  const value = { models: resolvedModels, defaultModel: build(config?.defaultModel ?? "weighted"), minReport: config?.minReport ?? DEFAULT_MIN_REPORT };
  return { ok: true, value };
}

/**
 * The config of an educators request, from the raw body. The models are read from the body itself,
 * entry by entry: zod's records skip a "__proto__" key (to keep it off the prototype), and that is
 * a district name here. When the config's shape is wrong, those problems are returned (the
 * request's shape has them too), and the growth rule is still checked for every district whose
 * model is well formed, so both kinds are reported in one answer.
 */
export function educatorConfigOf(body: unknown): Parsed<ResolvedEducatorConfig> {
  const raw = (body as { config?: unknown } | null)?.config;
  const shape = EducatorConfigSchema.optional().safeParse(raw);
  const models = modelsOf((raw as { models?: unknown } | null)?.models, body);
  const resolved = resolveEducatorConfig(shape.success ? shape.data : undefined, body, models.wellFormed);
  if (shape.success && models.problems.length === 0) return resolved;
  const problems = shape.success ? [] : problemsFromZod(shape.error.issues, body, ["config"]);
  pushAll(problems, models.problems);
  if (!resolved.ok) pushAll(problems, resolved.problems);
  return { ok: false, problems };
}

/** Every own entry of `config.models`, each checked by ModelSchema: the well-formed ones, and the problems of the others. */
function modelsOf(models: unknown, body: unknown): { wellFormed: [string, Model][]; problems: Problem[] } {
  const wellFormed: [string, Model][] = [];
  const problems: Problem[] = [];
  // Too many models is one problem, the shape's: their entries are not checked one by one.
  if (typeof models !== "object" || models === null || Array.isArray(models) || Object.keys(models).length > MAX_MODELS) return { wellFormed, problems };
  for (const [district, model] of Object.entries(models)) {
    const parsed = ModelSchema.safeParse(model);
    if (parsed.success) wellFormed.push([district, parsed.data]);
    else pushAll(problems, problemsFromZod(parsed.error.issues, body, ["config", "models", district]));
  }
  return { wellFormed, problems };
}

/** SHA-256 of the canonical resolved config, as for school scoring (the models as an object keyed by district). */
export function educatorConfigHash(config: ResolvedEducatorConfig): Promise<string> {
  return sha256Hex(canonicalJson({ ...config, models: Object.fromEntries(config.models) }));
}
