// fast-check generators of valid schools, shared by the property tests.
import fc from "fast-check";
import type { School, SubgroupResult } from "../../shared/contract/requests.js";
import { INDICATOR_INFO, INDICATORS, SCHOOL_LEVELS, SUBGROUPS, TITLE1_STATUSES } from "../../shared/core/model.js";

const value = (code: (typeof INDICATORS)[number]) => {
  const { min, max } = INDICATOR_INFO[code];
  return fc.option(
    fc.integer({ min: min * 10, max: max * 10 }).map((v) => v / 10),
    { nil: undefined, freq: 3 },
  );
};

const subgroupResult: fc.Arbitrary<SubgroupResult> = fc
  .record({ n: fc.integer({ min: 0, max: 400 }), ...Object.fromEntries(INDICATORS.map((c) => [c, value(c)])) })
  .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as SubgroupResult);

/** A school's student groups: ALL always, each other group one time in three. */
export const subgroups: fc.Arbitrary<School["subgroups"]> = fc.record(
  Object.fromEntries(SUBGROUPS.map((g) => [g, g === "ALL" ? subgroupResult : fc.option(subgroupResult, { nil: undefined, freq: 2 })])),
) as fc.Arbitrary<School["subgroups"]>;

/** §13: the prior year, about half the time (the year before 2014, or no year given). */
const prior = fc.option(fc.record({ year: fc.constantFrom(2013, undefined), subgroups }), { nil: undefined, freq: 2 });

export const school = (id: string): fc.Arbitrary<School> =>
  fc
    .record({
      id: fc.constant(id),
      district: fc.constantFrom("North", "South", "East"),
      level: fc.constantFrom(...SCHOOL_LEVELS),
      title1: fc.constantFrom(...TITLE1_STATUSES, "participating", "participating"),
      sig: fc.integer({ min: 0, max: 9 }).map((x) => x === 0), // about one in ten
      history: fc.constantFrom(2013, 2012).chain((year) =>
        fc.array(
          fc.record({
            year: fc.constant(year),
            index: fc.integer({ min: 100, max: 1000 }).map((v) => v / 10),
            designation: fc.constantFrom("priority", "focus", "reward", "none" as const),
            gradRate: fc.integer({ min: 30, max: 100 }),
          }),
          { maxLength: 1 },
        ),
      ),
      prior,
      subgroups,
    })
    .map(({ prior, ...rest }) => (prior ? { ...rest, prior } : rest)) as fc.Arbitrary<School>;
