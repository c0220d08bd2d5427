// The command line and the SQII Config sheet: `npm run score` on an .xlsx reads it (--config goes
// over it), a config given as the sheet or as the same JSON gives the same configHash and
// byte-identical results, and `npm run cut-points` writes a base year's norm cut points into it.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeBlockSheetInto } from "../../scripts/cli/config-file.js";
import { readInputSheet } from "../../scripts/cli/table-files.js";
import { writeWorkbook } from "../../scripts/cli/xlsx-writer.js";
import { configHash } from "../../shared/contract/config.js";
import { DEFAULT_CONFIG } from "../../shared/contract/default-config.js";
import type { Config } from "../../shared/contract/requests.js";
import { configSheet } from "../../shared/reports/config-report.js";
import { inputSheet } from "../../shared/reports/templates.js";
import { generateConsortium } from "../../shared/samples/consortium.js";
import { normCutPoints } from "../../shared/schools/cut-points.js";
import { readConfigSheet } from "../../shared/tables/config-sheet.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

function run(script: "score" | "cut-points", ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [`scripts/cli/${script}.ts`, ...args], { cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sqii-config-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
const inDir = (name: string) => path.join(dir, name);

const SAMPLE = generateConsortium({ schools: 60, seed: 11, year: 2014 });

// A district's own config: another minN, new ELA cut points, Growth out at elementary, a share, no Graduation target.
const OURS: Config = {
  ...DEFAULT_CONFIG,
  minN: 25,
  cutPoints: { ...DEFAULT_CONFIG.cutPoints, ela: [20, 26, 31, 36, 41, 47, 53, 60, 69] },
  indicatorWeights: { ...DEFAULT_CONFIG.indicatorWeights, elementary: { ela: 2, math: 1, chronicAbsence: 1, suspension: 1, sel: 1, climate: 1 } },
  designation: { ...DEFAULT_CONFIG.designation, focusShare: 0.15 },
  targets: { ela: 80, math: 75 },
};

// The same config as JSON. A patch merges over the default key by key, so what the sheet's rows
// replace whole (a level's weights, the targets) the JSON takes out with null.
const OURS_JSON = {
  ...OURS,
  indicatorWeights: {
    ...OURS.indicatorWeights,
    elementary: { ...OURS.indicatorWeights.elementary, growth: null, elRedesignation: null, spedIdentification: null },
  },
  targets: { ...OURS.targets, grad: null },
};

async function bookWithConfig(name: string, config?: Config): Promise<string> {
  await writeWorkbook(inDir(name), [inputSheet(SAMPLE)]);
  if (config) await writeBlockSheetInto(inDir(name), configSheet(config));
  return inDir(name);
}

describe("npm run score with SQII Config", () => {
  it("a config as the sheet and as the same JSON: same configHash, byte-identical results", async () => {
    const withSheet = await bookWithConfig("with-sheet.xlsx", OURS);
    const plain = await bookWithConfig("plain.xlsx");
    await writeFile(inDir("ours.json"), JSON.stringify(OURS_JSON));
    const a = await run("score", withSheet, "--out", inDir("a.json"));
    const b = await run("score", plain, "--config", inDir("ours.json"), "--out", inDir("b.json"));
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(a.stderr).toContain('Config from sheet "SQII Config".');
    const [fromSheet, fromJson] = [await readFile(inDir("a.json"), "utf8"), await readFile(inDir("b.json"), "utf8")];
    expect(fromSheet).toBe(fromJson);
    expect(JSON.parse(fromSheet).configHash).toBe(await configHash(OURS));
    expect(JSON.parse(fromSheet).configHash).not.toBe(await configHash(DEFAULT_CONFIG));
  });

  it("merges --config over the sheet, and says where the config came from in the results' header block", async () => {
    const book = await bookWithConfig("over.xlsx", OURS);
    await writeFile(inDir("minn.json"), JSON.stringify({ minN: 40 }));
    const done = await run("score", book, "--config", inDir("minn.json"), "--out", inDir("over.results.xlsx"));
    expect(done.code, done.stderr).toBe(0);
    const results = new ExcelJS.Workbook();
    await results.xlsx.readFile(inDir("over.results.xlsx"));
    const lines = new Map<string, unknown>();
    results.getWorksheet("SQII Results")!.eachRow((row) => lines.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(lines.get("Config hash")).toBe(await configHash({ ...OURS, minN: 40 }));
    expect(lines.get("Config")).toBe("sheet SQII Config + minn.json");
  });

  it("stops at a problem of the sheet, naming its cell", async () => {
    const book = await bookWithConfig("bad.xlsx", OURS);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(book);
    const sheet = workbook.getWorksheet("SQII Config")!;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === "minN") row.getCell(2).value = "abc";
    });
    await workbook.xlsx.writeFile(book);
    const done = await run("score", book);
    expect(done.code).toBe(1);
    expect(done.stderr).toContain(`'SQII Config'!B8: "abc" is not a number`);
    expect(done.stderr).toContain("nothing was scored");
  });
});

describe("npm run cut-points", () => {
  it("writes a base year's norm cut points into the workbook's SQII Config, keeping its other blocks and every other sheet", async () => {
    const book = await bookWithConfig("base.xlsx", OURS);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(book);
    workbook.addWorksheet("Notes").getCell("A1").value = "the district's own notes";
    await workbook.xlsx.writeFile(book);

    const done = await run("cut-points", book, "--out", book);
    expect(done.code, done.stderr).toBe(0);
    // minN 25 is the workbook's: the norms take schools with ALL.n ≥ 25.
    const expected = normCutPoints(SAMPLE.schools, OURS);
    expect(done.stderr).toContain(`Replaced the cut-point block of sheet "SQII Config" in ${book}.`);
    expect(done.stderr).toContain(`ELA ${expected.counts.ela}`);
    const after = new ExcelJS.Workbook();
    await after.xlsx.readFile(book);
    expect(after.worksheets.map((s) => s.name)).toEqual(["Data", "SQII Config", "Notes"]);
    expect(after.getWorksheet("Notes")!.getCell("A1").value).toBe("the district's own notes");
    const config = readConfigSheet((await readInputSheet(book, "config"))!);
    expect(config.problems).toEqual([]);
    expect(config.config).toEqual({ ...OURS, cutPoints: { ...OURS.cutPoints, ...expected.cutPoints } });
    // And scoring the same file now uses them.
    const scored = await run("score", book, "--out", inDir("base.json"));
    expect(scored.code, scored.stderr).toBe(0);
    expect(JSON.parse(await readFile(inDir("base.json"), "utf8")).configHash).toBe(await configHash(config.config!));
  });

  it("writes {cutPoints} JSON for --config, or prints the API's answer", async () => {
    const plain = await bookWithConfig("ref.xlsx");
    const toJson = await run("cut-points", plain, "--out", inDir("cuts.json"));
    expect(toJson.code, toJson.stderr).toBe(0);
    const expected = normCutPoints(SAMPLE.schools, DEFAULT_CONFIG);
    expect(JSON.parse(await readFile(inDir("cuts.json"), "utf8"))).toEqual({ cutPoints: expected.cutPoints });
    const printed = await run("cut-points", plain);
    expect(JSON.parse(printed.stdout)).toEqual(expected);
  });
});
