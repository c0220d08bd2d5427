// Every number of the config has a documented range (api.md "Errors", docs/api.md "The config"):
// any config inside the ranges scores every school with finite numbers, levels 1–10 and effective
// weights that add up to the present domains' weights; any value outside them is a 400 naming it.
// The ranges below are the documented ones, written out here rather than read from the schema, so
// the schema, the document and this test have to agree.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INDICATORS, SCHOOL_LEVELS, TITLE1_STATUSES } from "../../shared/core/model.js";
import { operation } from "../../shared/operations.js";
import { evaluateSchools, parseScoreRequest } from "../../shared/schools/score.js";
import { school } from "./arbitraries.js";

const MIN_WEIGHT = 1e-6;
const MAX_WEIGHT = 1e6;
const MAX_SETTING = 1_000_000;

/** Numbers over a range, its ends and, for wide ranges, every order of magnitude equally often. */
const within = (min: number, max: number) =>
  fc.oneof(
    fc.constantFrom(min, max),
    fc.double({ min, max, noNaN: true, noDefaultInfinity: true }),
    ...(min > 0 && max / min > 1e3 ? [logUniform(min, max)] : []),
  );
const logUniform = (min: number, max: number) =>
  fc.double({ min: Math.log10(min), max: Math.log10(max), noNaN: true }).map((e) => Math.min(max, Math.max(min, 10 ** e)));
const whole = (min: number, max: number) => fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max }), fc.integer({ min, max: Math.min(max, 400) }));
const positiveWeight = within(MIN_WEIGHT, MAX_WEIGHT);
const domainWeight = fc.oneof(fc.constant(0), positiveWeight);
const cutPoints = fc.array(within(0, 100), { minLength: 9, maxLength: 9 }).map((cuts) => cuts.sort((a, b) => a - b));

/** A config patch that stays inside every documented range. */
const configInRange = fc.record(
  {
    minN: whole(1, MAX_SETTING),
    subgroupShare: within(0, 1),
    suppressBelow: whole(0, MAX_SETTING),
    allowMissingDomain: fc.boolean(),
    spedReference: within(0, 100),
    gapLevels: within(0, 9),
    partnerCapacity: whole(0, MAX_SETTING),
    partnerMinLevel: within(1, 10),
    previousMinN: whole(1, MAX_SETTING),
    domainWeights: fc.record({ academic: domainWeight, secc: domainWeight }).filter((w) => w.academic + w.secc > 0),
    indicatorWeights: fc.record(
      Object.fromEntries(SCHOOL_LEVELS.map((level) => [level, fc.dictionary(fc.constantFrom(...INDICATORS), fc.option(positiveWeight, { nil: null }))])),
      { requiredKeys: [] },
    ),
    cutPoints: fc.record(Object.fromEntries(INDICATORS.map((code) => [code, cutPoints])), { requiredKeys: [] }),
    targets: fc.dictionary(fc.constantFrom(...INDICATORS), fc.option(within(0, 100), { nil: null })),
    designation: fc.record(
      {
        pool: fc.subarray([...TITLE1_STATUSES], { minLength: 1 }),
        priorityShare: within(0, 1),
        focusShare: within(0, 1),
        rewardShare: within(0, 1),
        progressShare: within(0, 1),
        gradRateFloor: within(0, 100),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

const schools = fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => school(`S${i}`))));

describe("any config inside the documented ranges", () => {
  it("is accepted, and scores every school with finite numbers, levels 1–10 and weights that add up", () => {
    fc.assert(
      fc.property(configInRange, schools, (config, list) => {
        const parsed = parseScoreRequest(JSON.parse(JSON.stringify({ year: 2014, config, schools: list })));
        expect(parsed.ok, JSON.stringify(parsed.ok ? null : parsed.problems.slice(0, 3))).toBe(true);
        if (!parsed.ok) return;
        const { results } = evaluateSchools(parsed.value.request.schools, parsed.value.config, 2014);
        for (const r of results) {
          for (const item of Object.values(r.indicators)) {
            expect(Number.isFinite(item!.weight) && Number.isFinite(item!.points)).toBe(true);
            if (item!.level !== null) expect(item!.level >= 1 && item!.level <= 10).toBe(true);
          }
          if (r.status !== "scored") {
            expect(r.index).toBeNull();
            continue;
          }
          expect(Number.isFinite(r.index!.score) && r.index!.score >= 10 && r.index!.score <= 100).toBe(true);
          expect(Number.isInteger(r.index!.level) && r.index!.level >= 1 && r.index!.level <= 10).toBe(true);
          const present = (r.domains.academic?.weight ?? 0) + (r.domains.secc?.weight ?? 0);
          const effective = Object.values(r.indicators).reduce((sum, x) => sum + x!.weight, 0);
          // Each reported weight is rounded to 6 decimals: at most 11 half-millionths apart in all.
          expect(Math.abs(effective - present)).toBeLessThanOrEqual(11 * 5e-7 + present * 1e-12);
          for (const d of [r.domains.academic, r.domains.secc]) if (d) expect(d.meanLevel >= 1 && d.meanLevel <= 10).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------- outside the ranges

// Filtered, not only bounded: fast-check's doubles include -0, which is no less than 0.
const below = (min: number) =>
  fc.oneof(
    fc.constant(-1e308),
    fc.double({ min: -1e6, max: min, noNaN: true }).filter((v) => v < min),
  );
const above = (max: number) =>
  fc.oneof(
    fc.constant(1e308),
    fc.double({ min: max, max: 1e300, noNaN: true }).filter((v) => v > max),
  );
const outside = (min: number, max: number) => fc.oneof(below(min), above(max));
const notWhole = (min: number, max: number) =>
  fc.oneof(
    outside(min, max),
    fc.double({ min, max, noNaN: true }).filter((v) => !Number.isInteger(v)),
  );
/** Outside {0} ∪ [MIN_WEIGHT, MAX_WEIGHT]: negative, too big, or above 0 but too small to multiply safely. */
const badWeight = (zero: boolean) => fc.oneof(outside(zero ? 0 : MIN_WEIGHT, MAX_WEIGHT), fc.constantFrom(5e-324, 1e-200, 9.99e-7));

/** Each documented number of the school config: where it goes, and values outside its range. */
const SCHOOL_SETTINGS: [path: (string | number)[], bad: fc.Arbitrary<number>][] = [
  [["minN"], notWhole(1, MAX_SETTING)],
  [["suppressBelow"], notWhole(0, MAX_SETTING)],
  [["partnerCapacity"], notWhole(0, MAX_SETTING)],
  [["previousMinN"], notWhole(1, MAX_SETTING)],
  [["subgroupShare"], outside(0, 1)],
  [["spedReference"], outside(0, 100)],
  [["gapLevels"], outside(0, 9)],
  [["partnerMinLevel"], outside(1, 10)],
  [["domainWeights", "academic"], badWeight(true)],
  [["domainWeights", "secc"], badWeight(true)],
  [["indicatorWeights", "high", "grad"], badWeight(false)],
  [["indicatorWeights", "elementary", "sel"], badWeight(false)],
  [["cutPoints", "ela", 0], below(0)],
  [["cutPoints", "suspension", 8], above(100)],
  [["targets", "math"], outside(0, 100)],
  [["designation", "priorityShare"], outside(0, 1)],
  [["designation", "rewardShare"], outside(0, 1)],
  [["designation", "gradRateFloor"], outside(0, 100)],
];

/** The same for the educator config, under one district's model. */
const EDUCATOR_SETTINGS: [path: (string | number)[], bad: fc.Arbitrary<number>][] = [
  [["minReport"], notWhole(1, MAX_SETTING)],
  [["models", "Fresno", "weights", "growth"], badWeight(true)],
  [["models", "Fresno", "weights", "practice"], badWeight(true)],
  [["models", "Fresno", "cuts", "effective"], outside(1, 4)],
];

/** A config patch with `value` at `path` (a cut point index puts it into an otherwise valid list). */
function place(path: (string | number)[], value: number): Record<string, unknown> {
  const [head, next] = path;
  if (next === undefined) return { [head!]: value };
  if (typeof next === "number") return { [head!]: [10, 20, 30, 40, 50, 60, 70, 80, 90].map((cut, k) => (k === next ? value : cut)) };
  return { [head!]: place(path.slice(1), value) };
}

const pathText = (path: (string | number)[]) => path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("");
const validSchool = { id: "A", level: "high", title1: "participating", subgroups: { ALL: { n: 50, ela: 40, grad: 80, sel: 70 } } };
const validEducator = { id: "T1", role: "teacher", school: "S", district: "Fresno", measures: { practice: 3, growth: 3 } };

describe("any number outside its documented range", () => {
  it.each(SCHOOL_SETTINGS.map(([path, bad]) => [pathText(path), path, bad] as const))(
    "config%s is a problem naming it, on every school route",
    async (_, path, bad) => {
      await fc.assert(
        fc.asyncProperty(bad, async (value) => {
          const config = place(path, value);
          for (const [name, body] of [
            ["score", { config, schools: [validSchool] }],
            ["cutPoints", { config, schools: [validSchool] }],
            ["scenarios", { schools: [validSchool], scenarios: [{ name: "a", config }] }],
          ] as const) {
            const out = await operation(name).run(JSON.parse(JSON.stringify(body)));
            const at = `${name === "scenarios" ? "scenarios[0].config" : "config"}${pathText(path)}`;
            expect(out.ok ? [] : out.problems.map((p) => p.path), `${name} with ${value}`).toContain(at);
          }
        }),
        { numRuns: 25 },
      );
    },
  );

  it.each(EDUCATOR_SETTINGS.map(([path, bad]) => [pathText(path), path, bad] as const))(
    "config%s of the educators is a problem naming it",
    async (_, path, bad) => {
      await fc.assert(
        fc.asyncProperty(bad, async (value) => {
          const model = { model: "weighted", weights: { practice: 0.5, growth: 0.5 }, cuts: { highlyEffective: 3.5, effective: 2.5, developing: 1.5 } };
          const part = path[2] as "weights" | "cuts";
          const config = path[0] === "models" ? { models: { Fresno: { ...model, [part]: { ...model[part], [path[3]!]: value } } } } : place(path, value);
          const out = await operation("educators").run(JSON.parse(JSON.stringify({ config, educators: [validEducator] })));
          expect(out.ok ? [] : out.problems.map((p) => p.path), `with ${value}`).toContain(`config${pathText(path)}`);
        }),
        { numRuns: 25 },
      );
    },
  );
});
