// Zod schemas for what comes in: the score request (api.md), the config and its partial override.
// Types are inferred from them, so the contract lives in one place. Messages say what was expected
// and what arrived, because they reach analysts as cell-addressed errors.
// A namespace import, not `{ z }`: `{ z }` is zod's namespace as one value, which esbuild keeps
// whole (all its locales too); property reads on `* as z` let the task pane's bundle keep only what it uses.
import * as z from "zod";
import { DESIGNATION_TYPES, INDICATOR_INFO, INDICATORS, SCHOOL_LEVELS, SUBGROUPS, TITLE1_STATUSES } from "../core/model.js";
import { boundedNumber, describeValue, expecting, listLength, oneOf, wholeNumber } from "./messages.js";

export { boundedNumber, describeValue, wholeNumber } from "./messages.js";

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
  expecting("a student group's results (an object with n and indicator values)"),
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
        : expecting("student groups (an object keyed by group code)").error(iss),
  },
);

export const HistoryEntrySchema = z.strictObject(
  {
    year: wholeNumber(1900, "a whole year"),
    index: boundedNumber(0, 100, "an index score").nullish(),
    designation: oneOf(DESIGNATION_TYPES).nullish(),
    gradRate: boundedNumber(0, 100, "a graduation rate").nullish(),
  },
  expecting("a history entry (an object with year, index, designation, gradRate)"),
);

/**
 * The most prior years a school's history may hold. Like every list inside a record, its length is
 * checked before its items, so a history of a million bad entries is one problem, not a million.
 */
export const MAX_HISTORY = 100;

/** §13: the previous year's results of a school, the same groups, ranges and validation as `subgroups`. */
export const PriorYearSchema = z.strictObject(
  {
    year: wholeNumber(1900, "a whole year").optional(),
    subgroups: SubgroupsSchema,
  },
  expecting("the prior year's results (an object with year and subgroups)"),
);

export const SchoolSchema = z.strictObject(
  {
    id: nonEmptyText.min(1, { error: "expected a school id, got empty text" }),
    name: nonEmptyText.optional(),
    district: nonEmptyText.optional(),
    level: oneOf(SCHOOL_LEVELS),
    title1: oneOf(TITLE1_STATUSES),
    sig: z.boolean({ error: (iss) => `expected true or false, got ${describeValue(iss.input)}` }).optional(),
    history: z
      .array(HistoryEntrySchema, expecting("a list of prior years"))
      .max(MAX_HISTORY, { error: (iss) => `expected at most ${MAX_HISTORY} prior years, got ${listLength(iss.input)}` })
      .optional(),
    prior: PriorYearSchema.optional(),
    subgroups: SubgroupsSchema,
  },
  expecting("a school (an object)"),
);

// ---------------------------------------------------------------- config

// Every number of the config has a range (api.md "The config"), so no accepted config can overflow
// or underflow the arithmetic: an out-of-range value is a problem, never a wrong score.

/** The largest weight (api.md: weights at most 1e6). */
export const MAX_WEIGHT = 1e6;
/**
 * The smallest weight above 0. A weight is multiplied by another before it is divided (domain ×
 * indicator weight), and two weights of 1e-200 multiply to 0; from 1e-6 up the products stay
 * ordinary numbers.
 */
export const MIN_WEIGHT = 1e-6;
/** The largest whole-number setting (minN, suppressBelow, previousMinN, partnerCapacity, minReport). */
export const MAX_SETTING = 1_000_000;

/** A weight from MIN_WEIGHT to MAX_WEIGHT, or also 0 where 0 means "takes no part". */
export function weight({ zero }: { zero: boolean }) {
  const range = `from ${MIN_WEIGHT} to ${MAX_WEIGHT}`;
  const expected = zero ? `expected a weight of 0 or ${range}` : `expected a weight ${range}`;
  const error = (iss: { input?: unknown }) => {
    const hint = !zero && typeof iss.input === "number" && iss.input <= 0 ? " (use null to remove an indicator)" : "";
    return `${expected}, got ${describeValue(iss.input)}${hint}`;
  };
  const bounded = z
    .number({ error })
    .min(zero ? 0 : MIN_WEIGHT, { error })
    .max(MAX_WEIGHT, { error });
  // The document can say "0 or from …" only in words: its minimum is 0.
  return zero ? bounded.refine((w) => w === 0 || w >= MIN_WEIGHT, { error }).describe(`0 (takes no part) or ${range}`) : bounded;
}

const positiveWeight = weight({ zero: false });
const share = boundedNumber(0, 1, "a share");
const nineCutPoints = (iss: { input?: unknown }) => `expected nine cut points, got ${listLength(iss.input)}`;
const target = boundedNumber(0, 100, "a target");
/** Every indicator is on a 0–100 scale (spedIdentification's distances too), and so are its cut points. */
const cutPointList = z
  .array(boundedNumber(0, 100, "a cut point"), {
    error: (iss) => `expected a list of nine cut points, got ${describeValue(iss.input)}`,
  })
  // min and max rather than length(9): the OpenAPI generator turns these into minItems and
  // maxItems, and drops an exact length. Only one of the two can fail, so the message stays one.
  .min(9, { error: nineCutPoints })
  .max(9, { error: nineCutPoints })
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
const domainWeights = z.strictObject(
  { academic: weight({ zero: true }), secc: weight({ zero: true }) },
  expecting("domain weights (an object with academic and secc)"),
);
const designationRules = z.strictObject(
  {
    pool: z
      .array(oneOf(TITLE1_STATUSES), expecting("a list of Title I statuses"))
      .min(1, { error: "the Title I pool needs at least one status" })
      .max(TITLE1_STATUSES.length, { error: (iss) => `expected at most ${TITLE1_STATUSES.length} Title I statuses, got ${listLength(iss.input)}` }),
    priorityShare: share,
    focusShare: share,
    rewardShare: share,
    progressShare: share,
    gradRateFloor: boundedNumber(0, 100, "a graduation rate"),
  },
  expecting("designation rules (an object with pool and the shares)"),
);

// Leaf schemas shared by the full config and the patch, so a bad value gets the same message
// whether it is caught in the patch or in the merged result.
const configFields = {
  minN: wholeNumber(1, "a minimum n", MAX_SETTING),
  subgroupShare: share,
  suppressBelow: wholeNumber(0, "a group size", MAX_SETTING),
  allowMissingDomain: z.boolean({ error: (iss) => `expected true or false, got ${describeValue(iss.input)}` }),
  spedReference: boundedNumber(0, 100, "a reference rate"),
  gapLevels: boundedNumber(0, 9, "a number of levels"),
  partnerCapacity: wholeNumber(0, "a partner capacity", MAX_SETTING),
  partnerMinLevel: boundedNumber(1, 10, "a level"),
  previousMinN: wholeNumber(1, "a minimum n", MAX_SETTING),
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
export const ConfigPatchSchema = z.strictObject(
  {
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
  },
  expecting("a config (an object with any of the config's settings)"),
);
export type ConfigPatch = z.input<typeof ConfigPatchSchema>;

const schoolList = z.array(SchoolSchema, expecting("a list of schools"));

export const ScoreRequestSchema = z.strictObject(
  {
    year: wholeNumber(1900, "a whole year").optional(),
    config: ConfigPatchSchema.optional(),
    schools: schoolList,
  },
  expecting("a JSON object"),
);

/** The most scenarios one request compares. */
export const MAX_SCENARIOS = 20;

export const ScenariosRequestSchema = z.strictObject(
  {
    year: wholeNumber(1900, "a whole year").optional(),
    config: ConfigPatchSchema.optional(),
    schools: schoolList,
    scenarios: z
      .array(
        z.strictObject(
          { name: nonEmptyText.min(1, { error: "a scenario needs a name" }), config: ConfigPatchSchema.optional() },
          expecting("a scenario (an object with name and config)"),
        ),
        expecting("a list of scenarios"),
      )
      .min(1, { error: "expected at least one scenario (the first is the baseline)" })
      .max(MAX_SCENARIOS, { error: (iss) => `expected at most ${MAX_SCENARIOS} scenarios, got ${listLength(iss.input)}` }),
  },
  expecting("a JSON object"),
);

export const CutPointsRequestSchema = z.strictObject(
  {
    config: ConfigPatchSchema.optional(),
    schools: schoolList,
  },
  expecting("a JSON object"),
);

export type SubgroupResult = z.infer<typeof SubgroupResultSchema>;
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
export type PriorYear = z.infer<typeof PriorYearSchema>;
export type School = z.infer<typeof SchoolSchema>;
export type ScoreRequest = z.infer<typeof ScoreRequestSchema>;
export type ScenariosRequest = z.infer<typeof ScenariosRequestSchema>;
export type CutPointsRequest = z.infer<typeof CutPointsRequestSchema>;
