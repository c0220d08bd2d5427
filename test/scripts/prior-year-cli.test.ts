// The prior year through the command line (methodology §13 "Input"): a workbook whose Data sheet
// holds two years reads as the request it was written from, and the score command reports what it
// cannot read at the Year cells (SQII Config's year included), and a school of the prior year
// only as a note.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeBlockSheetInto } from "../../scripts/cli/config-file.js";
import { readRequestFile } from "../../scripts/cli/request-file.js";
import { writeWorkbook } from "../../scripts/cli/xlsx-writer.js";
import { DEFAULT_CONFIG } from "../../shared/contract/default-config.js";
import type { ScoreRequest } from "../../shared/contract/requests.js";
import { configSheet } from "../../shared/reports/config-report.js";
import { workbookSheets } from "../../shared/reports/history-sheets.js";
import type { ReportSheet } from "../../shared/reports/report.js";
import { inputSheet } from "../../shared/reports/templates.js";
import { generateConsortium } from "../../shared/samples/consortium.js";
import { runCli } from "./cli-child.js";

const score = (...args: string[]) => runCli("score", ...args);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sqii-prior-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
const inDir = (name: string) => path.join(dir, name);

const SAMPLE = generateConsortium({ schools: 60, seed: 11, year: 2014, priors: "most" });

const TWO: ScoreRequest = {
  year: 2014,
  schools: [
    {
      id: "A",
      level: "elementary",
      title1: "participating",
      subgroups: { ALL: { n: 300, ela: 45, math: 40, growth: 50, chronicAbsence: 10, suspension: 2, sel: 70, climate: 70 } },
      prior: { year: 2013, subgroups: { ALL: { n: 290, ela: 41, math: 38, growth: 47, chronicAbsence: 11, suspension: 2.5, sel: 68, climate: 69 } } },
    },
  ],
};

/** The Data sheet of `request` with `extra` rows below it (cells by header). */
function dataWith(request: ScoreRequest, extra: Record<string, string | number>[]): ReportSheet {
  const sheet = inputSheet(request);
  const { header, rows } = sheet.table!;
  return { ...sheet, table: { header, rows: [...rows, ...extra.map((cells) => header.map((h) => cells[h] ?? null))] } };
}

describe("a workbook of two years", () => {
  it("reads as the request it was written from, prior years and SQII History included", async () => {
    expect(SAMPLE.schools.filter((s) => s.prior).length).toBeGreaterThan(50);
    const file = inDir("two-years.xlsx");
    await writeWorkbook(file, workbookSheets(SAMPLE));
    const { body, locate } = await readRequestFile(file);
    expect(body).toEqual(SAMPLE);
    expect(locate([{ path: "schools[0].prior.subgroups.ALL.ela", message: "m" }])[0]!.cell).toMatch(/^Data!H\d+$/);
  });

  it("scores to the JSON the same request scores to", async () => {
    await writeFile(inDir("sample.json"), JSON.stringify(SAMPLE));
    await writeWorkbook(inDir("sample.xlsx"), workbookSheets(SAMPLE));
    const fromJson = await score(inDir("sample.json"));
    const fromXlsx = await score(inDir("sample.xlsx"), "--out", inDir("sample.out.json"));
    expect(fromXlsx.code, fromXlsx.stderr).toBe(0);
    expect(await readFile(inDir("sample.out.json"), "utf8")).toBe(fromJson.stdout);
  });

  it("lists a third year's rows at their Year cells, a school of the prior year only as a note, and scores nothing", async () => {
    const file = inDir("three-years.xlsx");
    const old = { "School ID": "A", Level: "elementary", "Title I": "participating", "Student Group": "ALL", N: 280, Year: 2012 };
    const closed = { "School ID": "Z", Level: "high", "Title I": "none", "Student Group": "ALL", N: 500, Year: 2013 };
    await writeWorkbook(file, [dataWith(TWO, [old, closed])]);
    const run = await score(file);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'note: Data!A5: school "Z" has rows of 2013, the prior year, but none of 2014, the year scored: it is not scored, and its row is not used\n',
    );
    expect(run.stderr).toContain(
      "Data!S4: 2012 is neither the year scored, 2014 (the latest in the Year column), nor the year before it, 2013 (the prior year): a row of any other year cannot be read\n",
    );
    // Without the third year the note alone does not stop scoring.
    await writeWorkbook(file, [dataWith(TWO, [closed])]);
    const ok = await score(file, "--out", inDir("closed.json"));
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('note: Data!A4: school "Z" has rows of 2013');
    expect(JSON.parse(await readFile(inDir("closed.json"), "utf8")).results.map((r: { id: string }) => r.id)).toEqual(["A"]);
    // The school data reports read the file the same way, and say so too.
    const report = await runCli("report", file, "--out", inDir("closed-report"));
    expect(report.code, report.stderr).toBe(0);
    expect(report.stderr).toContain('note: Data!A4: school "Z" has rows of 2013');
    expect(report.stderr).toContain("Wrote 1 school page");
  });

  it("takes SQII Config's year: rows of a later year are problems at their cells, a year the data lacks one at the sheet's", async () => {
    const file = inDir("config-year.xlsx");
    await writeWorkbook(file, [inputSheet(TWO)]);
    await writeBlockSheetInto(file, configSheet(DEFAULT_CONFIG, 2013));
    const early = await score(file);
    expect(early.code).toBe(1);
    const cell = /set in ('SQII Config'!B\d+)/.exec(early.stderr)?.[1];
    expect(early.stderr).toBe(
      `Data!S2: 2014 is neither the year scored, 2013 (set in ${cell}), nor the year before it, 2012 (the prior year): a row of any other year cannot be read\n1 problem; nothing was scored.\n`,
    );
    await writeBlockSheetInto(file, configSheet(DEFAULT_CONFIG, 2015));
    const late = await score(file);
    expect(late.code).toBe(1);
    expect(late.stderr).toContain(`${cell}: year 2015 differs from the data's Year 2014 in Data!S2: make them agree, or leave this one blank`);
    // --year goes over the sheet's year, as it always has.
    const over = await score(file, "--year", "2014", "--out", inDir("over.json"));
    expect(over.code, over.stderr).toBe(0);
    expect(JSON.parse(await readFile(inDir("over.json"), "utf8")).year).toBe(2014);
  });
});
