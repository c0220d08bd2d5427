// The Data table's Year column (methodology §13 "Input"): two years in a row make the later year's
// schools with the earlier year as their prior; any other year, a blank Year among filled ones and
// a year the workbook's config does not score are problems at their cells; a school with rows of
// the prior year only is a note.
import { describe, expect, it } from "vitest";
import { parseScoreRequest } from "../../../shared/schools/score.js";
import { problemLine } from "../../../shared/tables/cells.js";
import { readConfigSheet } from "../../../shared/tables/config-sheet.js";
import { readTable } from "../../../shared/tables/school-table.js";
import { readWorkbookData, workbookRequest } from "../../../shared/tables/workbook-request.js";
import { DATA, schemaProblems } from "./table-fixtures.js";

const LONG = ["School ID", "School", "Level", "Title I", "Student Group", "N", "ELA", "Math", "Year"];
const lines = (problems: readonly { cell?: string; path: string; message: string }[]) => problems.map(problemLine);

/** Two schools over 2013 and 2014, the earlier year's rows first, as a district's two files pasted one under the other. */
const TWO_YEARS = [
  LONG,
  ["A", "Alder (old name)", "Middle", "No", "ALL", 310, 40, 35, 2013],
  ["A", "Alder (old name)", "Middle", "No", "HI", 19, 30, 28, 2013],
  ["B", "Birch", "High", "Yes", "ALL", 800, 52, 47, "2012-13"],
  ["A", "Alder", "Elementary", "Yes", "ALL", 300, 44, 37, 2014],
  ["A", "Alder", "Elementary", "Yes", "HI", 21, 33, 30, 2014],
  ["B", "Birch", "High", "Yes", "ALL", 790, 50, 49, 2014],
  ["C", "Cedar", "High", "Yes", "ALL", 500, 60, 55, 2014],
];

describe("a long table of two years", () => {
  it("scores the later year and makes the earlier each school's prior year, attributes from the later", () => {
    const read = readTable(TWO_YEARS, DATA);
    expect(read.problems).toEqual([]);
    expect(read.notes).toEqual([]);
    expect(read.years).toEqual({ scored: 2014, prior: 2013 });
    expect(read.request).toEqual({
      year: 2014,
      schools: [
        {
          id: "A",
          name: "Alder",
          level: "elementary",
          title1: "participating",
          subgroups: { ALL: { n: 300, ela: 44, math: 37 }, HI: { n: 21, ela: 33, math: 30 } },
          prior: { year: 2013, subgroups: { ALL: { n: 310, ela: 40, math: 35 }, HI: { n: 19, ela: 30, math: 28 } } },
        },
        {
          id: "B",
          name: "Birch",
          level: "high",
          title1: "participating",
          subgroups: { ALL: { n: 790, ela: 50, math: 49 } },
          prior: { year: 2013, subgroups: { ALL: { n: 800, ela: 52, math: 47 } } },
        },
        // A new school: no rows of 2013, no prior year.
        { id: "C", name: "Cedar", level: "high", title1: "participating", subgroups: { ALL: { n: 500, ela: 60, math: 55 } } },
      ],
    });
    expect(parseScoreRequest(read.request).ok).toBe(true);
    expect(read.locate("year")).toBe("Data!I5");
    expect(read.locate("schools[0].prior.year")).toBe("Data!I2");
    expect(read.locate("schools[0].prior.subgroups.HI.math")).toBe("Data!H3");
    expect(read.locate("schools[1].prior")).toBe("Data!A4");
  });

  it("checks the prior year's values as the year scored's, each problem at its cell", () => {
    const rows = TWO_YEARS.map((r) => [...r]);
    rows[2]![6] = "abc"; // A's HI ELA, 2013
    rows[3]![7] = 120; // B's ALL Math, 2013: out of range, found by the schema
    rows.push(["A", "", "Middle", "No", "HI", 20, 31, 29, 2013]); // HI of 2013 again
    const read = readTable(rows, DATA);
    expect(lines(read.cellProblems(schemaProblems(read.request)))).toEqual([
      'Data!G3: "abc" is not a number between 0 and 100',
      "Data!H4: expected a number from 0 to 100, got 120",
      'Data!E9: a second Hispanic/Latino row of 2013 for school "A" (the first is row 3)',
    ]);
  });

  it("says when a school's prior year has no All Students row", () => {
    const read = readTable([LONG, ["A", "", "ES", "Yes", "ALL", 300, 44, 37, 2014], ["A", "", "ES", "Yes", "HI", 19, 30, 28, 2013]], DATA);
    expect(lines(read.problems)).toEqual(['Data!E3: school "A" has no All Students row of 2013']);
  });

  it("notes a school with rows of the prior year only, once, and scores the rest", () => {
    const rows = [...TWO_YEARS, ["D", "Dogwood", "High", "Yes", "ALL", 400, 30, 30, 2013], ["D", "Dogwood", "High", "Yes", "HI", 200, 28, 27, 2013]];
    const read = readTable(rows, DATA);
    expect(read.problems).toEqual([]);
    expect(read.request.schools.map((s) => s.id)).toEqual(["A", "B", "C"]);
    expect(read.notes).toEqual([
      {
        path: "schools",
        schoolId: "D",
        cell: "Data!A9",
        message: 'school "D" has rows of 2013, the prior year, but none of 2014, the year scored: it is not scored, and its 2 rows are not used',
      },
    ]);
  });

  it("reads one year as today: no prior year", () => {
    const read = readTable([LONG, ["A", "", "ES", "Yes", "ALL", 300, 44, 37, 2014], ["B", "", "HS", "Yes", "ALL", 300, 44, 37, 2014]], DATA);
    expect(read.years).toEqual({ scored: 2014 });
    expect(read.request.schools.some((s) => "prior" in s)).toBe(false);
    expect(read.request.year).toBe(2014);
  });
});

describe("years that cannot be read", () => {
  it("makes a row of a third year a problem at its Year cell, saying which years are read", () => {
    const read = readTable([...TWO_YEARS, ["A", "", "ES", "Yes", "ALL", 290, 41, 36, 2012]], DATA);
    expect(lines(read.problems)).toEqual([
      "Data!I9: 2012 is neither the year scored, 2014 (the latest in the Year column), nor the year before it, 2013 (the prior year): a row of any other year cannot be read",
    ]);
    expect(read.request.schools[0]!.prior).toMatchObject({ year: 2013 });
  });

  it("reads years that are not consecutive as the latest alone, the others problems", () => {
    const read = readTable([LONG, ["A", "", "ES", "Yes", "ALL", 300, 44, 37, 2011], ["A", "", "ES", "Yes", "ALL", 300, 44, 37, 2014]], DATA);
    expect(lines(read.problems)).toEqual([
      "Data!I2: 2011 is neither the year scored, 2014 (the latest in the Year column), nor the year before it, 2013 (the prior year): a row of any other year cannot be read",
    ]);
    expect(read.request).toEqual({
      year: 2014,
      schools: [{ id: "A", level: "elementary", title1: "participating", subgroups: { ALL: { n: 300, ela: 44, math: 37 } } }],
    });
  });

  it("makes a blank Year among filled ones, and a Year that is not one, problems at their cells", () => {
    const read = readTable(
      [
        LONG,
        ["A", "", "ES", "Yes", "ALL", 300, 44, 37, 2014],
        ["B", "", "ES", "Yes", "ALL", 300, 44, 37, ""],
        ["C", "", "ES", "Yes", "ALL", 300, 44, 37, "soon"],
        ["D", "", "ES", "Yes", "ALL", 300, 44, 37, 1850],
      ],
      DATA,
    );
    expect(lines(read.problems)).toEqual([
      "Data!I3: this row has no Year, but other rows have one (2014 in Data!I2): give every row its year",
      'Data!I4: "soon" is not a year',
      "Data!I5: expected a whole year ≥ 1900, got 1850",
    ]);
    expect(read.request.schools.map((s) => s.id)).toEqual(["A"]);
  });
});

describe("a wide table of two years", () => {
  const WIDE = ["School ID", "Level", "Title I", "N", "ELA", "N (HI)", "ELA (HI)", "School Year"];
  it("reads one row per school and year, the earlier row the prior year", () => {
    const read = readTable(
      [WIDE, ["A", "ES", "Yes", 300, 44, 21, 33, "2013-14"], ["A", "MS", "No", 310, 40, 19, 30, "2012-13"], ["B", "HS", "Yes", 800, 50, "", "", "2013-14"]],
      DATA,
    );
    expect(read.problems).toEqual([]);
    expect(read.request).toEqual({
      year: 2014,
      schools: [
        {
          id: "A",
          level: "elementary",
          title1: "participating",
          subgroups: { ALL: { n: 300, ela: 44 }, HI: { n: 21, ela: 33 } },
          prior: { year: 2013, subgroups: { ALL: { n: 310, ela: 40 }, HI: { n: 19, ela: 30 } } },
        },
        { id: "B", level: "high", title1: "participating", subgroups: { ALL: { n: 800, ela: 50 } } },
      ],
    });
    expect(read.locate("schools[0].prior.subgroups.HI.ela")).toBe("Data!G3");
  });

  it("refuses a second row of a school in the same year, and a third year, at their cells", () => {
    const read = readTable(
      [
        WIDE,
        ["A", "ES", "Yes", 300, 44, 21, 33, 2014],
        ["A", "ES", "Yes", 310, 40, 19, 30, 2013],
        ["A", "ES", "Yes", 305, 41, 19, 30, 2013],
        ["A", "ES", "Yes", 1, 1, 1, 1, 2015.5],
      ],
      DATA,
    );
    expect(lines(read.problems)).toEqual([
      'Data!A4: school "A" already has a row of 2013 (row 3); this one is not read',
      "Data!H5: expected a whole year ≥ 1900, got 2015.5",
    ]);
  });
});

describe("the year the workbook scores", () => {
  const config = (year: number) =>
    readConfigSheet({
      sheet: "SQII Config",
      firstRow: 1,
      firstColumn: 1,
      values: [
        ["Setting", "Value"],
        ["year", year],
      ],
    });
  const data = { ...DATA, values: TWO_YEARS };

  it("scores SQII Config's year when the data has it, the year before as the prior", () => {
    const read = readWorkbookData(data, null, config(2014));
    const made = workbookRequest(read, { sheet: config(2014) });
    expect(made.problems()).toEqual([]);
    expect(made.request.year).toBe(2014);
    expect(made.request.schools[0]!.prior).toMatchObject({ year: 2013 });
  });

  it("makes rows of a year other than SQII Config's and the one before problems at their Year cells", () => {
    const read = readWorkbookData(data, null, config(2013));
    expect(read.years).toEqual({ scored: 2013 });
    const problems = lines(workbookRequest(read, { sheet: config(2013) }).problems());
    expect(problems).toHaveLength(4);
    expect(problems[0]).toBe(
      "Data!I5: 2014 is neither the year scored, 2013 (set in 'SQII Config'!B2), nor the year before it, 2012 (the prior year): a row of any other year cannot be read",
    );
    expect(read.request.schools.map((s) => [s.id, s.prior])).toEqual([
      ["A", undefined],
      ["B", undefined],
    ]);
  });

  it("says at SQII Config's cell when the data has no row of its year", () => {
    const read = readWorkbookData(data, null, config(2016));
    expect(lines(workbookRequest(read, { sheet: config(2016) }).problems())).toEqual([
      "'SQII Config'!B2: year 2016 differs from the data's Year 2014 in Data!I5: make them agree, or leave this one blank",
    ]);
  });

  it("takes --year over SQII Config's, and refuses one that is not the later of two years", () => {
    const read = readWorkbookData(data, null, config(2013), 2014);
    expect(workbookRequest(read, { sheet: config(2013), year: 2014 }).problems()).toEqual([]);
    const off = readWorkbookData(data, null, null, 2015);
    expect(lines(workbookRequest(off, { sheet: null, year: 2015 }).problems())).toEqual([
      "year: --year 2015 is not the year the data scores: its Year column (Data!I5) holds 2013 and 2014, the later scored with the earlier as its prior year; leave --year out, or make it 2014",
    ]);
    // One year: --year names it, as it always has.
    const one = readWorkbookData({ ...DATA, values: [LONG, ["A", "", "ES", "Yes", "ALL", 300, 44, 37, 2013]] }, null, null, 2015);
    expect(workbookRequest(one, { sheet: null, year: 2015 })).toMatchObject({ request: { year: 2015 } });
  });
});
