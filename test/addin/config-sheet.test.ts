// SQII Config in the add-in, over the fake workbook: the Template button's sheet (tables and
// validation, never replacing one), Score reading it (problems at its cells, the hash of its
// config), and Set cut points writing a base year's norms into it.
import { describe, expect, it } from "vitest";
import { insertConfigIfMissing } from "../../addin/block-sheet.js";
import { cutPointsAndWrite } from "../../addin/cut-points.js";
import { prepare, scoreAndWrite } from "../../addin/score-flow.js";
import { readInputSheet } from "../../addin/source-reader.js";
import { insertTemplate } from "../../addin/template.js";
import { readWorkbookConfig } from "../../addin/workbook-config.js";
import { configHash } from "../../shared/contract/config.js";
import { DEFAULT_CONFIG } from "../../shared/contract/default-config.js";
import type { Config } from "../../shared/contract/requests.js";
import { generateConsortium } from "../../shared/samples/consortium.js";
import { normCutPoints } from "../../shared/schools/cut-points.js";
import { readConfigSheet } from "../../shared/tables/config-sheet.js";
import { type FakeSheet, FakeWorkbook } from "./fake-excel.js";

const SAMPLE = generateConsortium({ schools: 40, seed: 9, year: 2014 });

async function workbook(withConfig = true) {
  const book = new FakeWorkbook();
  await insertTemplate(book.context(), SAMPLE);
  if (withConfig) await insertConfigIfMissing(book.context());
  book.select("SQII Template", book.tables.get("SQIITemplate")!.range.row + 1, 0);
  const run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>) => batch(book.context());
  return { book, run };
}

/** Types into the Value cell of a setting, or a cell of an indicator's row (1 = first cut point), as a user would. */
function type(sheet: FakeSheet, key: string, value: string | number, column = 1): string {
  const row = sheet.values().findIndex((r) => r[0] === key);
  sheet.cells.set(`${row},${column}`, value);
  return `'${sheet.name}'!${String.fromCharCode(65 + column)}${row + 1}`;
}

type Run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
const sheetConfig = async (run: Run) => (await run((c) => readWorkbookConfig(c)))!.config!;

describe("the Template button's SQII Config", () => {
  it("holds the default config as four tables with validation, and reads back as it", async () => {
    const { book, run } = await workbook();
    expect([...book.sheets.keys()]).toEqual(["SQII Template", "SQII Config"]);
    expect(book.active).toBe("SQII Template"); // the data template stays in front
    const tables = [...book.tables.values()].filter((t) => t.sheet.name === "SQII Config").map((t) => t.name);
    expect(tables).toEqual(["SQIISettings", "SQIICutPoints", "SQIIWeights", "SQIITargets"]);
    const settings = book.tables.get("SQIISettings")!;
    expect(settings.validations.get("Value#1")).toMatchObject({ rule: { wholeNumber: { formula1: 1 } }, errorAlert: { style: "Stop", title: "Value" } });
    expect(book.tables.get("SQIICutPoints")!.validations.get("Indicator")!.rule).toMatchObject({
      list: { source: expect.stringContaining("Chronic Absence") },
    });
    const read = await run((c) => readWorkbookConfig(c));
    expect(read!.problems).toEqual([]);
    expect(read!.config).toEqual(DEFAULT_CONFIG);
  });

  it("never replaces a config sheet, whichever accepted name it has", async () => {
    const book = new FakeWorkbook();
    book.addSheet("Config").getRangeByIndexes(0, 0, 2, 2).values = [
      ["Setting", "Value"],
      ["minN", 30],
    ];
    expect(await insertConfigIfMissing(book.context())).toEqual({ sheet: "Config", inserted: false });
    expect([...book.sheets.keys()]).toEqual(["Config"]);
    expect(book.sheets.get("Config")!.values()).toEqual([
      ["Setting", "Value"],
      ["minN", 30],
    ]);
  });
});

describe("Score with the workbook's config", () => {
  it("scores with what the sheet says now, and the results' header shows its hash and source", async () => {
    const { book, run } = await workbook();
    const prepared = await prepare(run);
    expect(prepared.problems).toEqual([]);
    // Edited after Read: Score takes the sheet as it is when it runs.
    const config = book.sheets.get("SQII Config")!;
    type(config, "minN", 30);
    type(config, "ELA", 25); // ELA's Cut 1: the cut-point block's row comes before the targets' ELA row
    const expected: Config = { ...DEFAULT_CONFIG, minN: 30, cutPoints: { ...DEFAULT_CONFIG.cutPoints, ela: [25, 24, 29, 34, 39, 45, 51, 58, 67] } };
    expect(await run((c) => readWorkbookConfig(c)).then((r) => r!.problems.map((p) => p.message))).toEqual(["cut points must not decrease: 24 follows 25"]);
    type(config, "ELA", 20);
    expected.cutPoints.ela = [20, 24, 29, 34, 39, 45, 51, 58, 67];
    const scored = await scoreAndWrite(run, prepared, { endpoint: "local" });
    if (!scored.ok) throw new Error(JSON.stringify(scored.problems));
    expect(scored.response.configHash).toBe(await configHash(expected));
    const info = new Map(
      book.sheets
        .get("SQII Results")!
        .values()
        .map((r) => [r[0], r[1]]),
    );
    expect(info.get("Config hash")).toBe(scored.response.configHash);
    expect(info.get("Config")).toBe("sheet SQII Config");
  });

  it("lists the sheet's problems with the data's, each at its cell, and scores nothing", async () => {
    const { book, run } = await workbook();
    const cell = type(book.sheets.get("SQII Config")!, "designation.focusShare", "lots");
    const prepared = await prepare(run);
    expect(prepared.problems.map((p) => `${p.cell}: ${p.message}`)).toEqual([`${cell}: "lots" is not a share (a fraction such as 0.05, or 5%)`]);
    const scored = await scoreAndWrite(run, prepared, { endpoint: "local" });
    expect(scored).toMatchObject({ ok: false, failure: { kind: "invalid" }, problems: [{ cell }] });
    expect(book.sheets.has("SQII Results")).toBe(false);
  });
});

describe("Set cut points from this data", () => {
  it("replaces the cut-point block with the selection's norms under the workbook's minN, keeping the rest", async () => {
    const { book, run } = await workbook();
    type(book.sheets.get("SQII Config")!, "minN", 25);
    // The workbook scores 2015; the selection is the 2014 base year: no conflict for cut points.
    type(book.sheets.get("SQII Config")!, "year", 2015);
    const template = book.sheets.get("SQII Template")!.values();
    const prepared = await prepare(run);
    expect(prepared.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^year 2015 differs from the data's Year 2014/)]);
    expect(prepared.referenceProblems).toEqual([]);
    const outcome = await cutPointsAndWrite(run, prepared, { endpoint: "local" }, new Date("2026-05-01T00:00:00Z"));
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    const norms = normCutPoints(SAMPLE.schools, { ...DEFAULT_CONFIG, minN: 25 });
    expect(outcome.response).toEqual(norms);
    expect(outcome.sheet).toBe("SQII Config");
    const config = await sheetConfig(run);
    expect(config).toEqual({ ...DEFAULT_CONFIG, minN: 25, cutPoints: { ...DEFAULT_CONFIG.cutPoints, ...norms.cutPoints } });
    expect(book.sheets.get("SQII Template")!.values()).toEqual(template);
    // The tables are drawn again over the same sheet, under the same names.
    expect([...book.tables.values()].filter((t) => t.sheet.name === "SQII Config").map((t) => t.name)).toEqual([
      "SQIISettings",
      "SQIICutPoints",
      "SQIIWeights",
      "SQIITargets",
    ]);
    const note = book.sheets
      .get("SQII Config")!
      .values()
      .find((r) => r[0] === "Cut points")![1];
    expect(note).toMatch(/^From 'SQII Template'!A\d+:[A-Z]+\d+ at 2026-05-01T00:00:00.000Z: \d+ of 11 indicators set/);
  });

  it("makes SQII Config with the default config when the workbook has none", async () => {
    const { book, run } = await workbook(false);
    const outcome = await cutPointsAndWrite(run, await prepare(run), { endpoint: "local" });
    expect(outcome.ok).toBe(true);
    expect(book.sheets.has("SQII Config")).toBe(true);
    const norms = normCutPoints(SAMPLE.schools, DEFAULT_CONFIG);
    expect((await sheetConfig(run)).cutPoints).toEqual({ ...DEFAULT_CONFIG.cutPoints, ...norms.cutPoints });
  });
});

describe("readInputSheet and the config reader agree on places", () => {
  it("a config sheet that starts at C4 names its cells as the sheet does", async () => {
    const book = new FakeWorkbook();
    book.addSheet("SQII Config").getRangeByIndexes(3, 2, 2, 2).values = [
      ["Setting", "Value"],
      ["minN", "many"],
    ];
    const source = (await readInputSheet(book.context(), "config"))!;
    const read = readConfigSheet({ ...source.place, values: source.values });
    expect(read.problems.map((p) => p.cell)).toEqual(["'SQII Config'!D5"]);
  });
});
