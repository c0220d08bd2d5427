// Methodology §11 educator config: each district's model (weighted or check, with weights and cuts)
// over the defaults, the rule that student growth weighs at least 20% in a weighted model, and the
// hash that traces a rating to the exact config that made it.
import { canonicalJson, sha256Hex } from "../contract/config.js";
import {
  type Cuts,
  DEFAULT_CUTS,
  DEFAULT_MIN_REPORT,
  DEFAULT_WEIGHTS,
  type EducatorConfig,
  EducatorConfigSchema,
  MEASURES,
  MIN_GROWTH_SHARE,
  ModelSchema,
  type Weights,
} from "../contract/educators.js";
import { round6, roundHalfAway } from "../core/numbers.js";
import { type Parsed, type Problem, problemAt, problemsFromZod } from "../core/problems.js";

export interface DistrictModel {
  model: "weighted" | "check";
  weights: Weights;
  cuts: Cuts;
}

export interface ResolvedEducatorConfig {
  models: Record<string, DistrictModel>;
  defaultModel: DistrictModel;
  minReport: number;
}

/** Each district's model over the defaults; a weighted model with growth under 20% is a problem. */
export function resolveEducatorConfig(config: EducatorConfig | undefined, input?: unknown): Parsed<ResolvedEducatorConfig> {
  const problems: Problem[] = [];
  const build = (model: "weighted" | "check", weights?: Partial<Weights>, cuts?: Cuts): DistrictModel => ({
    model,
    weights: { ...DEFAULT_WEIGHTS, ...weights },
    cuts: cuts ?? DEFAULT_CUTS,
  });
  const models: Record<string, DistrictModel> = {};
  for (const [district, m] of Object.entries(config?.models ?? {})) {
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
    models[district] = resolved;
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { models, defaultModel: build(config?.defaultModel ?? "weighted"), minReport: config?.minReport ?? DEFAULT_MIN_REPORT } };
}

/**
 * The config of an educators request, from the raw body. When the config's shape is wrong, those
 * problems are returned (the request's shape has them too), and the growth rule is still checked
 * for every district whose model is well formed, so both kinds are reported in one answer.
 */
export function educatorConfigOf(body: unknown): Parsed<ResolvedEducatorConfig> {
  const raw = (body as { config?: unknown } | null)?.config;
  const shape = EducatorConfigSchema.optional().safeParse(raw);
  if (shape.success) return resolveEducatorConfig(shape.data, body);
  const growth = resolveEducatorConfig({ models: wellFormedModels((raw as { models?: unknown } | null)?.models) }, body);
  return { ok: false, problems: [...problemsFromZod(shape.error.issues, body, ["config"]), ...(growth.ok ? [] : growth.problems)] };
}

function wellFormedModels(models: unknown): NonNullable<EducatorConfig["models"]> {
  const out: NonNullable<EducatorConfig["models"]> = {};
  if (typeof models !== "object" || models === null || Array.isArray(models)) return out;
  for (const [district, model] of Object.entries(models)) {
    const parsed = ModelSchema.safeParse(model);
    // zod drops a "__proto__" key from a record, so the shape-checked path never sees one either.
    if (parsed.success && district !== "__proto__") out[district] = parsed.data;
  }
  return out;
}

/** SHA-256 of the canonical resolved config, as for school scoring. */
export function educatorConfigHash(config: ResolvedEducatorConfig): Promise<string> {
  return sha256Hex(canonicalJson(config));
}
