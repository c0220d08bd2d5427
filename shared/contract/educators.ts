// Zod schemas for educator evaluation (methodology §11, api.md POST /v1/educators/score): the
// request, the config and the response. The engine's types are inferred from them, and the OpenAPI
// document is generated from them.
// A namespace import, not `{ z }`: `{ z }` is zod's namespace as one value, which esbuild keeps
// whole (all its locales too); property reads on `* as z` let the task pane's bundle keep only what it uses.
import * as z from "zod";
import { boundedNumber, describeValue, expecting, oneOf, wholeNumber } from "./messages.js";
import { MAX_SETTING, weight as weightIn } from "./requests.js";

export const EDUCATOR_LEVELS = ["ineffective", "developing", "effective", "highlyEffective"] as const;
export type EducatorLevel = (typeof EDUCATOR_LEVELS)[number];
export const ROLES = ["teacher", "principal"] as const;
export type Role = (typeof ROLES)[number];
export const MEASURES = ["practice", "growth", "growth2", "surveys", "goals"] as const;
export type Measure = (typeof MEASURES)[number];
/** The student-impact measures of the check model. */
export const IMPACT_MEASURES = ["growth", "growth2", "goals"] as const;

const rating = boundedNumber(1, 4, "a rating");
const text = z.string({ error: (iss) => `expected text, got ${describeValue(iss.input)}` }).min(1, { error: "expected text, got empty text" });

export const EducatorSchema = z.strictObject(
  {
    id: text,
    role: oneOf(ROLES),
    school: text,
    district: text,
    measures: z.strictObject(
      { practice: rating, growth: rating.optional(), growth2: rating.optional(), surveys: rating.optional(), goals: rating.optional() },
      expecting("the educator's measures (an object with practice and any of growth, growth2, surveys, goals)"),
    ),
  },
  expecting("an educator (an object with id, role, school, district, measures)"),
);

const weight = weightIn({ zero: true });
export const WeightsSchema = z.strictObject(
  { practice: weight, growth: weight, growth2: weight.optional(), surveys: weight, goals: weight },
  expecting("weights (an object keyed by measure)"),
);
export const CutsSchema = z
  .strictObject({ highlyEffective: rating, effective: rating, developing: rating }, expecting("cuts (an object with highlyEffective, effective, developing)"))
  .refine((c) => c.developing <= c.effective && c.effective <= c.highlyEffective, { error: "cuts must rise: developing ≤ effective ≤ highlyEffective" });

const modelKind = z.enum(["weighted", "check"], { error: (iss) => `expected weighted or check, got ${describeValue(iss.input)}` });

export const ModelSchema = z.strictObject(
  { model: modelKind, weights: WeightsSchema.partial().optional(), cuts: CutsSchema.optional() },
  expecting("a district's model (an object with model, weights, cuts)"),
);

/**
 * The most district models one config may hold. The count is checked before the models are: zod
 * gathers a record's problems into its parent's list in one call, and a million malformed models
 * would overflow the stack instead of making one problem.
 */
export const MAX_MODELS = 1000;

const districtModels = z
  .preprocess(
    (models, ctx) => {
      const count = typeof models === "object" && models !== null && !Array.isArray(models) ? Object.keys(models).length : 0;
      if (count > MAX_MODELS) ctx.issues.push({ code: "custom", message: `expected at most ${MAX_MODELS} district models, got ${count}`, input: models });
      return models;
    },
    z.record(z.string(), ModelSchema, expecting("district models (an object keyed by district)")),
  )
  .describe(`District name → model; at most ${MAX_MODELS} districts, any name`);

export const EducatorConfigSchema = z.strictObject(
  { models: districtModels.optional(), defaultModel: modelKind.optional(), minReport: wholeNumber(1, "a minimum group size", MAX_SETTING).optional() },
  expecting("an educator config (an object with models, defaultModel, minReport)"),
);

export const EducatorsRequestSchema = z.strictObject(
  { config: EducatorConfigSchema.optional(), educators: z.array(EducatorSchema, expecting("a list of educators")) },
  expecting("a JSON object"),
);

export const IMPACTS = ["low", "moderate", "high", "insufficient"] as const;
export type Impact = (typeof IMPACTS)[number];

export const EducatorResultSchema = z.object({
  id: z.string(),
  status: z.enum(["rated", "unrated"]),
  level: z.enum(EDUCATOR_LEVELS).nullable(),
  /** Weighted model: the composite, to 6 decimals. */
  composite: z.number().nullable(),
  /** Check model: the level practice alone gives, and the impact rating. */
  practiceLevel: z.enum(EDUCATOR_LEVELS).nullable(),
  impact: z.enum(IMPACTS).nullable(),
  measuresUsed: z.array(z.enum(MEASURES)),
  flags: z.array(z.string()),
  reasons: z.array(z.string()),
});

const levelCounts = z.object({ ineffective: z.number(), developing: z.number(), effective: z.number(), highlyEffective: z.number() });
/** One group of the public report; a suppressed group has null counts and percents, and a reason. */
export const GroupReportSchema = z.object({
  rated: z.number().int().nullable(),
  counts: levelCounts.nullable(),
  percents: levelCounts.nullable(),
  suppressed: z.boolean(),
  reason: z.string().nullable(),
});
const byRole = z.object({ teacher: GroupReportSchema.optional(), principal: GroupReportSchema.optional() });
export const DistributionSchema = z.object({
  districts: z.record(z.string(), byRole),
  schools: z.record(z.string(), byRole.extend({ district: z.string() })),
});

export const EducatorsResponseSchema = z.object({
  methodologyVersion: z.string(),
  configHash: z.string(),
  results: z.array(EducatorResultSchema),
  distribution: DistributionSchema,
});

export type Educator = z.infer<typeof EducatorSchema>;
export type EducatorResult = z.infer<typeof EducatorResultSchema>;
export type GroupReport = z.infer<typeof GroupReportSchema>;
export type Distribution = z.infer<typeof DistributionSchema>;
export type EducatorsResponse = z.infer<typeof EducatorsResponseSchema>;
export type Weights = z.infer<typeof WeightsSchema>;
export type Model = z.infer<typeof ModelSchema>;
export type Cuts = z.infer<typeof CutsSchema>;
export type EducatorConfig = z.infer<typeof EducatorConfigSchema>;
export type EducatorsRequest = z.infer<typeof EducatorsRequestSchema>;

export const DEFAULT_WEIGHTS: Weights = { practice: 0.5, growth: 0.3, surveys: 0.1, goals: 0.1 };
export const DEFAULT_CUTS: Cuts = { highlyEffective: 3.5, effective: 2.5, developing: 1.75 };
export const DEFAULT_MIN_REPORT = 10;
/** §11: student growth must weigh at least this share of the total. */
export const MIN_GROWTH_SHARE = 0.2;
