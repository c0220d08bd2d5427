import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv, readTableFile } from "../../scripts/cli/table-files.js";
import { toCsv, writeCsv, writeWorkbook } from "../../scripts/cli/xlsx-writer.js";
import type { ScoreRequest } from "../../shared/contract/requests.js";
import { DISTRICTS_SHEET } from "../../shared/reports/district-sheet.js";
import { INDICATORS_SHEET } from "../../shared/reports/indicator-sheet.js";
import { PARTNERSHIPS_SHEET } from "../../shared/reports/partnership-sheet.js";
import { RESULTS_SHEET, resultSheets, resultsTable } from "../../shared/reports/score-report.js";
import { scoredRun } from "../../shared/reports/scored-run.js";
import { SUBGROUPS_SHEET } from "../../shared/reports/subgroup-sheet.js";
import { inputSheet } from "../../shared/reports/templates.js";
import { parseScoreRequest, scoreSchools } from "../../shared/schools/score.js";
import { requestToLongRows } from "../../shared/tables/school-rows.js";
import { readTable } from "../../shared/tables/school-table.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sqii-workbook-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const REQUEST: ScoreRequest = {
  year: 2014,
  schools: [
    {
      id: "01611190130229",
      name: 'Niños "Uno", K-8',
      district: "Oakland",
      level: "span",
      title1: "participating",
      sig: true,
      history: [{ year: 2013, index: 41.5, designation: "focus", gradRate: null }],
      subgroups: { ALL: { n: 420, ela: 41.3, math: 0.1 + 0.2, growth: 48 }, HI: { n: 130, ela: 35.25, chronicAbsence: 12 } },
    },
    { id: "B2", level: "high", title1: "none", subgroups: { ALL: { n: 900, grad: 88.8, suspension: 3.1 } } },
  ],
};

describe("parseCsv", () => {
  it("reads quotes, escaped quotes, line breaks in quotes, CRLF and a byte order mark", () => {
    expect(parseCsv('\ufeffa,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n,,\r\n')).toEqual([
      ["a", "b", "c"],
      ["x, y", 'say "hi"', "two\r\nlines"],
      ["", "", ""],
    ]);
  });

  it("takes LF line ends and a last line without one", () => {
    expect(parseCsv("a,b\n1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parseCsv("a,\n")).toEqual([["a", ""]]);
    expect(parseCsv("")).toEqual([]);
  });

  it("refuses a quote that never closes, naming the line", () => {
    expect(() => parseCsv('a,b\n1,"2\n')).toThrow(/line 2/);
  });

  it("reads back what toCsv writes", () => {
    const cell = fc.oneof(fc.string(), fc.constantFrom('"', ",", "\r\n", " x ", ""));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        // A row of one empty field is a blank line, which CSV cannot tell from an empty row of more.
        fc.pre(rows.every((r) => r.length > 1 || r[0] !== ""));
        expect(parseCsv(toCsv(rows))).toEqual(rows);
      }),
    );
  });
});

describe("input workbook and table files", () => {
  it("writes the request as sheet Data with a frozen, filterable header, and reads it back unchanged", async () => {
    const file = path.join(dir, "input.xlsx");
    await writeWorkbook(file, [inputSheet(REQUEST)]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet("Data")!;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.autoFilter).toBe("A1:U1"); // the 18 long-format columns, then SIG, History and Year

    const table = await readTableFile(file);
    expect(table).toMatchObject({ sheet: "Data", firstRow: 1, firstColumn: 1 });
    const read = readTable(table.values, table, { numberFormats: table.numberFormats! });
    expect(read.problems).toEqual([]);
    expect(read.request).toEqual(REQUEST);
  });

  it("reads a CSV the same way, the file name as the sheet", async () => {
    const file = path.join(dir, "schools 2014.csv");
    await writeFile(file, toCsv(requestToLongRows(REQUEST)));
    const table = await readTableFile(file);
    expect(table.sheet).toBe("schools 2014");
    const read = readTable(table.values, table);
    expect(read.request).toEqual(REQUEST);
    expect(read.locate("schools[0].subgroups.HI.ela")).toBe("'schools 2014'!H3");
  });

  it("finds the used range of sheet Data wherever the table starts, with its number formats", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Notes").getCell("A1").value = "not this sheet";
    const sheet = workbook.addWorksheet("Data");
    sheet.getCell("C3").value = "School ID";
    sheet.getCell("D3").value = { richText: [{ text: "Stu" }, { text: "dents" }] };
    sheet.getCell("E3").value = "ELA";
    sheet.getCell("C4").value = 42;
    sheet.getCell("D4").value = { formula: "100+20", result: 120 };
    sheet.getCell("E4").value = 0.452;
    sheet.getCell("E4").numFmt = "0.0%";
    const file = path.join(dir, "offset.xlsx");
    await workbook.xlsx.writeFile(file);

    const table = await readTableFile(file);
    expect(table).toMatchObject({
      sheet: "Data",
      firstRow: 3,
      firstColumn: 3,
      values: [
        ["School ID", "Students", "ELA"],
        [42, 120, 0.452],
      ],
    });
    expect(table.numberFormats![1]![2]).toBe("0.0%");
    expect(readTable(table.values, table, { numberFormats: table.numberFormats! }).locate("schools[0].subgroups.ALL.ela")).toBe("Data!E4");
  });

  it("refuses other file types", async () => {
    await expect(readTableFile(path.join(dir, "schools.txt"))).rejects.toThrow(/\.xlsx or \.csv/);
  });
});

describe("results files", () => {
  it("writes the add-in's sheets, each under its header block, and a CSV of the results", async () => {
    const checked = parseScoreRequest(REQUEST);
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    const response = await scoreSchools(checked.value.request, checked.value.config);
    const file = path.join(dir, "results.xlsx");
    const sheets = resultSheets(await scoredRun(response, checked.value), { source: "input.xlsx", at: new Date("2014-09-01T12:00:00Z"), engine: "local" });
    await writeWorkbook(file, sheets);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([RESULTS_SHEET, SUBGROUPS_SHEET, INDICATORS_SHEET, PARTNERSHIPS_SHEET, DISTRICTS_SHEET]);
    const results = workbook.getWorksheet(RESULTS_SHEET)!;
    expect(results.getColumn(1).values.slice(1, 8)).toEqual(["Methodology version", "Config hash", "Scored at", "Source", "Engine", "Year", "Schools"]);
    expect(results.getCell("B2").value).toBe(response.configHash);
    expect(results.getCell("B3").value).toBe("2014-09-01T12:00:00.000Z");
    expect(results.getCell("B6").value).toBe(2014);
    const expected = resultsTable(response);
    expect(results.getRow(9).values).toEqual([undefined, ...expected.header]);
    expect(results.getCell("A11").value).toBe("B2");
    expect(results.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 9 });
    expect(results.autoFilter).toMatch(/^A9:/);
    expect(results.actualRowCount).toBe(10); // 7 lines, the header, 2 schools (blank rows do not count)
    expect(workbook.getWorksheet(SUBGROUPS_SHEET)!.actualRowCount).toBe(7 + 1 + 3);

    // SQII Districts: the rollup, a blank row, then the n-size block.
    const districts = workbook.getWorksheet(DISTRICTS_SHEET)!;
    const column = districts.getColumn(1).values as unknown[];
    const nSize = column.indexOf("Student Group");
    expect(column[nSize - 1]).toBeUndefined();
    expect(column[nSize - 2]).toBe("Total");
    expect(districts.getRow(nSize).font?.bold).toBe(true);
    expect(column.at(-1)).toBe("Total");

    const csv = path.join(dir, "results.csv");
    await writeCsv(csv, resultsTable(response));
    const rows = parseCsv(await readFile(csv, "utf8"));
    expect(rows[0]).toEqual(expected.header);
    expect(rows.map((r) => r[0])).toEqual(["School ID", "01611190130229", "B2"]);
    expect(rows[1]![1]).toBe('Niños "Uno", K-8');
  });
});
