import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { School, ScoreRequest, SubgroupResult } from "../../shared/contract/requests.js";
import { INDICATOR_INFO, INDICATORS, SCHOOL_LEVELS, SUBGROUP_NAMES, SUBGROUPS, TITLE1_STATUSES } from "../../shared/core/model.js";
import type { Problem } from "../../shared/core/problems.js";
import { resultsTable, subgroupsTable } from "../../shared/reports/score-report.js";
import { parseScoreRequest, scoreRequest } from "../../shared/schools/score.js";
import { cellAddress, columnLetters, problemLine } from "../../shared/tables/cells.js";
import { fieldOfHeader, groupOfName } from "../../shared/tables/school-columns.js";
import { requestToLongRows } from "../../shared/tables/school-rows.js";
import { readTable } from "../../shared/tables/school-table.js";

const DATA = { sheet: "Data", firstRow: 1, firstColumn: 1 };
const LONG_HEADER = ["School ID", "School", "District", "Level", "Title I", "Student Group", "N", "ELA", "Math"];

function schemaProblems(request: unknown): Problem[] {
  const parsed = parseScoreRequest(request);
  return parsed.ok ? [] : parsed.problems;
}

describe("cell addresses", () => {
  it("names columns past Z and quotes sheet names Excel would not read bare", () => {
    expect([1, 8, 26, 27, 52, 703].map(columnLetters)).toEqual(["A", "H", "Z", "AA", "AZ", "AAA"]);
    expect(cellAddress("Data", 14, 8)).toBe("Data!H14");
    expect(cellAddress("My Data", 14, 8)).toBe("'My Data'!H14");
    expect(cellAddress("Bob's", 2, 1)).toBe("'Bob''s'!A2");
    expect(cellAddress("2014", 2, 1)).toBe("'2014'!A2");
    expect(cellAddress("AB12", 2, 1)).toBe("'AB12'!A2"); // would read as a cell reference
  });
});

describe("header matching", () => {
  it.each([
    ["School ID", "id"],
    ["CDS Code", "id"],
    ["cds_code", "id"],
    ["School Code", "id"],
    ["School", "name"],
    ["School Name", "name"],
    ["Level", "level"],
    ["School Type", "level"],
    ["Title I", "title1"],
    ["Title 1", "title1"],
    ["TITLE-I", "title1"],
    ["Student Group", "group"],
    ["Subgroup", "group"],
    ["Group", "group"],
    ["N", "n"],
    ["Students", "n"],
    ["Enrollment", "n"],
    ["Count", "n"],
    ["ELA", "ela"],
    ["% Met/Exceeded ELA", "ela"],
    ["English Language Arts", "ela"],
    ["Mathematics", "math"],
    ["Growth", "growth"],
    ["Graduation", "grad"],
    ["Grad Rate", "grad"],
    ["Four-Year Graduation Rate", "grad"],
    ["HS Readiness", "hsReady"],
    ["Chronic Absenteeism Rate", "chronicAbsence"],
    ["chronicAbsence", "chronicAbsence"],
    ["Suspension Rate", "suspension"],
    ["Suspension/Expulsion", "suspension"],
    ["SEL", "sel"],
    ["Culture-Climate", "climate"],
    ["EL Redesignation", "elRedesignation"],
    ["SpEd Identification", "spedIdentification"],
    ["SIG", "sig"],
    ["History", "history"],
    ["School Year", "year"],
  ])("%s → %s", (header, field) => {
    expect(fieldOfHeader(header)).toBe(field);
  });

  it("reports recognised, ignored and missing columns with their letters", () => {
    const read = readTable([["CDS Code", "Notes", "Subgroup", "Students", "% Met/Exceeded ELA"]], DATA);
    expect(read.mapping).toEqual({
      format: "long",
      recognised: [
        { column: "A", header: "CDS Code", field: "id" },
        { column: "C", header: "Subgroup", field: "group" },
        { column: "D", header: "Students", field: "n" },
        { column: "E", header: "% Met/Exceeded ELA", field: "ela" },
      ],
      ignored: ["Notes"],
      missing: ["Level", "Title I"],
    });
  });

  it("reports a missing column once, not once per school", () => {
    const read = readTable(
      [
        ["School ID", "Student Group", "N", "Title I"],
        ["A", "ALL", 100, "Yes"],
        ["B", "ALL", 100, "Yes"],
      ],
      DATA,
    );
    const problems = read.cellProblems(schemaProblems(read.request));
    expect(problems.map(problemLine)).toEqual(["Data!A1: the table has no Level column"]);
  });

  it("reports a repeated column and reads only the first", () => {
    const read = readTable(
      [
        [...LONG_HEADER, "% Met/Exceeded ELA"],
        ["A", "", "", "ES", "Yes", "ALL", 100, 40, 30, 99],
      ],
      DATA,
    );
    expect(read.problems.map(problemLine)).toEqual(['Data!J1: "% Met/Exceeded ELA" repeats the column in H; only that one is read']);
    expect(read.request.schools[0]!.subgroups.ALL!.ela).toBe(40);
  });
});

describe("long format", () => {
  it("reads one row per school × group, first appearance order, blanks as no value", () => {
    const read = readTable(
      [
        LONG_HEADER,
        ["A1", "Alpha", "Oakland", "Elementary", "participating", "All Students", 300, 45.2, ""],
        ["B2", "Beta", "Fresno", "HS", "No", "ALL", 500, 30, 20],
        ["A1", "Alpha", "Oakland", "ES", "Y", "Hispanic or Latino", 120, 38, 33],
        [],
        ["", "", "", "", "", "", "", "", ""],
      ],
      DATA,
    );
    expect(read.problems).toEqual([]);
    expect(read.request).toEqual({
      schools: [
        {
          id: "A1",
          name: "Alpha",
          district: "Oakland",
          level: "elementary",
          title1: "participating",
          subgroups: { ALL: { n: 300, ela: 45.2 }, HI: { n: 120, ela: 38, math: 33 } },
        },
        { id: "B2", name: "Beta", district: "Fresno", level: "high", title1: "none", subgroups: { ALL: { n: 500, ela: 30, math: 20 } } },
      ],
    });
    expect(parseScoreRequest(read.request).ok).toBe(true);
  });

  it("turns numeric school ids into text, restoring the leading zero of a CDS code", () => {
    const rows = (header: string) => [
      [header, "Level", "Title I", "Student Group", "N"],
      [1611190130229, "ES", "Yes", "ALL", 100],
      [42, "ES", "Yes", "ALL", 100],
    ];
    expect(readTable(rows("School ID"), DATA).request.schools.map((s) => s.id)).toEqual(["1611190130229", "42"]);
    expect(readTable(rows("CDS Code"), DATA).request.schools.map((s) => s.id)).toEqual(["01611190130229", "00000000000042"]);
  });
});

describe("names and codes in cells", () => {
  it("knows every student group by code and by name, and common variants", () => {
    for (const group of SUBGROUPS) {
      expect(groupOfName(group)).toBe(group);
      expect(groupOfName(SUBGROUP_NAMES[group])).toBe(group);
      expect(groupOfName(SUBGROUP_NAMES[group].toUpperCase())).toBe(group);
    }
    expect(groupOfName("Hispanic or Latino")).toBe("HI");
    expect(groupOfName("English Learners")).toBe("EL");
    expect(groupOfName("students with disabilities")).toBe("SWD");
    expect(groupOfName("Black or African American")).toBe("AA");
    expect(groupOfName("Martians")).toBeUndefined();
  });

  const levelAndTitle = (level: unknown, title: unknown) => {
    const read = readTable(
      [
        ["School ID", "Level", "Title I", "Student Group", "N"],
        ["A", level, title, "ALL", 100],
      ],
      DATA,
    );
    return [read.request.schools[0]!.level, read.request.schools[0]!.title1];
  };

  it.each([
    ["Elementary", "elementary"],
    ["ES", "elementary"],
    ["Middle", "middle"],
    ["MS", "middle"],
    ["High", "high"],
    ["hs", "high"],
    ["Span", "span"],
    ["K-8", "span"],
    ["K-12", "span"],
  ])("level %s → %s", (cell, level) => {
    expect(levelAndTitle(cell, "none")[0]).toBe(level);
  });

  it.each([
    ["participating", "participating"],
    ["Yes", "participating"],
    ["Y", "participating"],
    [true, "participating"],
    ["eligible", "eligible"],
    ["Eligible", "eligible"],
    ["none", "none"],
    ["No", "none"],
    ["N", "none"],
    [false, "none"],
  ])("Title I %s → %s", (cell, status) => {
    expect(levelAndTitle("ES", cell)[1]).toBe(status);
  });
});

describe("numbers", () => {
  it("accepts numeric text, percent signs and thousands separators", () => {
    const read = readTable(
      [LONG_HEADER, ["A", "", "", "ES", "Yes", "ALL", "1,234", " 45.2 ", "45.2%"], ["A", "", "", "ES", "Yes", "HI", "120", ".5", "1e1"]],
      DATA,
    );
    expect(read.problems).toEqual([]);
    expect(read.request.schools[0]!.subgroups).toEqual({ ALL: { n: 1234, ela: 45.2, math: 45.2 }, HI: { n: 120, ela: 0.5, math: 10 } });
  });

  it("treats the suppression marks of research files as no value", () => {
    const read = readTable([LONG_HEADER, ["A", "", "", "ES", "Yes", "ALL", 100, "*", "N/A"]], DATA);
    expect(read.problems).toEqual([]);
    expect(read.request.schools[0]!.subgroups.ALL).toEqual({ n: 100 });
  });

  it("scales cells formatted as percentages (0.452 shown as 45.2%)", () => {
    const formats = [[], ["@", "General", "General", "General", "General", "General", "0", "0.0%", "General"]];
    const read = readTable([LONG_HEADER, ["A", "", "", "ES", "Yes", "ALL", 100, 0.452, 0.3]], DATA, { numberFormats: formats });
    expect(read.request.schools[0]!.subgroups.ALL).toEqual({ n: 100, ela: 45.2, math: 0.3 });
  });
});

/** Three schools on sheet rows 2–12, then school X (schools[3]): its ALL row is 13, `row14` is 14. */
function tableWithRow14(row14: unknown[]): unknown[][] {
  const rows: unknown[][] = [LONG_HEADER];
  const groups = ["ALL", "HI", "EL", "SED"];
  for (let i = 0; i < 11; i++) rows.push([`S${Math.floor(i / 4)}`, "", "", "ES", "Yes", groups[i % 4], 100, 40, 40]);
  rows.push(["X", "", "", "ES", "Yes", "ALL", 100, 40, 40]);
  rows.push(row14);
  return rows;
}

describe("problems with their cells", () => {
  it('reports "abc" in a numeric column at its exact cell', () => {
    const read = readTable(tableWithRow14(["X", "", "", "ES", "Yes", "HI", 30, "abc", 40]), DATA);
    expect(read.problems).toEqual([
      { path: "schools[3].subgroups.HI.ela", schoolId: "X", message: '"abc" is not a number between 0 and 100', cell: "Data!H14" },
    ]);
    // The schema says the same of the raw value it was given; the reading's words are kept, once.
    expect(read.cellProblems(schemaProblems(read.request)).map(problemLine)).toEqual(['Data!H14: "abc" is not a number between 0 and 100']);
  });

  it("maps a schema range problem back to its cell through locate", () => {
    const read = readTable(tableWithRow14(["X", "", "", "ES", "Yes", "HI", 30, 120, 40]), { ...DATA, sheet: "My Data" });
    expect(read.problems).toEqual([]);
    const problems = schemaProblems(read.request);
    expect(problems).toEqual([{ path: "schools[3].subgroups.HI.ela", schoolId: "X", message: "expected a number from 0 to 100, got 120" }]);
    expect(read.locate("schools[3].subgroups.HI.ela")).toBe("'My Data'!H14");
    expect(read.cellProblems(problems).map(problemLine)).toEqual(["'My Data'!H14: expected a number from 0 to 100, got 120"]);
  });

  it("counts rows and columns from where the table sits", () => {
    const read = readTable(tableWithRow14(["X", "", "", "ES", "Yes", "HI", 30, 120, 40]), { sheet: "Data", firstRow: 3, firstColumn: 2 });
    expect(read.locate("schools[3].subgroups.HI.ela")).toBe("Data!I16");
  });

  it("locates ancestors: a school, a group, a missing field, a history entry", () => {
    const read = readTable(
      [
        [...LONG_HEADER, "History"],
        ["A", "", "", "ES", "Yes", "ALL", 100, 40, 40, '[{"year":2013,"index":55}]'],
        ["A", "", "", "ES", "Yes", "HI", 100, 40, 40, ""],
      ],
      DATA,
    );
    expect(read.locate("schools[0]")).toBe("Data!A2");
    expect(read.locate("schools[0].level")).toBe("Data!D2");
    expect(read.locate("schools[0].subgroups.HI")).toBe("Data!F3");
    expect(read.locate("schools[0].subgroups.HI.growth")).toBe("Data!F3"); // no Growth column
    expect(read.locate("schools[0].history[0].year")).toBe("Data!J2");
    expect(read.locate("schools[9].level")).toBeUndefined();
    expect(read.locate("config.minN")).toBeUndefined();
  });

  it("reports unknown groups, disagreeing school cells, duplicate rows, a missing ALL row and a row without id", () => {
    const read = readTable(
      [
        LONG_HEADER,
        ["A", "Alpha", "Oakland", "ES", "Yes", "ALL", 100, 40, 40],
        ["A", "Alpha", "Fresno", "Middle", "Yes", "XX", 100, 40, 40],
        ["A", "Alpha", "Oakland", "ES", "Yes", "All Students", 90, 40, 40],
        ["B", "Beta", "Oakland", "ES", "No", "HI", 30, 40, 40],
        ["", "Gamma", "Oakland", "ES", "No", "ALL", 30, 40, 40],
      ],
      DATA,
    );
    expect(read.problems.map(problemLine)).toEqual([
      'Data!C3: District "Fresno" differs from "Oakland" in C2 for the same school',
      'Data!D3: Level "Middle" differs from "ES" in D2 for the same school',
      'Data!F3: "XX" is not a student group (a code such as HI or a name such as Hispanic/Latino)',
      'Data!F4: a second All Students row for school "A" (the first is row 2)',
      'Data!F5: school "B" has no All Students row',
      "Data!A6: this row has values but no school ID",
    ]);
    // Every problem is the reading's; the schema's view of the missing ALL row adds nothing.
    expect(read.cellProblems(schemaProblems(read.request))).toEqual(read.problems);
  });

  it("keeps an unreadable level in the request, so the schema rejects it too", () => {
    const read = readTable(
      [
        ["School ID", "Level", "Title I", "Student Group", "N"],
        ["A", "Elementry", "Yes", "ALL", "many"],
      ],
      DATA,
    );
    expect(read.request.schools[0]).toMatchObject({ level: "Elementry", subgroups: { ALL: { n: "many" } } });
    expect(schemaProblems(read.request).length).toBe(2);
    expect(read.cellProblems(schemaProblems(read.request)).map(problemLine)).toEqual([
      'Data!B2: "Elementry" is not a school level (elementary, middle, high, span)',
      'Data!E2: "many" is not a whole number of students',
    ]);
  });
});

describe("wide format", () => {
  const header = ["CDS Code", "School", "Level", "Title I", "N", "ELA", "N (HI)", "ELA (HI)", "Math [Hispanic/Latino]", "N (EL)", "ELA (EL)"];

  it("reads one row per school, plain columns as All Students, blank groups as absent", () => {
    const read = readTable(
      [header, ["A", "Alpha", "MS", "Yes", 300, 45, 120, 38, "33%", "", ""], ["B", "Beta", "HS", "No", 500, 30, "", "", "", 40, 20]],
      DATA,
    );
    expect(read.mapping.format).toBe("wide");
    expect(read.mapping.recognised.find((c) => c.column === "I")).toEqual({ column: "I", header: "Math [Hispanic/Latino]", field: "math", group: "HI" });
    expect(read.problems).toEqual([]);
    expect(read.request.schools).toEqual([
      { id: "A", name: "Alpha", level: "middle", title1: "participating", subgroups: { ALL: { n: 300, ela: 45 }, HI: { n: 120, ela: 38, math: 33 } } },
      { id: "B", name: "Beta", level: "high", title1: "none", subgroups: { ALL: { n: 500, ela: 30 }, EL: { n: 40, ela: 20 } } },
    ]);
  });

  it("locates a wide cell, and reports an unknown group in a header and a second row for a school", () => {
    const read = readTable(
      [
        [...header, "ELA (Martians)"],
        ["A", "Alpha", "MS", "Yes", 300, 45, 120, 138, "", "", "", 1],
        ["A", "Alpha", "MS", "Yes", 300, 45, 120, 38, "", "", "", 1],
      ],
      DATA,
    );
    expect(read.problems.map(problemLine)).toEqual([
      'Data!L1: "Martians" in the header "ELA (Martians)" is not a student group',
      'Data!A3: school "A" already has a row (row 2); this one is not read',
    ]);
    expect(read.cellProblems(schemaProblems(read.request)).map(problemLine)).toContain("Data!H2: expected a number from 0 to 100, got 138");
  });

  it("needs an N column for every group with values", () => {
    const read = readTable(
      [
        ["School ID", "Level", "Title I", "N", "ELA (HI)"],
        ["A", "ES", "Yes", 100, 40],
      ],
      DATA,
    );
    expect(read.mapping.missing).toEqual(["N (HI)"]);
    expect(read.cellProblems(schemaProblems(read.request)).map(problemLine)).toEqual(["Data!A1: the table has no N (HI) column"]);
  });
});

// ---------------------------------------------------------------- round trip

const text = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && !["*", "-", "–", "—", "na", "n/a"].includes(s.toLowerCase()));

function valueFor(code: (typeof INDICATORS)[number]) {
  const { min, max } = INDICATOR_INFO[code];
  return fc.double({ min, max, noNaN: true }).map((v) => v || 0); // no -0: a cell cannot hold it
}

const subgroupResult: fc.Arbitrary<SubgroupResult> = fc.record(
  { n: fc.nat({ max: 5000 }), ...Object.fromEntries(INDICATORS.map((code) => [code, valueFor(code)])) },
  { requiredKeys: ["n"] },
) as fc.Arbitrary<SubgroupResult>;

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

const school = (id: string): fc.Arbitrary<School> =>
  fc
    .record(
      {
        name: text,
        district: text,
        level: fc.constantFrom(...SCHOOL_LEVELS),
        title1: fc.constantFrom(...TITLE1_STATUSES),
        sig: fc.boolean(),
        history,
        all: subgroupResult,
        others: fc.dictionary(fc.constantFrom(...SUBGROUPS.slice(1)), subgroupResult, { maxKeys: 5 }),
      },
      { requiredKeys: ["level", "title1", "all", "others"] },
    )
    .map(({ all, others, ...rest }) => ({ id, ...rest, subgroups: { ALL: all, ...others } }) as School);

const request: fc.Arbitrary<ScoreRequest> = fc
  .record({
    year: fc.option(fc.integer({ min: 2014, max: 2030 }), { nil: undefined }),
    ids: fc.uniqueArray(text, { minLength: 1, maxLength: 6 }),
  })
  .chain(({ year, ids }) => fc.tuple(...ids.map(school)).map((schools) => (year === undefined ? { schools } : { year, schools })));

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

  it("reads back as the same request, history, SIG and year included", () => {
    fc.assert(
      fc.property(request, (req) => {
        const read = readTable(requestToLongRows(req), DATA);
        expect(read.problems).toEqual([]);
        expect(read.request).toEqual(req);
      }),
      { numRuns: 200 },
    );
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

describe("results tables", () => {
  const schools = [
    {
      id: "A",
      name: "Alpha",
      level: "elementary",
      title1: "participating",
      subgroups: { ALL: { n: 100, ela: 40, math: 40, growth: 50, chronicAbsence: 10, suspension: 2, sel: 70, climate: 70 }, HI: { n: 30, ela: 20, math: 20 } },
    },
    { id: "B", level: "elementary", title1: "none", subgroups: { ALL: { n: 100, ela: 40 } } },
  ];

  it("has one row per school with the contract's columns, nulls for what is not there", async () => {
    const scored = await scoreRequest({ schools });
    if (!scored.ok) throw new Error(JSON.stringify(scored.problems));
    const table = resultsTable(scored.value);
    expect(table.header.slice(0, 13)).toEqual([
      "School ID",
      "School",
      "District",
      "Level",
      "Title I",
      "Status",
      "Index Score",
      "Index Level",
      "Band",
      "Academic",
      "SE/CC",
      "ELA Level",
      "ELA Points",
    ]);
    expect(table.header.length).toBe(11 + 2 * INDICATORS.length + 9);
    expect(table.rows.map((r) => r.length)).toEqual([table.header.length, table.header.length]);
    const column = (name: string) => table.rows.map((r) => r[table.header.indexOf(name)]);
    expect(column("School ID")).toEqual(["A", "B"]);
    expect(column("Status")).toEqual(["Scored", "Unscored"]);
    expect(column("Index Score")).toEqual([scored.value.results[0]!.index!.score, null]);
    expect(column("District")).toEqual([null, null]);
    expect(column("Graduation Level")).toEqual([null, null]);
    expect(column("Index Reasons")[1]).toMatch(/no index/);
  });

  it("has one row per school × group reported", async () => {
    const scored = await scoreRequest({ schools });
    if (!scored.ok) throw new Error(JSON.stringify(scored.problems));
    const table = subgroupsTable(scored.value);
    expect(table.header.slice(0, 8)).toEqual(["School ID", "School", "Group", "Group Name", "N", "Accountable", "Flags", "Academic Level"]);
    expect(table.rows.map((r) => [r[0], r[2], r[3], r[4]])).toEqual([
      ["A", "ALL", "All Students", 100],
      ["A", "HI", "Hispanic/Latino", 30],
      ["B", "ALL", "All Students", 100],
    ]);
  });
});
