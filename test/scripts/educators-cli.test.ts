// Educator files from the command line: an xlsx whose table (under a title row) has Educator ID,
// Role and Practice columns is rated under its SQII Evaluation Config, exactly as the same JSON
// request is; SQII Evaluations and SQII Distribution are written (no chart: the add-in draws it),
// and a problem of the config sheet is named by its cell.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeWorkbook } from "../../scripts/cli/xlsx-writer.js";
import { scoreEducators } from "../../shared/educators/rating.js";
import { evaluationSheets } from "../../shared/reports/evaluation-report.js";
import { sampleEducators } from "../../shared/samples/educators.js";
import type { TableCell } from "../../shared/tables/cells.js";
import { educatorRows } from "../../shared/tables/educator-table.js";
import { evaluationConfigRows } from "../../shared/tables/evaluation-config.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

function score(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
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
  dir = await mkdtemp(path.join(tmpdir(), "sqii-educators-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CONFIG = { defaultModel: "weighted" as const, models: { "Oakland Unified": { model: "check" as const } }, minReport: 5 };

/** staff.xlsx: the staff under a title line, and SQII Evaluation Config with `configRows`. */
async function staffWorkbook(name: string, configRows: TableCell[][]): Promise<string> {
  const file = path.join(dir, name);
  const { header, rows } = educatorRows(sampleEducators());
  await writeWorkbook(file, [
    { sheet: "Staff", tableName: "Staff", info: [["Staff 2014-15", null]], table: { header, rows } },
    { sheet: "SQII Evaluation Config", tableName: "Config", info: [], table: { header: configRows[0] as string[], rows: configRows.slice(1) } },
  ]);
  return file;
}

describe("score command, educators in", () => {
  it("rates under the workbook's SQII Evaluation Config and writes both sheets, as the engine does for the same JSON", async () => {
    const file = await staffWorkbook("staff.xlsx", evaluationConfigRows(CONFIG));
    const run = await score(file);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`Read sheet "Staff" (educators).`);
    expect(run.stderr).toContain("the distribution's chart is drawn by the add-in only: the command line cannot draw charts");
    const expected = await scoreEducators({ config: CONFIG, educators: sampleEducators() });
    if (!expected.ok) throw new Error("not rated");
    const sheets = evaluationSheets(expected.value, sampleEducators(), "", new Date());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(dir, "staff.results.xlsx"));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["SQII Evaluations", "SQII Distribution"]);
    for (const sheet of sheets) {
      const written: unknown[][] = [];
      workbook.getWorksheet(sheet.sheet)!.eachRow((row) => written.push(Array.from((row.values as unknown[]).slice(1), (v) => v ?? null)));
      const at = written.findIndex((r) => r[0] === sheet.table!.header[0]);
      // exceljs leaves out a row's trailing blank cells.
      const trim = (r: readonly unknown[]) => Array.from({ length: sheet.table!.header.length }, (_, i) => r[i] ?? null);
      expect(written.slice(at).map(trim)).toEqual([sheet.table!.header, ...sheet.table!.rows].map(trim));
    }

    const json = await score(file, "--out", path.join(dir, "staff.json"));
    expect(json.code).toBe(0);
    expect(JSON.parse(await readFile(path.join(dir, "staff.json"), "utf8"))).toEqual(expected.value);
  }, 60_000);

  it("names the config sheet's cell of a problem, and refuses school-only options", async () => {
    // Growth 0.1 of 0.9 + 0.1 + the default surveys and goals (0.1 each): 8.3%.
    const rows = evaluationConfigRows({ models: { "Fresno Unified": { model: "weighted", weights: { practice: 0.9, growth: 0.1 } } } });
    const file = await staffWorkbook("bad-staff.xlsx", rows);
    const run = await score(file);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`'SQII Evaluation Config'!D2: district "Fresno Unified": student growth is 8.3% of the weights; at least 20% is required`);
    expect(run.stderr).toContain("1 problem; nothing was scored.");
    const roll = await score(file, "--roll-forward");
    expect(roll.code).toBe(1);
    expect(roll.stderr).toContain("--roll-forward and --year are for school data, not an educator table");
  }, 60_000);
});
