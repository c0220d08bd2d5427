// SQII History read as each school's history: the sheet's rows, every problem on its cell, notes
// for rows that cannot count (they do not stop scoring), the JSON-in-a-cell History column beside
// it, and the round trip request → workbook (Data + SQII History) → request.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { HistoryEntry, School, ScoreRequest } from "../../../shared/contract/requests.js";
import type { Problem } from "../../../shared/core/problems.js";
import { workbookSheets } from "../../../shared/reports/history-sheets.js";
import { parseScoreRequest } from "../../../shared/schools/score.js";
import { problemLine } from "../../../shared/tables/cells.js";
import { withHistorySheet } from "../../../shared/tables/history-merge.js";
import { readHistorySheet } from "../../../shared/tables/history-table.js";
import { readTable } from "../../../shared/tables/school-table.js";

const HEADER = ["School ID", "Year", "Index", "Designation", "Graduation"];
const history = (values: unknown[][], firstRow = 1) => ({ sheet: "SQII History", firstRow, firstColumn: 1, values });
const DATA = [
  ["School ID", "Level", "Title I", "Student Group", "N", "ELA", "Math", "Graduation"],
  ["A", "High", "Yes", "ALL", 300, 40, 35, 70],
  ["0161259", "Elementary", "Yes", "ALL", 200, 50, 55, ""],
];
const data = (rows = DATA) => readTable(rows, { sheet: "Data", firstRow: 1, firstColumn: 1 });

function schemaProblems(request: unknown): Problem[] {
  const parsed = parseScoreRequest(request);
  return parsed.ok ? [] : parsed.problems;
}

describe("readHistorySheet", () => {
  it("finds the header under notes, reads codes or labels, school years and percent cells, and skips blank rows", () => {
    const read = readHistorySheet({
      ...history([
        ["Our history, typed in 2015"],
        [],
        ["ID", "School Year", "Index Score", "Status", "Grad Rate"],
        ["A", "2012-13", 55.25, "Focus", "58.5%"],
        [],
        ["A", 2014, "", "none", ""],
      ]),
      numberFormats: [],
    });
    expect(read.log.sorted()).toEqual([]);
    expect(read.place).toEqual({ sheet: "SQII History", firstRow: 3, firstColumn: 1 });
    expect(read.rows.map((r) => [r.row, r.id, r.entry])).toEqual([
      [1, "A", { year: 2013, designation: "focus", index: 55.25, gradRate: 58.5 }],
      [3, "A", { year: 2014, designation: "none" }],
    ]);
    expect(read.lastRow).toBe(3);
  });

  it("puts every problem on its cell and leaves those rows out", () => {
    const read = readHistorySheet(
      history([
        HEADER,
        ["A", "last year", 50, "Focus", ""],
        ["A", 2013, "high", "Reward", ""],
        ["B", 2013, 50, "Excellent", 70],
        ["", 2013, 50, "None", ""],
        ["C", 2013, 50, "", ""],
        ["D", 2012, 50, "None", ""],
        ["D", 2012, 51, "None", ""],
      ]),
    );
    expect(read.log.sorted().map(problemLine)).toEqual([
      `'SQII History'!B2: "last year" is not a year`,
      `'SQII History'!C3: "high" is not an index score from 0 to 100`,
      `'SQII History'!D4: "Excellent" is not a designation (Priority, Focus, Reward, None)`,
      "'SQII History'!A5: this row has values but no School ID",
      "'SQII History'!D6: this row has no Designation: Priority, Focus, Reward, None",
      `'SQII History'!B8: school "D" has a 2012 row already (row 7); give each school and year once`,
    ]);
    expect(read.rows.map((r) => r.row)).toEqual([6]);
  });

  it("reports a sheet without the header, and a header without Designation, at their cells", () => {
    expect(
      readHistorySheet(
        history([
          ["School", "When"],
          ["A", 2013],
        ]),
      )
        .log.sorted()
        .map(problemLine),
    ).toEqual([
      "'SQII History'!A1: no header row naming School ID and Year; the history table's columns are School ID | Year | Index | Designation | Graduation",
    ]);
    expect(
      readHistorySheet(
        history(
          [
            ["School ID", "Year"],
            ["A", 2013],
          ],
          4,
        ),
      )
        .log.sorted()
        .map(problemLine),
    ).toEqual(["'SQII History'!A4: the table has no Designation column"]);
  });
});

describe("withHistorySheet", () => {
  it("gives each school its rows; a number cell that lost an id's leading zeros still finds its school", () => {
    const read = withHistorySheet(
      data(),
      history([HEADER, ["A", 2013, 48.5, "Focus", 57], [161259, 2013, 61, "None", ""], ["A", 2012, 47, "Focus", 59]]),
      2014,
    );
    expect(read.notes).toEqual([]);
    expect(read.problems).toEqual([]);
    expect(read.request.schools.map((s) => [s.id, s.history])).toEqual([
      [
        "A",
        [
          { year: 2013, designation: "focus", index: 48.5, gradRate: 57 },
          { year: 2012, designation: "focus", index: 47, gradRate: 59 },
        ],
      ],
      ["0161259", [{ year: 2013, designation: "none", index: 61 }]],
    ]);
  });

  it("notes rows of schools not in the data and of years not before the scored one, and scores anyway", () => {
    const read = withHistorySheet(
      data(),
      history([
        HEADER,
        ["Z", 2013, 50, "None", ""],
        ["A", 2014, 50, "Focus", ""],
        ["Z", 2012, 50, "None", ""],
        ["A", 2013, 50, "Focus", ""],
        ["A", 2015, 50, "Focus", ""],
      ]),
      2014,
    );
    expect(read.notes.map(problemLine)).toEqual([
      `'SQII History'!A2: school "Z" is not in the data; its 2 rows are not used`,
      "'SQII History'!B3: the row of 2014 is not before the scored year 2014, so not used",
      "'SQII History'!B6: the row of 2015 is not before the scored year 2014, so not used",
    ]);
    expect(read.cellProblems(schemaProblems(read.request))).toEqual([]);
    expect(read.request.schools[0]!.history).toEqual([{ year: 2013, designation: "focus", index: 50 }]);
  });

  it("places the schema's problems of a sheet entry at the sheet's cell, and the data's at the data's", () => {
    const rows = DATA.map((r) => [...r]);
    rows[1]![5] = 140;
    const read = withHistorySheet(data(rows), history([HEADER, ["A", 2013, 48, "None", ""], ["A", 2012, 150, "None", 101]]), 2014);
    expect(read.cellProblems(schemaProblems(read.request)).map(problemLine)).toEqual([
      "Data!F2: expected a number from 0 to 100, got 140",
      "'SQII History'!C3: expected an index score from 0 to 100, got 150",
      "'SQII History'!E3: expected a graduation rate from 0 to 100, got 101",
    ]);
    expect(read.locate("schools[0].history[1].gradRate")).toBe("'SQII History'!E3");
    expect(read.locate("schools[0].subgroups.ALL.ela")).toBe("Data!F2");
  });

  it("merges the History cell's years with the sheet's; a year in both is a problem at the sheet's cell", () => {
    const rows = [
      [...DATA[0]!, "History"],
      [
        ...DATA[1]!,
        JSON.stringify([
          { year: 2011, designation: "none" },
          { year: 2012, designation: "focus" },
        ]),
      ],
      [...DATA[2]!, ""],
    ];
    const read = withHistorySheet(data(rows), history([HEADER, ["A", 2013, 50, "Focus", ""], ["A", 2012, 49, "Focus", ""]]), 2014);
    expect(read.cellProblems([]).map(problemLine)).toEqual([
      `'SQII History'!B3: 2012 is in school "A"'s History cell (Data!I2) too; give each year in one place`,
    ]);
    expect(read.request.schools[0]!.history).toEqual([
      { year: 2011, designation: "none" },
      { year: 2012, designation: "focus" },
      { year: 2013, designation: "focus", index: 50 },
    ]);
  });

  it("is the data table as it is when the workbook has no history sheet", () => {
    const read = data();
    expect(withHistorySheet(read, null, 2014)).toEqual({ ...read, notes: [] });
  });
});

// ---------------------------------------------------------------- round trip

const entry: fc.Arbitrary<Omit<HistoryEntry, "year">> = fc.record(
  {
    index: fc.integer({ min: 0, max: 1000 }).map((v) => v / 10),
    designation: fc.constantFrom("priority", "focus", "reward", "none"),
    gradRate: fc.double({ min: 0, max: 100, noNaN: true }).map((v) => v || 0),
  },
  { requiredKeys: ["designation"] },
);
const schoolHistory = fc
  .uniqueArray(fc.integer({ min: 2005, max: 2013 }), { maxLength: 4 })
  .chain((years) => fc.tuple(...years.map((year) => entry.map((e) => ({ year, ...e })))));
const id = fc.oneof(fc.stringMatching(/^[A-Z][A-Za-z0-9 -]{0,10}[a-z0-9]$/), fc.stringMatching(/^0\d{6}$/));
const request: fc.Arbitrary<ScoreRequest> = fc
  .record({ year: fc.option(fc.integer({ min: 2014, max: 2030 }), { nil: undefined }), ids: fc.uniqueArray(id, { minLength: 1, maxLength: 6 }) })
  .chain(({ year, ids }) =>
    fc
      .tuple(
        ...ids.map((schoolId) =>
          fc
            .option(schoolHistory, { nil: undefined })
            .map((h): School => ({ id: schoolId, level: "high", title1: "participating", ...(h && { history: h }), subgroups: { ALL: { n: 100, grad: 80 } } })),
        ),
      )
      .map((schools) => (year === undefined ? { schools } : { year, schools })),
  );

describe("request with history → workbook → request", () => {
  it("reads back equal: Data holds the schools, SQII History their history", () => {
    fc.assert(
      fc.property(request, (req) => {
        const [dataSheet, historySheet] = workbookSheets(req);
        expect(dataSheet!.table!.header).not.toContain("History");
        const table = readTable([dataSheet!.table!.header, ...dataSheet!.table!.rows], { sheet: "Data", firstRow: 1, firstColumn: 1 });
        const sheet = historySheet && history([historySheet.table!.header, ...historySheet.table!.rows]);
        const read = withHistorySheet(table, sheet ?? null, table.request.year);
        expect(read.cellProblems(schemaProblems(read.request))).toEqual([]);
        expect(read.notes).toEqual([]);
        // A school with an empty history list writes no row: it reads back without one.
        expect(read.request).toEqual({ ...req, schools: req.schools.map((s) => (s.history?.length === 0 ? { ...s, history: undefined } : s)) });
      }),
      { numRuns: 200 },
    );
  });
});
