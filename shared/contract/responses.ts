// Zod schemas for what goes out (api.md). The engine's result types are inferred from these, and the
// Worker's OpenAPI document is generated from them, so the two cannot drift apart.
// A namespace import, as in requests.ts: keeps the task pane's bundle to the parts of zod it uses.
import * as z from "zod";
import {
  BANDS,
  CHANGE_CLASSES,
  COLORS,
  DESIGNATION_TYPES,
  DOMAINS,
  EVIDENCE,
  INDICATORS,
  SCHOOL_LEVELS,
  STAGES,
  STATUSES,
  SUBGROUPS,
  TITLE1_STATUSES,
} from "../core/model.js";

const indicatorCode = z.enum(INDICATORS);
const subgroupCode = z.enum(SUBGROUPS);

/** A machine-readable code with a sentence for people; `subgroups` names the groups involved. */
export const ReasonSchema = z.object({
  code: z.string(),
  message: z.string(),
  subgroups: z.array(subgroupCode).optional(),
});

export const IndicatorResultSchema = z.object({
  /** The ALL value as sent (for spedIdentification: the rate, not the distance). */
  value: z.number().nullable(),
  /** Combined level (§4), not rounded; null when the indicator is missing for the school. */
  level: z.number().nullable(),
  allLevel: z.number().int().nullable(),
  subgroupLevel: z.number().nullable(),
  /** Band of the ALL level, as CORE's school reports show it. */
  band: z.enum(BANDS).nullable(),
  weight: z.number(),
  points: z.number(),
  /** Signed change of the ALL value needed for one, two and three levels more. */
  // The OpenAPI generator writes a tuple as prefixItems alone, which allows any length; the meta says three.
  changeNeeded: z.tuple([z.number().nullable(), z.number().nullable(), z.number().nullable()]).meta({ minItems: 3, maxItems: 3 }),
  /** §13: the prior year's ALL value (as sent) and level; null unless both years have an ALL level. */
  prior: z.object({ value: z.number(), allLevel: z.number().int() }).nullable(),
  /** §13: allLevel − prior.allLevel. */
  change: z.number().int().nullable(),
  /** §13: status × change and its colour on the five-by-five grid. */
  performance: z.object({ status: z.enum(STATUSES), change: z.enum(CHANGE_CLASSES), color: z.enum(COLORS) }).nullable(),
  /** Why a level is missing: `noValue` or `belowMinN`. */
  missing: z.enum(["noValue", "belowMinN"]).optional(),
});

export const SubgroupReportSchema = z.object({
  n: z.number().int(),
  accountable: z.boolean(),
  flags: z.array(z.string()),
  /** Levels of this group's own values (accountable groups only). */
  levels: z.partialRecord(indicatorCode, z.number().int()),
  /** Mean of its ELA and math levels (§12 academic level). */
  academicLevel: z.number().nullable(),
  /** §13: academic level now − in the prior year, when the group is accountable with one in both. */
  academicChange: z.number().nullable(),
});

export const DomainResultSchema = z.object({ weight: z.number(), meanLevel: z.number() });

export const SchoolResultSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  district: z.string().nullable(),
  level: z.enum(SCHOOL_LEVELS),
  title1: z.enum(TITLE1_STATUSES),
  status: z.enum(["scored", "unscored"]),
  reasons: z.array(ReasonSchema),
  index: z
    .object({
      score: z.number(),
      level: z.number().int(),
      band: z.enum(BANDS),
      /** §13: the prior year's score, scored with this year's rules; null without a scored prior year. */
      priorScore: z.number().nullable(),
      /** §13: score − priorScore on the unrounded scores, to one decimal. */
      change: z.number().nullable(),
    })
    .nullable(),
  domains: z.record(z.enum(DOMAINS), DomainResultSchema.nullable()),
  indicators: z.partialRecord(indicatorCode, IndicatorResultSchema),
  subgroups: z.partialRecord(subgroupCode, SubgroupReportSchema),
  gap: z.object({ value: z.number(), highest: z.array(subgroupCode), lowest: z.array(subgroupCode) }).nullable(),
  designation: z.object({
    type: z.enum(DESIGNATION_TYPES),
    reasons: z.array(ReasonSchema),
    stage: z.enum(STAGES).nullable(),
    yearsInStatus: z.number().int(),
  }),
});

const designationCounts = z.record(z.enum(DESIGNATION_TYPES), z.number().int());

export const RollupSchema = z.object({
  district: z.string(),
  schools: z.number().int(),
  scored: z.number().int(),
  unscored: z.number().int(),
  meanIndex: z.number().nullable(),
  weightedMeanIndex: z.number().nullable(),
  designations: designationCounts,
  studentsInPriority: z.number().int(),
  studentsInFocus: z.number().int(),
});

export const NSizeImpactSchema = z.object({
  previousMinN: z.number().int(),
  minN: z.number().int(),
  bySubgroup: z.partialRecord(subgroupCode, z.object({ results: z.number().int(), students: z.number().int() })),
  total: z.object({ results: z.number().int(), students: z.number().int() }),
});

export const SummarySchema = z.object({
  schools: z.number().int(),
  scored: z.number().int(),
  unscored: z.number().int(),
  titleIPool: z.number().int(),
  designations: designationCounts,
  nSizeImpact: NSizeImpactSchema,
  rollup: z.object({ districts: z.array(RollupSchema), total: RollupSchema }),
  /** §13: per indicator, how many scored schools have each colour (indicators no school has a colour for are absent). */
  performance: z.partialRecord(indicatorCode, z.record(z.enum(COLORS), z.number().int())),
});

export const PartnershipsSchema = z.object({
  pairs: z.array(
    z.object({
      school: z.string(),
      partner: z.string(),
      subgroup: subgroupCode,
      quality: z.number(),
      /** §13: `raised` when the partner has a prior year and raised the subgroup; `levelOnly` without a prior year. */
      evidence: z.enum(EVIDENCE),
    }),
  ),
  unmatched: z.array(z.object({ school: z.string(), subgroup: subgroupCode, reason: ReasonSchema })),
});

export const ScoreResponseSchema = z.object({
  methodologyVersion: z.string(),
  configHash: z.string(),
  year: z.number().int().nullable(),
  results: z.array(SchoolResultSchema),
  summary: SummarySchema,
  partnerships: PartnershipsSchema,
});

export const ScenariosResponseSchema = z.object({
  methodologyVersion: z.string(),
  scenarios: z.array(z.object({ name: z.string(), configHash: z.string(), summary: SummarySchema })),
  schools: z.array(
    z.object({
      id: z.string(),
      byScenario: z.array(
        z.object({
          status: z.enum(["scored", "unscored"]),
          index: SchoolResultSchema.shape.index,
          designation: SchoolResultSchema.shape.designation,
        }),
      ),
      changes: z.array(
        z.object({
          scenario: z.string(),
          scoreDelta: z.number().nullable(),
          levelDelta: z.number().int().nullable(),
          designationFrom: z.enum(DESIGNATION_TYPES),
          designationTo: z.enum(DESIGNATION_TYPES),
        }),
      ),
    }),
  ),
});

export const CutPointsResponseSchema = z.object({
  methodologyVersion: z.string(),
  /** Nine per indicator (min and max, not length: the OpenAPI generator keeps only these). */
  cutPoints: z.partialRecord(indicatorCode, z.array(z.number()).min(9).max(9)),
  counts: z.partialRecord(indicatorCode, z.number().int()),
  skipped: z.partialRecord(indicatorCode, z.string()),
});

export type Reason = z.infer<typeof ReasonSchema>;
export type Performance = NonNullable<IndicatorResult["performance"]>;
export type IndicatorResult = z.infer<typeof IndicatorResultSchema>;
export type SubgroupReport = z.infer<typeof SubgroupReportSchema>;
export type SchoolResult = z.infer<typeof SchoolResultSchema>;
export type Rollup = z.infer<typeof RollupSchema>;
export type Summary = z.infer<typeof SummarySchema>;
export type Partnerships = z.infer<typeof PartnershipsSchema>;
export type ScoreResponse = z.infer<typeof ScoreResponseSchema>;
export type ScenariosResponse = z.infer<typeof ScenariosResponseSchema>;
export type CutPointsResponse = z.infer<typeof CutPointsResponseSchema>;
