// Methodology §11: rating educators under their district's model — weighted (a composite of the
// measures, growth at least 20% of the weight) or check (practice sets the level, a low
// student-impact rating caps it at effective) — and the request that carries them. The config each
// district's model comes from, with its 20% growth rule, is config.ts.
import {
  type Cuts,
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
} from "../contract/educators.js";
import { duplicatesIn, parseWith, type RequestParser } from "../contract/parse.js";
import { METHODOLOGY_VERSION } from "../core/model.js";
import { round6 } from "../core/numbers.js";
import type { Parsed } from "../core/problems.js";
import { type DistrictModel, educatorConfigHash, educatorConfigOf, type ResolvedEducatorConfig } from "./config.js";
import { distribution } from "./distribution.js";

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
  const model = config.models.get(e.district) ?? config.defaultModel;
  return model.model === "weighted" ? weighted(e, model) : check(e, model);
}

const EDUCATORS_REQUEST: RequestParser<EducatorsRequest, ResolvedEducatorConfig> = {
  schema: EducatorsRequestSchema,
  crossChecks: (body) => duplicatesIn(body, "educators", "id", (id, first) => `duplicate educator id ${JSON.stringify(id)} (first at educators[${first}])`),
  config: educatorConfigOf,
};

/** Shape, unique ids and the config (the growth rule per district), every problem at once. */
export function parseEducatorsRequest(body: unknown): Parsed<{ request: EducatorsRequest; config: ResolvedEducatorConfig }> {
  return parseWith(EDUCATORS_REQUEST, body);
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
