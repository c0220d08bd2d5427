import { describe, expect, it } from "vitest";
import { freeName, insertTemplate } from "../../addin/template.js";
import { templateRows, validationRules } from "../../shared/reports/templates.js";
import { generateConsortium } from "../../shared/samples/consortium.js";
import { parseScoreRequest } from "../../shared/schools/score.js";
import { readTable } from "../../shared/tables/school-table.js";
import { FakeWorkbook } from "./fake-excel.js";

describe("insertTemplate", () => {
  it("adds a sheet with instructions, the long-format table and validation on every value column", async () => {
    const book = new FakeWorkbook();
    const name = await insertTemplate(book.context());
    expect(name).toBe("SQII Template");
    expect(book.active).toBe("SQII Template");
    const sheet = book.sheets.get(name)!;
    const values = sheet.values();
    expect(values[0]![0]).toBe("How to fill in");
    const table = book.tables.get("SQIITemplate")!;
    const header = values[table.range.row]!;
    expect(header.slice(0, 8)).toEqual(["School ID", "School", "District", "Level", "Title I", "Student Group", "N", "ELA"]);
    expect(table.validations.get("Level")).toMatchObject({ rule: { list: { source: "Elementary,Middle,High,Span" } }, errorAlert: { style: "Stop" } });
    expect(table.validations.get("Growth")).toMatchObject({ rule: { decimal: { formula1: 1, formula2: 99, operator: "Between" } } });
    expect(table.validations.get("N")!.rule).toEqual({ wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" } });
    expect([...table.validations.keys()].sort()).toEqual(Object.keys(validationRules()).sort());
  });

  it("never replaces a sheet: a second template gets its own", async () => {
    const book = new FakeWorkbook();
    book.addSheet("SQII Template").getRangeByIndexes(0, 0, 1, 1).values = [["the user's notes"]];
    expect(await insertTemplate(book.context())).toBe("SQII Template 2");
    expect(book.sheets.get("SQII Template")!.values()).toEqual([["the user's notes"]]);
    expect(freeName(new Set(["SQII Template", "SQII Template 2"]), "SQII Template")).toBe("SQII Template 3");
  });

  it("with the sample, holds schools that read back and validate as they are", async () => {
    const sample = generateConsortium({ schools: 40, seed: 1, year: 2014 });
    const { header, rows } = templateRows(sample);
    expect(rows.every((r) => ["Elementary", "Middle", "High", "Span"].includes(String(r[header.indexOf("Level")])))).toBe(true);
    const book = new FakeWorkbook();
    await insertTemplate(book.context(), sample);
    const table = book.tables.get("SQIITemplate")!;
    const values = book.sheets.get("SQII Template")!.values().slice(table.range.row);
    const read = readTable(values, { sheet: "SQII Template", firstRow: table.range.row + 1, firstColumn: 1 });
    expect(read.problems).toEqual([]);
    const parsed = parseScoreRequest(read.request);
    expect(parsed.ok && parsed.value.request.schools.map((s) => s.id)).toEqual(sample.schools.map((s) => s.id));
  });
});
