// The optional input sheets are found by name, with or without the "SQII " prefix, in the add-in
// (Office.js, here the fake workbook) and in an .xlsx file (the command line): same rule, one module.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readInputSheet, readSource } from "../../addin/source-reader.js";
import { readInputSheet as readFileInputSheet, readTableFile } from "../../scripts/cli/table-files.js";
import { isInputSheetName } from "../../shared/tables/input-sheets.js";
import { FakeWorkbook } from "./fake-excel.js";

describe("input sheet names", () => {
  it("accept the SQII prefix or none, and ignore case, spaces and punctuation", () => {
    expect(["SQII Config", "Config", "sqii_config", "CONFIG"].map((n) => isInputSheetName(n, "config"))).toEqual([true, true, true, true]);
    expect(["SQII Evaluation Config", "Evaluation Config"].map((n) => isInputSheetName(n, "evaluationConfig"))).toEqual([true, true]);
    expect(["Configs", "SQII Config 2", "History"].map((n) => isInputSheetName(n, "config"))).toEqual([false, false, false]);
  });
});

describe("readInputSheet in the add-in", () => {
  it("reads the used range of the sheet named Config, from its first used cell; null when there is none", async () => {
    const book = new FakeWorkbook();
    book.addSheet("Data");
    const sheet = book.addSheet("Config");
    sheet.getRangeByIndexes(2, 1, 2, 2).values = [
      ["Setting", "Value"],
      ["minN", 30],
    ];
    const read = await readInputSheet(book.context(), "config");
    expect(read).toMatchObject({
      address: "Config!B3:C4",
      place: { sheet: "Config", firstRow: 3, firstColumn: 2 },
      values: [
        ["Setting", "Value"],
        ["minN", 30],
      ],
    });
    expect(await readInputSheet(book.context(), "history")).toBeNull();
    book.select("Data", 0, 0);
    expect((await readSource(book.context())).place.sheet).toBe("Data"); // the selection is still what Score reads
  });
});

describe("readInputSheet in a file", () => {
  it("finds SQII History in an .xlsx, and takes the school data from the first sheet that is not an SQII sheet", async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), "sqii-inputs-")), "book.xlsx");
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("SQII Config").addRow(["Setting", "Value"]);
    workbook.addWorksheet("Schools 2014").addRow(["School ID", "Level"]);
    const history = workbook.addWorksheet("SQII History");
    history.addRow(["School ID", "Year", "Index"]);
    history.addRow(["A", 2013, 55.2]);
    await workbook.xlsx.writeFile(file);
    expect(await readFileInputSheet(file, "history")).toMatchObject({
      sheet: "SQII History",
      firstRow: 1,
      values: [
        ["School ID", "Year", "Index"],
        ["A", 2013, 55.2],
      ],
    });
    expect(await readFileInputSheet(file, "evaluationConfig")).toBeNull();
    expect((await readTableFile(file)).sheet).toBe("Schools 2014");
  });
});
