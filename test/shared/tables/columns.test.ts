// The column-spec reader every flat table goes through (educators today; config and history next):
// headers by label, code or synonym; blanks; numbers and percentages; every problem on its cell.
import { describe, expect, it } from "vitest";
import { asNumber, asText, asYear, asYesNo, type ColumnSpec, headerMatcher, readFlatTable } from "../../../shared/tables/columns.js";
import { readEducatorTable } from "../../../shared/tables/educator-table.js";

type Field = "id" | "rate" | "count" | "active" | "year";
const SPECS: ColumnSpec<Field>[] = [
  { field: "id", label: "Record ID", synonyms: ["Code"], required: true, convert: asText },
  { field: "rate", label: "Pass Rate", synonyms: ["% Passing"], convert: asNumber("a number between 0 and 100", { percent: true }) },
  { field: "count", label: "Students", required: true, convert: asNumber("a whole number of students") },
  { field: "active", label: "Active", convert: asYesNo() },
  { field: "year", label: "Year", convert: asYear },
];
const PLACE = { sheet: "My Sheet", firstRow: 3, firstColumn: 2 };
const pathOf = (record: number, field: Field) => `records[${record}].${field}`;

describe("headerMatcher", () => {
  it("knows a field by its label, its code and its synonyms, ignoring case, spaces and punctuation", () => {
    const fieldOf = headerMatcher(SPECS);
    expect(["Record ID", "record_id", "CODE", "id", "Pass Rate", "PASS RATE (%)", "% passing", "Students", "YEAR"].map(fieldOf)).toEqual([
      "id",
      "id",
      "id",
      "id",
      "rate",
      "rate",
      "rate",
      "count",
      "year",
    ]);
    expect(fieldOf("Comments")).toBeUndefined();
  });
});

describe("readFlatTable", () => {
  it("reads one record per non-blank row, converting cells and leaving blanks and no-value marks out", () => {
    const read = readFlatTable(
      [
        ["Code", "% Passing", "Students", "Active", "Year", "Notes"],
        [" A1 ", "45.5%", "1,204", "Y", "2013-14", "anything"],
        ["", "", "", "", "", ""],
        ["B2", 0.4, 12, false, 2014, ""],
        ["C3", "n/a", "*", "", "", ""],
      ],
      PLACE,
      SPECS,
      pathOf,
      { numberFormats: [[], [], [], [], []].map((_, r) => (r === 3 ? ["", "0.0%"] : [])) },
    );
    expect(read.log.sorted()).toEqual([]);
    expect(read.records.map((r) => r.values)).toEqual([
      { id: "A1", rate: 45.5, count: 1204, active: true, year: 2014 },
      { id: "B2", rate: 40, count: 12, active: false, year: 2014 },
      { id: "C3" },
    ]);
    expect(read.mapping.ignored).toEqual(["Notes"]);
    expect(read.mapping.recognised.map((c) => `${c.column}:${c.field}`)).toEqual(["B:id", "C:rate", "D:count", "E:active", "F:year"]);
    // Rows 2 and 4 of the values are sheet rows 5 and 7; blank rows do not count as records.
    expect([read.cellOf(0, "count"), read.cellOf(2, "id"), read.cellOf(1)]).toEqual(["'My Sheet'!D4", "'My Sheet'!B7", "'My Sheet'!B6"]);
  });

  it("puts every problem on its cell, in table order, keeping the raw value for the schema to see", () => {
    const read = readFlatTable(
      [
        ["Record ID", "Pass Rate", "Pass Rate", "Active"],
        ["A", "lots", 1, "maybe"],
      ],
      PLACE,
      SPECS,
      pathOf,
    );
    expect(read.log.sorted()).toEqual([
      { path: "", message: "the table has no Students column", cell: "'My Sheet'!B3" },
      { path: "", message: '"Pass Rate" repeats the column in C; only that one is read', cell: "'My Sheet'!D3" },
      { path: "records[0].rate", message: '"lots" is not a number between 0 and 100', cell: "'My Sheet'!C4" },
      { path: "records[0].active", message: '"maybe" is not yes or no', cell: "'My Sheet'!E4" },
    ]);
    expect(read.records[0]!.values).toEqual({ id: "A", rate: "lots", active: "maybe" });
    expect(read.mapping.missing).toEqual(["Students"]);
  });
});

describe("the educator table on the column-spec reader", () => {
  it("accepts common header names, lower-cases roles, and names the cell of a rating that is not a number", () => {
    const table = readEducatorTable(
      [
        ["Employee ID", "Role", "School Name", "District", "Practice Rating", "Student Growth", "Goals"],
        ["T1", "Teacher", "Adams", "Fresno", 3.2, "abc", ""],
      ],
      { sheet: "Staff", firstRow: 1, firstColumn: 1 },
    );
    expect(table.request.educators).toEqual([{ id: "T1", role: "teacher", school: "Adams", district: "Fresno", measures: { practice: 3.2, growth: "abc" } }]);
    expect(table.problems).toEqual([{ path: "educators[0].measures.growth", message: '"abc" is not a rating from 1 to 4', cell: "Staff!F2" }]);
    expect(table.locate("educators[0].measures.goals")).toBe("Staff!G2");
    expect(table.locate("educators[0]")).toBe("Staff!A2");
  });
});
