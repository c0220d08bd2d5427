// Writing a request as long-format rows, and reading them back as the same request.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { School, ScoreRequest, SubgroupResult } from "../../../shared/contract/requests.js";
import { INDICATOR_INFO, INDICATORS, SCHOOL_LEVELS, SUBGROUPS, TITLE1_STATUSES } from "../../../shared/core/model.js";
import { requestToLongRows } from "../../../shared/tables/school-rows.js";
import { readTable } from "../../../shared/tables/school-table.js";

const DATA = { sheet: "Data", firstRow: 1, firstColumn: 1 };
const LONG_HEADER = ["School ID", "School", "District", "Level", "Title I", "Student Group", "N", "ELA", "Math"];

const text = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && !["*", "-", "–", "—", "na", "n/a"].includes(s.toLowerCase()));

function valueFor(code: (typeof INDICATORS)[number]) {
  const { min, max } = INDICATOR_INFO[code];
  return fc.double({ min, max, noNaN: true }).map((v) => v || 0); // no -0: a cell cannot hold it
}

const resultOf = (codes: readonly (typeof INDICATORS)[number][]) =>
  fc.record(
    { n: fc.nat({ max: 5000 }), ...Object.fromEntries(codes.map((code) => [code, valueFor(code)])) },
    { requiredKeys: ["n"] },
  ) as fc.Arbitrary<SubgroupResult>;
const subgroupResult = resultOf(INDICATORS);
// EL Redesignation and SpEd Identification belong to ALL alone: on another group's row they are a problem (§12).
const groupResult = resultOf(INDICATORS.filter((code) => !INDICATOR_INFO[code].schoolOnly));

const history = fc.uniqueArray(
  fc.record(
    {
      year: fc.integer({ min: 2005, max: 2013 }),
      index: fc.option(fc.double({ min: 0, max: 100, noNaN: true }).map((v) => v || 0)),
      designation: fc.option(fc.constantFrom("priority", "focus", "reward", "none")),
      gradRate: fc.option(fc.integer({ min: 0, max: 100 })),
    },
    { requiredKeys: ["year"] },
  ),
  { selector: (h) => h.year, maxLength: 3 },
);

const subgroups = fc
  .record({ all: subgroupResult, others: fc.dictionary(fc.constantFrom(...SUBGROUPS.slice(1)), groupResult, { maxKeys: 5 }) })
  .map(({ all, others }) => ({ ALL: all, ...others }) as School["subgroups"]);

/** A school; with a year, it may have the year before's results too (§13), as a Year column can give them. */
const school = (id: string, year: number | undefined): fc.Arbitrary<School> =>
  fc
    .record(
      {
        name: text,
        district: text,
        level: fc.constantFrom(...SCHOOL_LEVELS),
        title1: fc.constantFrom(...TITLE1_STATUSES),
        sig: fc.boolean(),
        history,
        subgroups,
        prior: year === undefined ? fc.constant(undefined) : subgroups.map((s) => ({ year: year - 1, subgroups: s })),
      },
      { requiredKeys: ["level", "title1", "subgroups"] },
    )
    .map(({ prior, ...rest }) => ({ id, ...rest, ...(prior && { prior }) }) as School);

const request: fc.Arbitrary<ScoreRequest> = fc
  .record({
    year: fc.option(fc.integer({ min: 2014, max: 2030 }), { nil: undefined }),
    ids: fc.uniqueArray(text, { minLength: 1, maxLength: 6 }),
  })
  .chain(({ year, ids }) => fc.tuple(...ids.map((id) => school(id, year))).map((schools) => (year === undefined ? { schools } : { year, schools })));

describe("requestToLongRows", () => {
  it("writes the api.md long format columns", () => {
    const rows = requestToLongRows({ schools: [{ id: "A", level: "high", title1: "none", subgroups: { ALL: { n: 10, grad: 90 } } }] });
    expect(rows).toEqual([
      [
        "School ID",
        "School",
        "District",
        "Level",
        "Title I",
        "Student Group",
        "N",
        "ELA",
        "Math",
        "Growth",
        "Graduation",
        "HS Readiness",
        "Chronic Absence",
        "Suspension",
        "SEL",
        "Climate",
        "EL Redesignation",
        "SpEd Identification",
      ],
      ["A", null, null, "high", "none", "ALL", 10, null, null, null, 90, null, null, null, null, null, null, null],
    ]);
  });

  it("reads back as the same request, history, SIG, year and prior years included", () => {
    let priors = 0;
    fc.assert(
      fc.property(request, (req) => {
        const read = readTable(requestToLongRows(req), DATA);
        expect(read.problems).toEqual([]);
        expect(read.notes).toEqual([]);
        expect(read.request).toEqual(req);
        priors += req.schools.filter((s) => s.prior).length;
      }),
      { numRuns: 200 },
    );
    expect(priors).toBeGreaterThan(50); // the property did meet prior years
  });

  it("writes a prior year as rows of the year before, after the year scored's, and refuses one without a year", () => {
    const rows = requestToLongRows({
      year: 2015,
      schools: [{ id: "A", level: "high", title1: "none", subgroups: { ALL: { n: 10 } }, prior: { subgroups: { ALL: { n: 9 }, HI: { n: 4 } } } }],
    });
    const year = rows[0]!.indexOf("Year");
    expect(rows.slice(1).map((r) => [r[0], r[5], r[6], r[year]])).toEqual([
      ["A", "ALL", 10, 2015],
      ["A", "ALL", 9, 2014],
      ["A", "HI", 4, 2014],
    ]);
    expect(() =>
      requestToLongRows({ schools: [{ id: "A", level: "high", title1: "none", subgroups: { ALL: { n: 10 } }, prior: { subgroups: { ALL: { n: 9 } } } }] }),
    ).toThrow(/needs a year/);
  });

  it("drops no school: every id in the rows is a school of the request, good rows or bad", () => {
    const cell = fc.oneof(fc.constant(""), fc.constant("abc"), fc.integer({ min: -5, max: 200 }), fc.constantFrom("ES", "XX", "HI", "Yes"));
    const row = fc.tuple(fc.constantFrom("A", "B", "C", 7, ""), ...Array.from({ length: LONG_HEADER.length - 1 }, () => cell));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const read = readTable([LONG_HEADER, ...rows], DATA);
        const ids = new Set(
          rows
            .map((r) => r[0])
            .filter((id) => id !== "")
            .map(String),
        );
        expect(read.request.schools.map((s) => s.id).sort()).toEqual([...ids].sort());
      }),
    );
  });
});

// ---------------------------------------------------------------- results tables
