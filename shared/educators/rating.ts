// Methodology §11: rating educators under their district's model — weighted (a composite of the
// measures, growth at least 20% of the weight) or check (practice sets the level, a low
// student-impact rating caps it at effective) — and the request that carries them.
import { canonicalJson, sha256Hex } from "../contract/config.js";
import {
  type Cuts,
  DEFAULT_CUTS,
  DEFAULT_MIN_REPORT,
  DEFAULT_WEIGHTS,
  type Educator,
  type EducatorLevel,
  type EducatorResult,
  type EducatorsRequest,
  EducatorsRequestSchema,
  type EducatorsResponse,
  IMPACT_MEASURES,
  type Impact,
  MEASURES,
  type Measure,
  MIN_GROWTH_SHARE,
  type Weights,
} from "../contract/educators.js";
import { METHODOLOGY_VERSION } from "../core/model.js";
import { round6, roundHalfAway } from "../core/numbers.js";
import { type Parsed, type Problem, problemAt, problemsFromZod } from "../core/problems.js";
import { distribution } from "./distribution.js";

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

/** Level from the cuts, comparing after rounding to 6 decimals (§11). */
export function levelFor(value: number, cuts: Cuts): EducatorLevel {
  const v = round6(value);
  if (v >= round6(cuts.highlyEffective)) return "highlyEffective";
  if (v >= round6(cuts.effective)) return "effective";
  if (v >= round6(cuts.developing)) return "developing";
  return "ineffective";
}

function weighted(e: Educator, m: DistrictModel): EducatorResult {
  const base = { id: e.id, practiceLevel: null, impact: null, flags: [] as string[] };
  if (e.measures.growth === undefined) {
    return {
      ...base,
      status: "unrated",
      level: null,
      composite: null,
      measuresUsed: [],
      reasons: ["the weighted model needs a student growth measure; it is missing, so the educator is not rated (never re-weighted without growth)"],
    };
  }
  let sum = 0;
  let total = 0;
  const used: Measure[] = [];
  for (const measure of MEASURES) {
    const value = e.measures[measure];
    const w = m.weights[measure];
    if (value === undefined || !w) continue;
    sum += w * value;
    total += w;
    used.push(measure);
  }
  const composite = round6(sum / total);
  const level = levelFor(composite, m.cuts);
  return { ...base, status: "rated", level, composite, measuresUsed: used, reasons: [`composite ${composite} of ${used.join(", ")} → ${level}`] };
}

/** Mean of the impact measures present; at least two are needed. */
export function impactOf(e: Educator): { impact: Impact; used: Measure[] } {
  const used = IMPACT_MEASURES.filter((m) => e.measures[m] !== undefined);
  if (used.length < 2) return { impact: "insufficient", used };
  const mean = round6(used.reduce((s, m) => s + e.measures[m]!, 0) / used.length);
  return { impact: mean < 2 ? "low" : mean >= 3 ? "high" : "moderate", used };
}

const ABOVE_EFFECTIVE: readonly EducatorLevel[] = ["highlyEffective"];

function check(e: Educator, m: DistrictModel): EducatorResult {
  const practiceLevel = levelFor(e.measures.practice, m.cuts);
  const { impact, used } = impactOf(e);
  const flags: string[] = [];
  const reasons = [`practice ${e.measures.practice} → ${practiceLevel}`];
  let level = practiceLevel;
  if (impact === "insufficient") {
    flags.push("impactEvidenceMissing");
    reasons.push(`impact rating needs two of growth, growth2, goals; ${used.length} present`);
  } else {
    reasons.push(`impact ${impact} from ${used.join(", ")}`);
  }
  if (impact === "low") {
    flags.push("impactReview");
    if (ABOVE_EFFECTIVE.includes(level)) {
      level = "effective";
      reasons.push("low impact caps the level at effective");
    }
  }
  return { id: e.id, status: "rated", level, composite: null, practiceLevel, impact, measuresUsed: ["practice", ...used], flags, reasons };
}

export function rateEducator(e: Educator, config: ResolvedEducatorConfig): EducatorResult {
  const model = config.models[e.district] ?? config.defaultModel;
  return model.model === "weighted" ? weighted(e, model) : check(e, model);
}

/** Each district's model over the defaults; a weighted model with growth under 20% is a problem. */
export function resolveEducatorConfig(config: EducatorsRequest["config"], input?: unknown): Parsed<ResolvedEducatorConfig> {
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

export function parseEducatorsRequest(body: unknown): Parsed<{ request: EducatorsRequest; config: ResolvedEducatorConfig }> {
  const shape = EducatorsRequestSchema.safeParse(body);
  if (!shape.success) return { ok: false, problems: problemsFromZod(shape.error.issues, body) };
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  shape.data.educators.forEach((e, i) => {
    const first = seen.get(e.id);
    if (first !== undefined)
      problems.push(problemAt(["educators", i, "id"], body, `duplicate educator id ${JSON.stringify(e.id)} (first at educators[${first}])`));
    else seen.set(e.id, i);
  });
  const config = resolveEducatorConfig(shape.data.config, body);
  if (!config.ok) problems.push(...config.problems);
  if (problems.length > 0 || !config.ok) return { ok: false, problems };
  return { ok: true, value: { request: shape.data, config: config.value } };
}

/** SHA-256 of the canonical resolved config, as for school scoring. */
export function educatorConfigHash(config: ResolvedEducatorConfig): Promise<string> {
  return sha256Hex(canonicalJson(config));
}

/** Parse, rate and report: the whole of `POST /v1/educators/score`. Results in input order. */
export async function scoreEducators(body: unknown): Promise<Parsed<EducatorsResponse>> {
  const parsed = parseEducatorsRequest(body);
  if (!parsed.ok) return parsed;
  const { request, config } = parsed.value;
  const results = request.educators.map((e) => rateEducator(e, config));
  return {
    ok: true,
    value: {
      methodologyVersion: METHODOLOGY_VERSION,
      configHash: await educatorConfigHash(config),
      results,
      distribution: distribution(request.educators, results, config.minReport),
    },
  };
}
