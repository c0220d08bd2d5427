// The school table, long and wide, read into a request with every problem on its cell.
import { describe, expect, it } from "vitest";
import { parseScoreRequest } from "../../../shared/schools/score.js";
import { problemLine } from "../../../shared/tables/cells.js";
import { readTable } from "../../../shared/tables/school-table.js";
import { DATA, LONG_HEADER, schemaProblems } from "./table-fixtures.js";

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

  it("reads an ID that looks like a no-value mark (NA, -, *) as an ID: a name is data", () => {
    const read = readTable(
      [
        LONG_HEADER,
        ["NA", "Alpha", "Oakland", "ES", "Yes", "ALL", 100, 40, 40],
        ["-", "Beta", "Oakland", "ES", "Yes", "ALL", 100, "NA", 40],
        ["  ", "Gamma", "", "ES", "Yes", "ALL", 100, 40, 40],
      ],
      DATA,
    );
    expect(read.request.schools.map((s) => [s.id, s.subgroups.ALL?.ela])).toEqual([
      ["NA", 40],
      ["-", undefined],
    ]);
    expect(read.problems.map(problemLine)).toEqual(["Data!A4: this row has values but no school ID"]);
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
