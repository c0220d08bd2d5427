// Zod schemas for what comes in: the score request (api.md), the config and its partial override.
// Types are inferred from them, so the contract lives in one place. Messages say what was expected
// and what arrived, because they reach analysts as cell-addressed errors.
// A namespace import, not `{ z }`: `{ z }` is zod's namespace as one value, which esbuild keeps
// whole (all its locales too); property reads on `* as z` let the task pane's bundle keep only what it uses.
import * as z from "zod";
import { DESIGNATION_TYPES, INDICATOR_INFO, INDICATORS, SCHOOL_LEVELS, SUBGROUPS, TITLE1_STATUSES } from "../core/model.js";

export function describeValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (v === undefined) return "nothing";
  if (typeof v === "number" || typeof v === "boolean" || v === null) return String(v);
  return Array.isArray(v) ? "a list" : "an object";
}

/** A number in [min, max]; the message names the range and the value received. */
export function boundedNumber(min: number, max: number, what = "a number") {
  const expected = `expected ${what} from ${min} to ${max}`;
  const error = (iss: { input?: unknown }) => `${expected}, got ${describeValue(iss.input)}`;
  return z.number({ error }).min(min, { error }).max(max, { error });
}

export function wholeNumber(min: number, what = "a whole number") {
  const error = (iss: { input?: unknown }) => `expected ${what} ≥ ${min}, got ${describeValue(iss.input)}`;
  return z.number({ error }).int({ error }).min(min, { error });
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: (iss) => `expected one of ${values.join(", ")}, got ${describeValue(iss.input)}` });
}

/** For an object schema: says what was expected when something else arrived. */
function expectObject(what: string) {
  return {
    error: (iss: { code?: string; input?: unknown }) => (iss.code === "invalid_type" ? `expected ${what}, got ${describeValue(iss.input)}` : undefined),
  };
}

const nonEmptyText = z.string({ error: (iss) => `expected text, got ${describeValue(iss.input)}` });

// ---------------------------------------------------------------- request

const indicatorValues = Object.fromEntries(
  INDICATORS.map((code) => {
    const { min, max } = INDICATOR_INFO[code];
    return [code, boundedNumber(min, max).nullish()];
  }),
) as { [K in (typeof INDICATORS)[number]]: z.ZodOptional<z.ZodNullable<z.ZodNumber>> };

export const SubgroupResultSchema = z.strictObject(
  { n: wholeNumber(0, "a whole number of students"), ...indicatorValues },
  expectObject("a student group's results (an object with n and indicator values)"),
);

const subgroupEntries = Object.fromEntries(SUBGROUPS.filter((g) => g !== "ALL").map((g) => [g, SubgroupResultSchema.optional()])) as {
  [K in Exclude<(typeof SUBGROUPS)[number], "ALL">]: z.ZodOptional<typeof SubgroupResultSchema>;
};

export const SubgroupsSchema = z.strictObject(
  { ALL: SubgroupResultSchema, ...subgroupEntries },
  {
    error: (iss) =>
      iss.code === "unrecognized_keys"
        ? `unknown student group; expected one of ${SUBGROUPS.join(", ")}`
        : expectObject("student groups (an object keyed by group code)").error(iss),
  },
);

export const HistoryEntrySchema = z.strictObject(
  {
    year: wholeNumber(1900, "a whole year"),
    index: boundedNumber(0, 100, "an index score").nullish(),
    designation: oneOf(DESIGNATION_TYPES).nullish(),
    gradRate: boundedNumber(0, 100, "a graduation rate").nullish(),
  },
  expectObject("a history entry (an object with year, index, designation, gradRate)"),
);

export const SchoolSchema = z.strictObject(
  {
    id: nonEmptyText.min(1, { error: "expected a school id, got empty text" }),
    name: nonEmptyText.optional(),
    district: nonEmptyText.optional(),
    level: oneOf(SCHOOL_LEVELS),
    title1: oneOf(TITLE1_STATUSES),
    sig: z.boolean({ error: (iss) => `expected true or false, got ${describeValue(iss.input)}` }).optional(),
    history: z.array(HistoryEntrySchema).optional(),
    subgroups: SubgroupsSchema,
  },
  expectObject("a school (an object)"),
);

// ---------------------------------------------------------------- config

const positiveWeight = z.number({ error: (iss) => `expected a weight > 0, got ${describeValue(iss.input)}` }).positive({
  error: (iss) => `expected a weight > 0, got ${describeValue(iss.input)} (use null to remove an indicator)`,
});
const share = boundedNumber(0, 1, "a share");
const target = boundedNumber(0, 100, "a target");
const cutPointList = z
  .array(z.number({ error: (iss) => `expected a number, got ${describeValue(iss.input)}` }), {
    error: (iss) => `expected a list of nine cut points, got ${describeValue(iss.input)}`,
  })
  .length(9, { error: (iss) => `expected nine cut points, got ${Array.isArray(iss.input) ? iss.input.length : "?"}` })
  .superRefine((cuts, ctx) => {
    for (let k = 1; k < cuts.length; k++) {
      if (cuts[k]! < cuts[k - 1]!) ctx.addIssue({ code: "custom", path: [k], message: `cut points must not decrease: ${cuts[k]} follows ${cuts[k - 1]}` });
    }
  });

/**
 * An object keyed by codes of a fixed list (a level's indicator weights, the cut points, the
 * targets). Not a zod record: a record skips a "__proto__" key without a word, and here every key
 * outside the list, "__proto__" and "toString" too, is an unknown one, reported with its name.
 */
function keyedBy<const K extends readonly [string, ...string[]], V extends z.ZodType>(codes: K, value: V, noun: string, what: string) {
  const error = (iss: { code?: string; input?: unknown }) =>
    iss.code === "unrecognized_keys"
      ? `unknown ${noun}; expected one of ${codes.join(", ")}`
      : iss.code === "invalid_type"
        ? `expected ${what}, got ${describeValue(iss.input)}`
        : undefined;
  const shape = Object.fromEntries(codes.map((code) => [code, value])) as { [P in K[number]]: V };
  return z.strictObject(shape, { error });
}

/** keyedBy with every key optional. */
function someKeyedBy<const K extends readonly [string, ...string[]], V extends z.ZodType>(codes: K, value: V, noun: string, what: string) {
  return keyedBy(codes, value.optional() as z.ZodOptional<V>, noun, what);
}

const levelWeights = someKeyedBy(INDICATORS, positiveWeight, "indicator", "indicator weights (an object keyed by indicator code)");
const domainWeights = z.strictObject({ academic: boundedNumber(0, 1e6, "a weight"), secc: boundedNumber(0, 1e6, "a weight") });
const designationRules = z.strictObject({
  pool: z.array(oneOf(TITLE1_STATUSES)).min(1, { error: "the Title I pool needs at least one status" }),
  priorityShare: share,
  focusShare: share,
  rewardShare: share,
  progressShare: share,
  gradRateFloor: boundedNumber(0, 100, "a graduation rate"),
});

// Leaf schemas shared by the full config and the patch, so a bad value gets the same message
// whether it is caught in the patch or in the merged result.
const configFields = {
  minN: wholeNumber(1, "a minimum n"),
  subgroupShare: share,
  suppressBelow: wholeNumber(0),
  allowMissingDomain: z.boolean({ error: (iss) => `expected true or false, got ${describeValue(iss.input)}` }),
  spedReference: boundedNumber(0, 100, "a reference rate"),
  gapLevels: boundedNumber(0, 9, "a number of levels"),
  partnerCapacity: wholeNumber(0, "a partner capacity"),
  partnerMinLevel: boundedNumber(1, 10, "a level"),
  previousMinN: wholeNumber(1, "a minimum n"),
};

export const ConfigSchema = z.strictObject({
  ...configFields,
  domainWeights: domainWeights.refine((w) => w.academic + w.secc > 0, { error: "at least one domain weight must be above 0" }),
  indicatorWeights: keyedBy(SCHOOL_LEVELS, levelWeights, "school level", "indicator weights per school level (an object keyed by level)"),
  cutPoints: keyedBy(INDICATORS, cutPointList, "indicator", "cut points (an object keyed by indicator code)"),
  targets: someKeyedBy(INDICATORS, target, "indicator", "targets (an object keyed by indicator code)"),
  designation: designationRules,
});
export type Config = z.infer<typeof ConfigSchema>;

/**
 * What a request may send: any part of the config, deep-merged over the default. `null` in
 * indicatorWeights removes an indicator from a level. The merged result is checked again whole
 * (e.g. at least one domain weight above 0).
 */
export const ConfigPatchSchema = z.strictObject({
  minN: configFields.minN.optional(),
  subgroupShare: configFields.subgroupShare.optional(),
  suppressBelow: configFields.suppressBelow.optional(),
  allowMissingDomain: configFields.allowMissingDomain.optional(),
  spedReference: configFields.spedReference.optional(),
  gapLevels: configFields.gapLevels.optional(),
  partnerCapacity: configFields.partnerCapacity.optional(),
  partnerMinLevel: configFields.partnerMinLevel.optional(),
  previousMinN: configFields.previousMinN.optional(),
  domainWeights: domainWeights.partial().optional(),
  indicatorWeights: someKeyedBy(
    SCHOOL_LEVELS,
    someKeyedBy(INDICATORS, positiveWeight.nullable(), "indicator", "indicator weights (an object keyed by indicator code)"),
    "school level",
    "indicator weights per school level (an object keyed by level)",
  ).optional(),
  cutPoints: someKeyedBy(INDICATORS, cutPointList, "indicator", "cut points (an object keyed by indicator code)").optional(),
  targets: someKeyedBy(INDICATORS, target.nullable(), "indicator", "targets (an object keyed by indicator code)").optional(),
  designation: designationRules.partial().optional(),
});
export type ConfigPatch = z.input<typeof ConfigPatchSchema>;

export const ScoreRequestSchema = z.strictObject(
  {
    year: wholeNumber(1900, "a whole year").optional(),
    config: ConfigPatchSchema.optional(),
    schools: z.array(SchoolSchema, { error: (iss) => `expected a list of schools, got ${describeValue(iss.input)}` }),
  },
  expectObject("a JSON object"),
);

export const ScenariosRequestSchema = z.strictObject(
  {
    year: wholeNumber(1900, "a whole year").optional(),
    config: ConfigPatchSchema.optional(),
    schools: z.array(SchoolSchema, { error: (iss) => `expected a list of schools, got ${describeValue(iss.input)}` }),
    scenarios: z
      .array(z.strictObject({ name: nonEmptyText.min(1, { error: "a scenario needs a name" }), config: ConfigPatchSchema.optional() }))
      .min(1, { error: "expected at least one scenario (the first is the baseline)" })
      .max(20, { error: "expected at most 20 scenarios" }),
  },
  expectObject("a JSON object"),
);

export const CutPointsRequestSchema = z.strictObject(
  {
    config: ConfigPatchSchema.optional(),
    schools: z.array(SchoolSchema, { error: (iss) => `expected a list of schools, got ${describeValue(iss.input)}` }),
  },
  expectObject("a JSON object"),
);

export type SubgroupResult = z.infer<typeof SubgroupResultSchema>;
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
export type School = z.infer<typeof SchoolSchema>;
export type ScoreRequest = z.infer<typeof ScoreRequestSchema>;
export type ScenariosRequest = z.infer<typeof ScenariosRequestSchema>;
export type CutPointsRequest = z.infer<typeof CutPointsRequestSchema>;
