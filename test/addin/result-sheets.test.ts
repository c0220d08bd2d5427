import { describe, expect, it } from "vitest";
import { writeSheets } from "../../addin/sheet-writer.js";
import { PALETTE } from "../../shared/reports/report.js";
import { resultSheets, resultsTable } from "../../shared/reports/score-report.js";
import { scoredRun } from "../../shared/reports/scored-run.js";
import { generateConsortium } from "../../shared/samples/consortium.js";
import { parseScoreRequest, scoreSchools } from "../../shared/schools/score.js";
import { FakeWorkbook } from "./fake-excel.js";

const run = { source: "Data!A1:R400", at: new Date("2026-11-23T10:00:00Z"), engine: "local" };

async function scored(schools = 30, prior = false) {
  const checked = parseScoreRequest(generateConsortium({ schools, seed: 9, year: 2014, priors: prior ? "most" : "none" }));
  if (!checked.ok) throw new Error("sample should be valid");
  const response = await scoreSchools(checked.value.request, checked.value.config);
  return { response, checked: checked.value };
}

describe("resultSheets", () => {
  it("heads every sheet with version, config hash, time, source, engine, year and the count", async () => {
    const { response, checked } = await scored();
    const sheets = resultSheets(await scoredRun(response, checked), run);
    expect(sheets.map((s) => s.sheet)).toEqual(["SQII Results", "SQII Subgroups", "SQII Indicators", "SQII Partnerships", "SQII Districts"]);
    const trace = [
      ["Methodology version", "sqii-2013.1"],
      ["Config hash", response.configHash],
      ["Scored at", "2026-11-23T10:00:00.000Z"],
      ["Source", "Data!A1:R400"],
      ["Engine", "local"],
      ["Year", 2014],
      ["Schools", `30 sent, ${response.summary.scored} scored, ${response.summary.unscored} unscored`],
    ];
    for (const sheet of sheets) expect(sheet.info.slice(0, trace.length)).toEqual(trace);
    expect(sheets[0]!.table).toEqual(resultsTable(response));
    expect(new Set(sheets.flatMap((s) => [s.tableName, ...(s.blocks ?? []).map((b) => b.tableName)])).size).toBe(6);
  });

  it("leaves the targets out, and says so, when the engine's config is not the one checked here", async () => {
    const { response, checked } = await scored(5);
    const elsewhere = await scoredRun({ ...response, configHash: "0".repeat(64) }, checked);
    expect(elsewhere.config).toBeNull();
    const [, subgroups] = resultSheets(elsewhere, run);
    expect(subgroups!.info.at(-1)).toEqual(["Targets", "not shown: the engine's config hash differs from the checked config's"]);
    const target = subgroups!.table!.header.indexOf("ELA Target");
    expect(subgroups!.table!.rows.every((row) => row[target] === null)).toBe(true);
    expect((await scoredRun(response, checked)).config).toBe(checked.config);
  });

  it("colours bands and designations with rules that match the whole label, once per run", async () => {
    const book = new FakeWorkbook();
    const { response, checked } = await scored();
    const sheets = resultSheets(await scoredRun(response, checked), run);
    await writeSheets(book.context(), sheets);
    await writeSheets(book.context(), sheets); // a re-run must not pile formats up
    const results = book.sheets.get("SQII Results")!;
    const formats = results.conditionalFormats;
    const header = sheets[0]!.table!.header;
    const rule = (text: string) => formats.find((f) => f.cellValue.rule?.formula1 === `="${text}"`)!;
    expect(formats).toHaveLength(6);
    expect(rule("Priority")).toMatchObject({ type: "CellValue", column: header.indexOf("Designation"), rows: [9, 38] });
    expect(rule("Priority").cellValue).toMatchObject({ format: { fill: { color: "#F8CBAD" } }, rule: { operator: "EqualTo" } });
    // "Average" must not colour "Below average": Excel's "contains" ignores case.
    expect(rule("Average").column).toBe(header.indexOf("Band"));
    expect(formats.every((f) => f.type === "CellValue")).toBe(true);
    expect(book.sheets.get("SQII Subgroups")!.conditionalFormats).toHaveLength(0);
    const formatOf = (column: string) => results.numberFormats.get(`9,${header.indexOf(column)}`);
    expect([formatOf("Index Score"), formatOf("Index Level"), formatOf("Academic"), formatOf("School ID")]).toEqual(["0.0", "0", "0.00", undefined]);
    expect(results.frozenColumns).toBe(2);
  });

  it("with a prior year: colours SQII Indicators' Colour cells by code, shows changes signed, and a re-run leaves one set of rules", async () => {
    const book = new FakeWorkbook();
    const { response, checked } = await scored(30, true);
    const sheets = resultSheets(await scoredRun(response, checked), run);
    await writeSheets(book.context(), sheets);
    await writeSheets(book.context(), sheets);
    const indicators = sheets.find((s) => s.sheet === "SQII Indicators")!;
    const header = indicators.table!.header;
    const written = book.sheets.get("SQII Indicators")!;
    const colour = written.conditionalFormats.filter((f) => f.column === header.indexOf("Colour"));
    expect(colour.map((f) => [f.cellValue.rule!.formula1, f.cellValue.format.fill.color])).toEqual([
      ['="Red"', PALETTE.red],
      ['="Orange"', PALETTE.orange],
      ['="Yellow"', PALETTE.yellow],
      ['="Green"', PALETTE.green],
      ['="Blue"', PALETTE.blue],
    ]);
    // Every data row of the column, whatever colour its cell shows now: the fill follows a sort.
    expect(colour[0]!.rows).toEqual([9, 9 + indicators.table!.rows.length - 1]);
    const cells = written.values().slice(9);
    const shown = new Set(cells.map((row) => row[header.indexOf("Colour")]));
    expect(shown).toEqual(new Set(["", "Red", "Orange", "Yellow", "Green", "Blue"]));
    expect(written.numberFormats.get(`9,${header.indexOf("Change")}`)).toBe('+0;"−"0;0');
    const results = book.sheets.get("SQII Results")!;
    const resultHeader = sheets[0]!.table!.header;
    expect(results.numberFormats.get(`9,${resultHeader.indexOf("Change")}`)).toBe('+0.0;"−"0.0;0.0');
    expect(results.numberFormats.get(`9,${resultHeader.indexOf("Prior Score")}`)).toBe("0.0");
  });
});
