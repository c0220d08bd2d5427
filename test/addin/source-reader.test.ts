// Read → map → validate, against office-addin-mock: the add-in's path from a selection to
// cell-addressed problems, without writing a single input cell.
import { OfficeMockObject } from "office-addin-mock";
import { describe, expect, it } from "vitest";
import { parseAddress, readSource } from "../../addin/source-reader.js";
import { parseScoreRequest } from "../../shared/schools/score.js";
import { readTable } from "../../shared/tables/school-table.js";

const HEADER = ["School ID", "School", "District", "Level", "Title I", "Student Group", "N", "ELA", "Math"];
const VALUES = [
  HEADER,
  ["0161259", "Alpha", "Oakland", "Elementary", "Yes", "All Students", 300, 45, 40],
  ["0161259", "Alpha", "Oakland", "Elementary", "Yes", "Hispanic or Latino", 120, "abc", 35],
  ["0161260", "Beta", "Oakland", "Elementary", "Yes", "All Students", 250, 30, 140],
];

/** A workbook whose table Schools sits at Data!B3:J6; `selection` is what the user selected. */
function excel(selection: { address: string; rowCount: number; columnCount: number; values?: unknown[][] }, inTable: boolean) {
  // office-addin-mock wraps only what is reached through `this`, so each method returns a property.
  const tableRange = { address: "Data!B3:J6", values: VALUES.map((r) => [...r]), numberFormat: VALUES.map((r) => r.map(() => "General")) };
  const tables = {
    first: {
      name: "Schools",
      range: tableRange,
      getRange() {
        return this.range;
      },
    },
    // A ClientResult is readable after sync without load(); returned unwrapped, the mock agrees.
    getCount: () => ({ value: inTable ? 1 : 0 }),
    getFirst() {
      return this.first;
    },
  };
  const selected = {
    numberFormat: [["General"]],
    values: [[]],
    ...selection,
    tables,
    getTables() {
      return this.tables;
    },
  };
  return new OfficeMockObject({
    context: {
      workbook: {
        selected,
        getSelectedRange() {
          return this.selected;
        },
      },
    },
  }) as unknown as { context: Excel.RequestContext };
}

describe("parseAddress", () => {
  it("finds sheet, first row and column, with quoted sheet names", () => {
    expect(parseAddress("Data!B3:J6")).toEqual({ sheet: "Data", firstRow: 3, firstColumn: 2 });
    expect(parseAddress("'Spring ''14 data'!$AA$10")).toEqual({ sheet: "Spring '14 data", firstRow: 10, firstColumn: 27 });
    expect(() => parseAddress("B3")).toThrow(/not a range address/);
  });
});

describe("readSource", () => {
  it("a single cell inside a table reads the whole table, in one batch with its place", async () => {
    const mock = excel({ address: "Data!C4", rowCount: 1, columnCount: 1 }, true);
    const source = await readSource(mock.context);
    expect(source).toMatchObject({ address: "Data!B3:J6", table: "Schools", place: { sheet: "Data", firstRow: 3, firstColumn: 2 } });
    expect(source.values).toEqual(VALUES);
  });

  it("a larger selection is read as it is", async () => {
    const values = [HEADER, VALUES[1]!];
    const mock = excel({ address: "Data!B3:J4", rowCount: 2, columnCount: 9, values }, true);
    const source = await readSource(mock.context);
    expect(source).toMatchObject({ address: "Data!B3:J4", table: null });
    expect(source.values).toEqual(values);
  });

  it("maps every problem to its cell: reading problems and schema problems alike, input untouched", async () => {
    const mock = excel({ address: "Data!C4", rowCount: 1, columnCount: 1 }, true);
    const source = await readSource(mock.context);
    const read = readTable(source.values, source.place, { numberFormats: source.numberFormats });
    const parsed = parseScoreRequest(read.request);
    const problems = read.cellProblems(parsed.ok ? [] : parsed.problems);
    // ELA is column I (B + 7); "abc" is on sheet row 5, the 140 in Math (J) on row 6.
    expect(problems.map((p) => p.cell)).toEqual(["Data!I5", "Data!J6"]);
    expect(problems[0]!.message).toContain('"abc"');
    expect(problems[1]!.message).toBe("expected a number from 0 to 100, got 140");
    expect(source.values).toEqual(VALUES); // what the add-in read is what the sheet holds, unchanged
  });
});
