import { spawn } from "node:child_process";
import { access, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../scripts/cli/table-files.js";
import { writeWorkbook } from "../../scripts/cli/xlsx-writer.js";
import { configHash, resolveConfig } from "../../shared/contract/config.js";
import type { ScoreRequest } from "../../shared/contract/requests.js";
import { ScoreResponseSchema } from "../../shared/contract/responses.js";
import { inputSheet } from "../../shared/reports/templates.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

// `npx tsx scripts/score.ts`, as npm run score does, but through the installed tsx directly: npx's
// own start-up would double the time of every run.
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

function score(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ["scripts/cli/score.ts", ...args], { cwd: ROOT });
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
  dir = await mkdtemp(path.join(tmpdir(), "sqii-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const inDir = (name: string) => path.join(dir, name);

const REQUEST: ScoreRequest = {
  schools: [
    {
      id: "A",
      name: "Alpha",
      district: "Oakland",
      level: "elementary",
      title1: "participating",
      subgroups: { ALL: { n: 300, ela: 45, math: 40, growth: 50, chronicAbsence: 10, suspension: 2, sel: 70, climate: 70 }, HI: { n: 120, ela: 30, math: 35 } },
    },
    {
      id: "B",
      name: "Beta",
      district: "Fresno",
      level: "elementary",
      title1: "participating",
      subgroups: { ALL: { n: 300, ela: 25, math: 20, growth: 30, chronicAbsence: 20, suspension: 5, sel: 50, climate: 50 } },
    },
  ],
};

const CSV_HEADER = "School ID,School,District,Level,Title I,Student Group,N,ELA,Math,Growth,Chronic Absence,Suspension,SEL,Climate";

describe("score command, JSON in", () => {
  it("prints the response JSON on stdout", async () => {
    await writeFile(inDir("request.json"), JSON.stringify(REQUEST));
    const run = await score(inDir("request.json"));
    expect(run.code).toBe(0);
    const response = ScoreResponseSchema.parse(JSON.parse(run.stdout));
    expect(response.results.map((r) => r.id)).toEqual(["A", "B"]);
    expect(response.year).toBeNull();
  });

  it("merges --config into the request's config and takes --year", async () => {
    await writeFile(inDir("request-config.json"), JSON.stringify({ ...REQUEST, config: { minN: 30 } }));
    await writeFile(inDir("config.json"), JSON.stringify({ minN: 200, domainWeights: { secc: 0.5 } }));
    const run = await score(inDir("request-config.json"), "--config", inDir("config.json"), "--year", "2014");
    expect(run.code).toBe(0);
    const response = ScoreResponseSchema.parse(JSON.parse(run.stdout));
    expect(response.year).toBe(2014);
    const merged = resolveConfig([{ patch: { minN: 200, domainWeights: { secc: 0.5 } }, at: ["config"] }]);
    if (!merged.ok) throw new Error(JSON.stringify(merged.problems));
    expect(response.configHash).toBe(await configHash(merged.value));
  });

  it("lists every problem of a bad request by path and exits 1", async () => {
    const bad = {
      schools: [
        { ...REQUEST.schools[0], level: "college" },
        { ...REQUEST.schools[1], subgroups: { ALL: { n: 10, ela: 140 } } },
      ],
    };
    await writeFile(inDir("bad.json"), JSON.stringify(bad));
    const run = await score(inDir("bad.json"));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('schools[0].level: expected one of elementary, middle, high, span, got "college"');
    expect(run.stderr).toContain("schools[1].subgroups.ALL.ela: expected a number from 0 to 100, got 140");
  });

  it("lists the first 1,000 problems of a flood and says how many more there were", async () => {
    const school = REQUEST.schools[0]!;
    // 300 schools with 4 bad values each: 1,200 problems.
    const flood = {
      schools: Array.from({ length: 300 }, (_, i) => ({ ...school, id: `S${i}`, subgroups: { ALL: { n: 10, ela: 140, math: -1, sel: 101, climate: 200 } } })),
    };
    await writeFile(inDir("flood.json"), JSON.stringify(flood));
    const run = await score(inDir("flood.json"));
    expect(run.code).toBe(1);
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1002);
    expect(lines[999]).toBe("schools[249].subgroups.ALL.climate: expected a number from 0 to 100, got 200");
    expect(lines.slice(-2)).toEqual(["… and 200 more", "1200 problems; nothing was scored."]);
  });
});

describe("score command, tables in", () => {
  it("names the exact cell of each problem and exits 1", async () => {
    await writeFile(
      inDir("Data.csv"),
      [CSV_HEADER, "A,Alpha,Oakland,ES,Yes,ALL,300,45,40,50,10,2,70,70", "A,Alpha,Oakland,ES,Yes,HI,120,abc,135,50,10,2,70,70", ""].join("\r\n"),
    );
    const run = await score(inDir("Data.csv"));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Data!H3: "abc" is not a number between 0 and 100');
    expect(run.stderr).toContain("Data!I3: expected a number from 0 to 100, got 135");
    await expect(access(inDir("Data.results.xlsx"))).rejects.toThrow();
  });

  it("scores a CSV into <input>.results.xlsx beside it and summarises on stderr", async () => {
    await writeFile(
      inDir("schools.csv"),
      [
        CSV_HEADER,
        "A,Alpha,Oakland,ES,Yes,ALL,300,45,40,50,10,2,70,70",
        "A,Alpha,Oakland,ES,Yes,Hispanic/Latino,120,30,35,,,,,",
        "B,Beta,Fresno,Elementary,Y,All Students,300,25,20,30,20,5,50,50",
      ].join("\n"),
    );
    const run = await score(inDir("schools.csv"));
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("Scored 2 of 2 schools (0 unscored)");
    expect(run.stderr).toContain(inDir("schools.results.xlsx"));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(inDir("schools.results.xlsx"));
    const results = workbook.getWorksheet("SQII Results")!;
    // The header block first, as the add-in writes it: the source names the file and the range read.
    expect(results.getCell("A4").value).toBe("Source");
    expect(results.getCell("B4").value).toBe("schools.csv: schools!A1:N4");
    expect(results.getColumn(1).values.slice(-3)).toEqual(["School ID", "A", "B"]);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["SQII Results", "SQII Subgroups", "SQII Indicators", "SQII Partnerships", "SQII Districts"]);
  });

  it("scores an xlsx to --out results.csv", async () => {
    await writeWorkbook(inDir("input.xlsx"), [inputSheet(REQUEST)]);
    const run = await score(inDir("input.xlsx"), "--out", inDir("out.csv"), "--year", "2014");
    expect(run.code).toBe(0);
    const rows = parseCsv(await readFile(inDir("out.csv"), "utf8"));
    expect(rows.map((r) => r[0])).toEqual(["School ID", "A", "B"]);
  });
});

describe("score command, bad usage", () => {
  it.each([
    ["no input", []],
    ["an unknown option", ["x.json", "--fast"]],
    ["an input it cannot read", ["schools.txt"]],
    ["an output it cannot write", ["x.json", "--out", "x.pdf"]],
    ["a year that is not one", ["x.json", "--year", "soon"]],
  ])("prints the usage and exits 2 for %s", async (_, args) => {
    const run = await score(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("usage: npm run score --");
  });
});

describe("doors agree (api.md: byte-identical JSON for the same input)", () => {
  it("an xlsx of a synthetic consortium scores to exactly the JSON of the same request", async () => {
    const { generateConsortium } = await import("../../shared/samples/consortium.js");
    const request = generateConsortium({ schools: 200, seed: 7, year: 2014 });
    await writeFile(inDir("consortium.json"), JSON.stringify(request));
    await writeWorkbook(inDir("consortium.xlsx"), [inputSheet(request)]);
    const fromJson = await score(inDir("consortium.json"));
    const fromXlsx = await score(inDir("consortium.xlsx"), "--out", inDir("consortium.out.json"));
    expect(fromJson.code).toBe(0);
    expect(fromXlsx.code).toBe(0);
    const viaXlsx = await readFile(inDir("consortium.out.json"), "utf8");
    expect(viaXlsx).toBe(fromJson.stdout);
    expect(JSON.parse(viaXlsx).results).toHaveLength(200);
  });
});
