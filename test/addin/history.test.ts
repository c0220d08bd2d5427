// SQII History in the add-in, over the fake workbook: the template beside the data template, the
// Score flow reading it (notes do not stop scoring), and Roll forward over three years until the
// Focus school reaches the Reward-partnership stage (methodology §8) with nothing typed by hand.
import { describe, expect, it } from "vitest";
import { insertHistoryTemplate, rollForward } from "../../addin/history.js";
import { prepare, scoreAndWrite } from "../../addin/score-flow.js";
import { insertTemplate } from "../../addin/template.js";
import { problemLine } from "../../shared/tables/cells.js";
import { EXPECTED_ESCALATION, shownLabel as label, threeYearDistrict } from "../shared/three-year-district.js";
import { type Cell, FakeWorkbook } from "./fake-excel.js";

const HEADER = ["School ID", "Year", "Index", "Designation", "Graduation"];

function workbook() {
  const book = new FakeWorkbook();
  const run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>) => batch(book.context());
  return { book, run };
}

/** The rows of an Excel table of the fake workbook, header first. */
function tableRows(book: FakeWorkbook, name: string): Cell[][] {
  const table = book.tables.get(name)!;
  return table.sheet.values().slice(table.range.row, table.range.row + table.range.rowCount);
}

/** Per school of SQII Results: designation, stage and years in status as the sheet shows them, and the partner. */
function escalation(book: FakeWorkbook): Map<unknown, Cell[]> {
  const [header, ...rows] = tableRows(book, "SQIIResults");
  const at = (h: string) => header!.indexOf(h);
  return new Map(rows.map((r) => [r[0], [r[at("Designation")]!, r[at("Stage")]!, r[at("Years in Status")]!, r[at("Partner")]!]]));
}

describe("insertHistoryTemplate", () => {
  it("adds SQII History with its header, rows and validation, and never replaces a history sheet", async () => {
    const { book } = workbook();
    expect(await insertHistoryTemplate(book.context(), [["A", 2013, 50, "Focus", null]])).toBe("SQII History");
    expect(tableRows(book, "SQIIHistory")).toEqual([HEADER, ["A", 2013, 50, "Focus", ""]]);
    expect(book.tables.get("SQIIHistory")!.validations.get("Designation")).toMatchObject({ rule: { list: { source: "Priority,Focus,Reward,None" } } });
    // The data template's sample carries no History column: its history is this sheet's.
    await insertTemplate(book.context(), threeYearDistrict(2014));
    expect(book.sheets.get("SQII Template")!.values()[book.tables.get("SQIITemplate")!.range.row]).not.toContain("History");
    const other = new FakeWorkbook();
    other.addSheet("SQII_History").getRangeByIndexes(0, 0, 1, 1).values = [["mine"]];
    expect(await insertHistoryTemplate(other.context())).toBeNull();
    expect([...other.sheets.keys()]).toEqual(["SQII_History"]);
  });
});

describe("Roll forward in the workbook", () => {
  it("over three years takes the Focus school to the Reward-partnership stage, reading only what it wrote", async () => {
    const { book, run } = workbook();
    await insertTemplate(book.context(), threeYearDistrict(2014));
    const template = book.tables.get("SQIITemplate")!;
    const sheet = book.sheets.get("SQII Template")!;
    const yearColumn = sheet.values()[template.range.row]!.indexOf("Year");
    for (const year of [2014, 2015, 2016]) {
      for (let r = template.range.row + 1; r < template.range.row + template.range.rowCount; r++)
        sheet.getRangeByIndexes(r, yearColumn, 1, 1).values = [[year]];
      book.select("SQII Template", template.range.row + 1, 0);
      const prepared = await prepare(run);
      expect([prepared.problems, prepared.notes]).toEqual([[], []]);
      const scored = await scoreAndWrite(run, prepared, { endpoint: "local" });
      if (!scored.ok) throw new Error(JSON.stringify(scored));
      const shown = escalation(book);
      for (const [id, [type, stage, years]] of Object.entries(EXPECTED_ESCALATION[year]!)) {
        expect([id, ...shown.get(id)!.slice(0, 3)]).toEqual([id, label(type), label(stage), years]);
      }
      const rolled = await rollForward(run, scored.response, prepared.read.request);
      if (!rolled.ok) throw new Error(JSON.stringify(rolled.problems));
      expect([rolled.created, rolled.write.added, rolled.write.replaced]).toEqual([year === 2014, 11, 0]);
    }
    // 2016: S05, Focus three years running, is paired with S10, the Reward school that raised HI.
    expect(escalation(book).get("S05")).toEqual(["Focus", "Reward partnership", 3, "S10"]);
    const history = tableRows(book, "SQIIHistory");
    expect(history[0]).toEqual(HEADER);
    expect(history.filter((r) => r[0] === "H1")).toEqual([
      ["H1", 2014, 44, "Focus", 55],
      ["H1", 2015, 44, "Priority", 55],
      ["H1", 2016, 44, "Priority", 55],
    ]);
    expect(history).toHaveLength(1 + 3 * 11);
    // School IDs were formatted as text before they landed, so an id keeps its leading zeros in Excel.
    const historySheet = book.sheets.get("SQII History")!;
    const first = book.tables.get("SQIIHistory")!.range.row + 1;
    expect(historySheet.numberFormats.get(`${first},0`)).toBe("@");
  });

  it("rolled again, replaces that year's rows in place and touches no cell outside the history columns", async () => {
    const { book, run } = workbook();
    const notes = book.addSheet("Sqii history");
    notes.getRangeByIndexes(0, 0, 3, 7).values = [
      [...HEADER, null, "My notes"],
      ["S05", 2014, 1, "None", 48, null, "to be replaced"],
      ["S01", 2013, 20, "Priority", null, null, "kept"],
    ];
    const before = notes.values();
    await insertTemplate(book.context(), threeYearDistrict(2014));
    book.select("SQII Template", book.tables.get("SQIITemplate")!.range.row + 1, 0);
    const prepared = await prepare(run);
    const scored = await scoreAndWrite(run, prepared, { endpoint: "local" });
    if (!scored.ok) throw new Error("not scored");
    const rolled = await rollForward(run, scored.response, prepared.read.request);
    if (!rolled.ok) throw new Error(JSON.stringify(rolled.problems));
    expect([rolled.created, rolled.write.replaced, rolled.write.added]).toEqual([false, 1, 10]);
    const after = notes.values();
    expect(after.slice(0, 3)).toEqual([before[0], ["S05", 2014, 52, "Focus", "", "", "to be replaced"], before[2]]);
    expect(after.slice(3).every((r) => r[5] === "" && r[6] === "")).toBe(true);
    const again = await rollForward(run, scored.response, prepared.read.request);
    expect(again.ok && [again.write.replaced, again.write.added]).toEqual([11, 0]);
    expect(notes.values()).toEqual(after);
  });

  it("lists rows it cannot use as notes and scores anyway; a year it does not know is refused before any sheet is made", async () => {
    const { book, run } = workbook();
    const { year: _, ...noYear } = threeYearDistrict(2014);
    await insertTemplate(book.context(), noYear);
    await insertHistoryTemplate(book.context(), [
      ["S01", 2013, 20, "Priority", null],
      ["Z9", 2013, 20, "Focus", null],
    ]);
    book.select("SQII Template", book.tables.get("SQIITemplate")!.range.row + 1, 0);
    const prepared = await prepare(run);
    expect(prepared.problems).toEqual([]);
    expect(prepared.notes.map(problemLine)).toEqual([`'SQII History'!A7: school "Z9" is not in the data; its row is not used`]);
    expect(prepared.read.request.schools[0]!.history).toEqual([{ year: 2013, index: 20, designation: "priority" }]);
    const scored = await scoreAndWrite(run, prepared, { endpoint: "local" });
    if (!scored.ok) throw new Error("not scored");
    const rolled = await rollForward(run, scored.response, prepared.read.request);
    expect(rolled.ok ? [] : rolled.problems.map(problemLine)).toEqual([
      "year: the scored year is unknown, so it cannot be rolled forward: give the data a Year column (or set the year) and score again",
    ]);
  });
});
