import { describe, expect, it } from "vitest";
import { writeSheets } from "../../addin/sheet-writer.js";
import type { ReportSheet } from "../../shared/reports/report.js";
import { resultSheets } from "../../shared/reports/score-report.js";
import { scoredRun } from "../../shared/reports/scored-run.js";
import { generateConsortium } from "../../shared/samples/consortium.js";
import { parseScoreRequest, scoreSchools } from "../../shared/schools/score.js";
import { FakeWorkbook } from "./fake-excel.js";

const content = (rows: (string | number | null)[][], info: ReportSheet["info"] = [["Config hash", "abc"]]): ReportSheet => ({
  sheet: "SQII Results",
  tableName: "SQIIResults",
  info,
  table: { header: ["School ID", "Index Score"], rows },
});

/** A workbook with the user's own data, which the add-in must never change. */
function userBook(): FakeWorkbook {
  const book = new FakeWorkbook();
  const data = book.addSheet("Data");
  data.getRangeByIndexes(0, 0, 2, 2).values = [
    ["School ID", "ELA"],
    ["A", 45],
  ];
  data.tables.add(data.getRangeByIndexes(0, 0, 2, 2), true).name = "Schools";
  return book;
}

describe("writeSheets", () => {
  it("a re-run without a block leaves none of the old tables behind, so a longer table cannot hit one", async () => {
    const book = new FakeWorkbook();
    const table = (rows: number) => ({ header: ["A", "B"], rows: Array.from({ length: rows }, (_, i) => [i, i]) });
    // The first run: a main table of 2 rows and a block below it (SQII Districts' colour counts, a report's grid).
    await writeSheets(book.context(), [
      { sheet: "SQII X", tableName: "SQIIMain", info: [], table: table(2), blocks: [{ tableName: "SQIIBlock", table: table(2) }] },
    ]);
    expect([...book.tables.keys()]).toEqual(["SQIIMain", "SQIIBlock"]);
    // The second run has no block, and its main table reaches where the old block was.
    await writeSheets(book.context(), [{ sheet: "SQII X", tableName: "SQIIMain", info: [], table: table(6) }]);
    expect([...book.tables.keys()]).toEqual(["SQIIMain"]);
    expect(book.sheets.get("SQII X")!.values().length).toBe(7);
  });

  it("deletes no table of another sheet", async () => {
    const book = new FakeWorkbook();
    const table = { header: ["A"], rows: [[1]] };
    await writeSheets(book.context(), [{ sheet: "SQII Y", tableName: "SQIIY", info: [], table }]);
    await writeSheets(book.context(), [{ sheet: "SQII X", tableName: "SQIIX", info: [], table }]);
    await writeSheets(book.context(), [{ sheet: "SQII X", tableName: "SQIIX", info: [], table }]);
    expect([...book.tables.keys()].sort()).toEqual(["SQIIX", "SQIIY"]);
  });

  it("writes the info block, a blank line, then one table over header and rows, header frozen", async () => {
    const book = userBook();
    const report = await writeSheets(book.context(), [
      content([
        ["A", 61.2],
        ["B", null],
      ]),
    ]);
    const sheet = book.sheets.get("SQII Results")!;
    expect(sheet.values()).toEqual([
      ["Config hash", "abc"],
      ["", ""],
      ["School ID", "Index Score"],
      ["A", 61.2],
      ["B", ""], // null is written as "leave as is", on a cleared sheet: blank
    ]);
    expect(book.tables.get("SQIIResults")).toMatchObject({ hasHeaders: true, range: { row: 2, column: 0, rowCount: 3, columnCount: 2 } });
    expect(sheet.frozenRows).toBe(3);
    expect(report).toEqual({ syncs: 3, sheets: [{ syncs: 2, headerRow: 2, chunks: 1 }] });
  });

  it("a re-run replaces its own sheet and table; the user's sheet and table are untouched", async () => {
    const book = userBook();
    const before = book.sheets.get("Data")!.values();
    await writeSheets(book.context(), [
      content([
        ["A", 1],
        ["B", 2],
        ["C", 3],
      ]),
    ]);
    await writeSheets(book.context(), [content([["Z", 9]])]);
    expect(book.sheets.get("SQII Results")!.values()).toEqual([
      ["Config hash", "abc"],
      ["", ""],
      ["School ID", "Index Score"],
      ["Z", 9],
    ]);
    expect([...book.tables.keys()].sort()).toEqual(["SQIIResults", "Schools"]);
    expect([...book.sheets.keys()]).toEqual(["Data", "SQII Results"]);
    expect(book.sheets.get("Data")!.values()).toEqual(before);
    expect(book.tables.get("Schools")!.sheet.name).toBe("Data");
  });

  it("writes further blocks below the main table, each after a blank line, each an Excel table; the main header stays frozen", async () => {
    const book = new FakeWorkbook();
    const report = await writeSheets(book.context(), [
      {
        ...content([
          ["A", 61.2],
          ["B", 40],
        ]),
        numberFormats: { "Index Score": "0.0" },
        frozenColumns: 1,
        blocks: [{ tableName: "SQIIMore", table: { header: ["Group", "N", "Share"], rows: [["HI", 30, 0.25]] }, numberFormats: { Share: "0%" } }],
      },
    ]);
    const sheet = book.sheets.get("SQII Results")!;
    expect(sheet.values()).toEqual([
      ["Config hash", "abc", ""],
      ["", "", ""],
      ["School ID", "Index Score", ""],
      ["A", 61.2, ""],
      ["B", 40, ""],
      ["", "", ""],
      ["Group", "N", "Share"],
      ["HI", 30, 0.25],
    ]);
    expect(book.tables.get("SQIIResults")!.range).toEqual(expect.objectContaining({ row: 2, rowCount: 3, columnCount: 2 }));
    expect(book.tables.get("SQIIMore")!.range).toEqual(expect.objectContaining({ row: 6, rowCount: 2, columnCount: 3 }));
    expect([...sheet.numberFormats]).toEqual([
      ["3,1", "0.0"],
      ["4,1", "0.0"],
      ["7,2", "0%"],
    ]);
    expect([sheet.frozenRows, sheet.frozenColumns]).toEqual([3, 1]);
    // Everything in one request, then the tables: the small block rides along.
    expect(report).toEqual({ syncs: 3, sheets: [{ syncs: 2, headerRow: 2, chunks: 1 }] });

    // A re-run drops the old block's table too, instead of failing on its name.
    await writeSheets(book.context(), [{ ...content([["Z", 1]]), blocks: [{ tableName: "SQIIMore", table: { header: ["Group"], rows: [] } }] }]);
    expect(book.tables.get("SQIIMore")!.range).toEqual(expect.objectContaining({ row: 5, rowCount: 1 }));
  });

  it("chunks number formats with the values: every request within the limits, every data cell formatted", async () => {
    const rows = Array.from({ length: 500 }, (_, i) => [`S${i}`, i / 7]);
    const book = new FakeWorkbook();
    const limits = { maxBytes: 4_000, maxCells: 600 };
    const report = await writeSheets(book.context(), [{ ...content(rows), numberFormats: { "Index Score": "0.00" } }], limits);
    expect(report.sheets[0]!.chunks).toBeGreaterThan(3);
    expect(book.maxRequestBytes).toBeLessThanOrEqual(limits.maxBytes);
    expect(book.maxRequestCells).toBeLessThanOrEqual(limits.maxCells);
    const sheet = book.sheets.get("SQII Results")!;
    expect(
      sheet
        .values()
        .slice(3)
        .map((r) => r[0]),
    ).toEqual(rows.map((r) => r[0]));
    expect([...sheet.numberFormats.keys()]).toEqual(rows.map((_, i) => `${i + 3},1`));
  });

  it("writes a 10,000-school run, every result sheet, in requests under 4 MB and 4,000,000 cells", async () => {
    const checked = parseScoreRequest(generateConsortium({ schools: 10_000, seed: 5, year: 2014 }));
    if (!checked.ok) throw new Error("sample should be valid");
    const response = await scoreSchools(checked.value.request, checked.value.config);
    const sheets = resultSheets(await scoredRun(response, checked.value), { source: "Data!A1:U140000", at: new Date(), engine: "local" });
    const book = new FakeWorkbook();
    const progress: string[] = [];
    const report = await writeSheets(book.context(), sheets, undefined, (sheet, done, total) => progress.push(`${sheet} ${done}/${total}`));
    expect(progress.at(0)).toMatch(/^SQII Results 1\//);
    expect(progress.at(-1)).toBe("SQII Districts 1/1");
    const indicators = sheets.find((s) => s.sheet === "SQII Indicators")!;
    const rowsOf = (name: string) => sheets.find((s) => s.sheet === name)!.table!.rows.length;
    expect(rowsOf("SQII Results")).toBe(10_000);
    expect(rowsOf("SQII Indicators")).toBeGreaterThan(80_000);
    sheets.forEach((s, i) => {
      // The last row landed where the layout puts it (reading whole grids back would take longer than the writing).
      const last = s.table!.rows.length;
      expect(book.sheets.get(s.sheet)!.get(report.sheets[i]!.headerRow + last, 0), s.sheet).toBe(s.table!.rows[last - 1]![0]);
    });
    // Five formatted columns on SQII Indicators: a format for each of their data cells, sent in chunks.
    expect([...book.sheets.get("SQII Indicators")!.numberFormats.keys()]).toHaveLength(5 * rowsOf("SQII Indicators"));
    expect(Object.keys(indicators.numberFormats!)).toHaveLength(5);
    expect(book.maxRequestBytes).toBeLessThanOrEqual(4_000_000);
    expect(book.maxRequestCells).toBeLessThanOrEqual(4_000_000);
    expect(book.suspended).toBe(report.syncs - 1 - report.sheets.length); // every chunk, never the lookup or the table step
    expect(report.syncs).toBe(book.syncs);
    // Reported in the closing note: the exact count for this run.
    const shape = sheets.map((s, i) => `${s.sheet.slice(5)} ${s.table!.rows.length}×${s.table!.header.length} in ${report.sheets[i]!.chunks}`);
    console.log(`10,000 schools: ${report.syncs} syncs (${shape.join(", ")}); largest request ${book.maxRequestBytes} bytes, ${book.maxRequestCells} cells`);
    expect(report.syncs).toBeLessThanOrEqual(30);
  }, 180_000);
});
