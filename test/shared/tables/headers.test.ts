// Reading cells and headers as people write them: addresses, header synonyms, names and codes, numbers.
import { describe, expect, it } from "vitest";
import { SUBGROUP_NAMES, SUBGROUPS } from "../../../shared/core/model.js";
import { cellAddress, columnLetters, problemLine } from "../../../shared/tables/cells.js";
import { fieldOfHeader, groupOfName } from "../../../shared/tables/school-columns.js";
import { readTable } from "../../../shared/tables/school-table.js";
import { DATA, LONG_HEADER, schemaProblems } from "./table-fixtures.js";

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
