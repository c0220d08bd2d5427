// Zod schemas for educator evaluation (methodology §11, api.md POST /v1/educators/score).
import { z } from "zod";
import { boundedNumber, wholeNumber } from "./schemas.js";

export const EDUCATOR_LEVELS = ["ineffective", "developing", "effective", "highlyEffective"] as const;
export type EducatorLevel = (typeof EDUCATOR_LEVELS)[number];
export const ROLES = ["teacher", "principal"] as const;
export type Role = (typeof ROLES)[number];
export const MEASURES = ["practice", "growth", "growth2", "surveys", "goals"] as const;
export type Measure = (typeof MEASURES)[number];
/** The student-impact measures of the check model. */
export const IMPACT_MEASURES = ["growth", "growth2", "goals"] as const;

const rating = boundedNumber(1, 4, "a rating");
const text = z.string({ error: (iss) => `expected text, got ${typeof iss.input}` }).min(1, { error: "expected text, got empty text" });

export const EducatorSchema = z.strictObject({
  id: text,
  role: z.enum(ROLES, { error: () => `expected one of ${ROLES.join(", ")}` }),
  school: text,
  district: text,
  measures: z.strictObject({ practice: rating, growth: rating.optional(), growth2: rating.optional(), surveys: rating.optional(), goals: rating.optional() }),
});

const weight = boundedNumber(0, 1e6, "a weight");
export const WeightsSchema = z.strictObject({ practice: weight, growth: weight, growth2: weight.optional(), surveys: weight, goals: weight });
export const CutsSchema = z
  .strictObject({ highlyEffective: rating, effective: rating, developing: rating })
  .refine((c) => c.developing <= c.effective && c.effective <= c.highlyEffective, { error: "cuts must rise: developing ≤ effective ≤ highlyEffective" });

export const ModelSchema = z.strictObject({
  model: z.enum(["weighted", "check"], { error: () => "expected weighted or check" }),
  weights: WeightsSchema.partial().optional(),
  cuts: CutsSchema.optional(),
});

export const EducatorConfigSchema = z.strictObject({
  models: z.record(z.string(), ModelSchema).optional(),
  defaultModel: z.enum(["weighted", "check"], { error: () => "expected weighted or check" }).optional(),
  minReport: wholeNumber(1, "a minimum group size").optional(),
});

export const EducatorsRequestSchema = z.strictObject({
  config: EducatorConfigSchema.optional(),
  educators: z.array(EducatorSchema),
});

export type Educator = z.infer<typeof EducatorSchema>;
export type Weights = z.infer<typeof WeightsSchema>;
export type Cuts = z.infer<typeof CutsSchema>;
export type EducatorConfig = z.infer<typeof EducatorConfigSchema>;
export type EducatorsRequest = z.infer<typeof EducatorsRequestSchema>;

export const DEFAULT_WEIGHTS: Weights = { practice: 0.5, growth: 0.3, surveys: 0.1, goals: 0.1 };
export const DEFAULT_CUTS: Cuts = { highlyEffective: 3.5, effective: 2.5, developing: 1.75 };
export const DEFAULT_MIN_REPORT = 10;
/** §11: student growth must weigh at least this share of the total. */
export const MIN_GROWTH_SHARE = 0.2;
