import { describe, expect, it } from "vitest";
import { writeSheets } from "../../addin/sheet-writer.js";
import { resultSheets, resultsTable } from "../../shared/reports/score-report.js";
import { generateConsortium } from "../../shared/samples/consortium.js";
import { scoreRequest } from "../../shared/schools/score.js";
import { FakeWorkbook } from "./fake-excel.js";

const run = { source: "Data!A1:R400", at: new Date("2026-11-23T10:00:00Z"), engine: "local" };

async function scored(schools = 30) {
  const out = await scoreRequest(generateConsortium({ schools, seed: 9, year: 2014 }));
  if (!out.ok) throw new Error("sample should be valid");
  return out.value;
}

describe("resultSheets", () => {
  it("heads both sheets with version, config hash, time, source and engine", async () => {
    const response = await scored();
    const [results, subgroups] = resultSheets(response, run);
    expect(results!.sheet).toBe("SQII Results");
    expect(subgroups!.sheet).toBe("SQII Subgroups");
    expect(results!.info).toEqual([
      ["Methodology version", "sqii-2013.1"],
      ["Config hash", response.configHash],
      ["Scored at", "2026-11-23T10:00:00.000Z"],
      ["Source", "Data!A1:R400"],
      ["Engine", "local"],
      ["Schools", `30 sent, ${response.summary.scored} scored, ${response.summary.unscored} unscored`],
    ]);
    expect(results!.table).toEqual(resultsTable(response));
  });

  it("colours bands and designations with rules that match the whole label, once per run", async () => {
    const book = new FakeWorkbook();
    const sheets = resultSheets(await scored(), run);
    await writeSheets(book.context(), sheets);
    await writeSheets(book.context(), sheets); // a re-run must not pile formats up
    const formats = book.sheets.get("SQII Results")!.conditionalFormats;
    const header = sheets[0]!.table!.header;
    const rule = (text: string) => formats.find((f) => f.cellValue.rule?.formula1 === `="${text}"`)!;
    expect(formats).toHaveLength(6);
    expect(rule("Priority")).toMatchObject({ type: "CellValue", column: header.indexOf("Designation"), rows: [8, 37] });
    expect(rule("Priority").cellValue).toMatchObject({ format: { fill: { color: "#F8CBAD" } }, rule: { operator: "EqualTo" } });
    // "Average" must not colour "Below average": Excel's "contains" ignores case.
    expect(rule("Average").column).toBe(header.indexOf("Band"));
    expect(book.sheets.get("SQII Subgroups")!.conditionalFormats).toHaveLength(0);
    const results = book.sheets.get("SQII Results")!;
    const formatOf = (column: string) => results.numberFormats.get(`8,${header.indexOf(column)}`);
    expect([formatOf("Index Score"), formatOf("Index Level"), formatOf("Academic"), formatOf("School ID")]).toEqual(["0.0", "0", "0.00", undefined]);
  });
});
