import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rewriteRefusal, rollForwardFile, zipEntries } from "../../scripts/cli/history-file.js";
import { writeWorkbook } from "../../scripts/cli/xlsx-writer.js";
import { inputSheet } from "../../shared/reports/templates.js";
import { scoreRequest } from "../../shared/schools/score.js";
import { EXPECTED_ESCALATION, shownLabel as label, threeYearDistrict } from "../shared/three-year-district.js";
import { runCli } from "./cli-child.js";

const score = (...args: string[]) => runCli("score", ...args);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sqii-history-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function open(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/** A sheet's rows from its first row, as plain values ("" for blank). */
function rows(sheet: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  sheet.eachRow((row, n) => {
    out[n - 1] = Array.from((row.values as unknown[]).slice(1), (v) => v ?? "");
  });
  return Array.from(out, (r) => r ?? []);
}

describe("score --roll-forward", () => {
  it("over three years, with only the Year cells changed, takes the Focus school to the Reward-partnership stage", async () => {
    const file = path.join(dir, "district.xlsx");
    await writeWorkbook(file, [inputSheet(threeYearDistrict(2014))]);
    for (const year of [2014, 2015, 2016]) {
      if (year > 2014) {
        // Next year's data: here the same schools, only the Year column changes.
        const workbook = await open(file);
        const data = workbook.getWorksheet("Data")!;
        const yearColumn = (data.getRow(1).values as unknown[]).indexOf("Year");
        data.eachRow((row, n) => {
          if (n > 1) row.getCell(yearColumn).value = year;
        });
        await workbook.xlsx.writeFile(file);
      }
      const out = path.join(dir, `results-${year}.xlsx`);
      const run = await score(file, "--roll-forward", "--out", out);
      expect(run.stderr).toContain(`Rolled ${year} forward into SQII History${year === 2014 ? " (new sheet)" : ""}`);
      expect(run.stderr).toContain("11 rows added, 0 replaced");
      expect(run.code).toBe(0);
      // The results table stands under the sheet's header block.
      const sheet = rows((await open(out)).getWorksheet("SQII Results")!);
      const [header, ...results] = sheet.slice(sheet.findIndex((r) => r[0] === "School ID"));
      const at = (h: string) => header!.indexOf(h);
      for (const [id, [type, stage, years]] of Object.entries(EXPECTED_ESCALATION[year]!)) {
        const row = results.find((r) => r[0] === id)!;
        expect([id, row[at("Designation")], row[at("Stage")], row[at("Years in Status")]]).toEqual([id, label(type), label(stage), years]);
      }
      if (year === 2016) expect(results.find((r) => r[0] === "S05")![at("Partner")]).toBe("S10");
    }
    const workbook = await open(file);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Data", "SQII History"]);
    const history = rows(workbook.getWorksheet("SQII History")!);
    const headerAt = history.findIndex((r) => r[0] === "School ID");
    expect(history[headerAt]).toEqual(["School ID", "Year", "Index", "Designation", "Graduation"]);
    expect(history.slice(headerAt + 1)).toHaveLength(33);
    expect(history.filter((r) => r[0] === "H1")).toEqual([
      ["H1", 2014, 44, "Focus", 55],
      ["H1", 2015, 44, "Priority", 55],
      ["H1", 2016, 44, "Priority", 55],
    ]);
    expect(workbook.getWorksheet("SQII History")!.getCell(headerAt + 2, 1).numFmt).toBe("@");

    // Rolled again, 2016 is replaced, not added twice (and its rows, rows 28–38, are not history of 2016 itself).
    const again = await score(file, "--roll-forward", "--out", path.join(dir, "again.xlsx"));
    expect(again.stderr).toContain("0 rows added, 11 replaced");
    expect(again.stderr).toContain("note: 'SQII History'!B28: the 11 rows of 2016 are not before the scored year 2016, so not used");
  }, 120_000);

  it("reads an SQII History sheet with notes for rows it cannot use, and scores anyway", async () => {
    const file = path.join(dir, "with-history.xlsx");
    await writeWorkbook(file, [
      inputSheet(threeYearDistrict(2016)),
      {
        // Excel reserves the name "History" for itself; a sheet named in another way is found too.
        sheet: "sqii_history",
        tableName: "History",
        info: [],
        table: {
          header: ["School ID", "Year", "Index", "Designation", "Graduation"],
          rows: [
            ["S05", 2015, 52, "Focus", null],
            ["S05", 2014, 52, "Focus", null],
            ["X1", 2015, 40, "None", null],
          ],
        },
      },
    ]);
    const run = await score(file, "--out", path.join(dir, "with-history.json"));
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`note: sqii_history!A4: school "X1" is not in the data; its row is not used`);
    const response = JSON.parse(await readFile(path.join(dir, "with-history.json"), "utf8"));
    expect(response.results.find((r: { id: string }) => r.id === "S05").designation).toMatchObject({ stage: "rewardPartnership", yearsInStatus: 3 });
  }, 60_000);

  it("grows an Excel table over the new rows and keeps the workbook's other sheets as they were", async () => {
    const file = path.join(dir, "tabled.xlsx");
    const request = threeYearDistrict(2015);
    const workbook = new ExcelJS.Workbook();
    const notes = workbook.addWorksheet("Notes");
    notes.getCell("B2").value = "keep me";
    notes.getCell("B2").font = { bold: true };
    workbook.addWorksheet("SQII History").addTable({
      name: "SQIIHistory",
      ref: "A1",
      columns: ["School ID", "Year", "Index", "Designation", "Graduation"].map((name) => ({ name })),
      rows: [["S05", 2014, 52, "Focus", null]],
    });
    await workbook.xlsx.writeFile(file);
    const scored = await scoreRequest(request);
    if (!scored.ok) throw new Error("not scored");
    const rolled = await rollForwardFile(file, scored.value, request);
    expect(rolled.ok && [rolled.created, rolled.write.added]).toEqual([false, 11]);
    const after = await open(file);
    const table = after.getWorksheet("SQII History")!.getTables()[0] as unknown as { table: { tableRef: string } };
    expect(table.table.tableRef).toBe("A1:E13");
    expect(after.getWorksheet("Notes")!.getCell("B2")).toMatchObject({ value: "keep me", font: { bold: true } });
  });

  it("refuses a CSV and a workbook with parts it would lose, before scoring", async () => {
    const csv = await score(path.join(dir, "x.csv"), "--roll-forward");
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain("--roll-forward writes into the workbook's SQII History: give an .xlsx file");
    const file = path.join(dir, "charted.xlsx");
    await writeFile(file, storedZip(["[Content_Types].xml", "xl/workbook.xml", "xl/charts/chart1.xml"]));
    expect(zipEntries(await readFile(file))).toEqual(["[Content_Types].xml", "xl/workbook.xml", "xl/charts/chart1.xml"]);
    expect(await rewriteRefusal(file)).toBe(
      "charted.xlsx holds xl/charts/chart1.xml, which the command line cannot keep when it rewrites the workbook; roll forward in the add-in, or from a copy without it",
    );
    const plain = path.join(dir, "plain.xlsx");
    await writeWorkbook(plain, [inputSheet(threeYearDistrict(2014))]);
    expect(await rewriteRefusal(plain)).toBeNull();
  });
});

/** A zip of empty stored entries: enough for its directory to be read. */
function storedZip(names: string[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const bytes = Buffer.from(name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(bytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(bytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, bytes);
    central.push(entry, bytes);
    offset += 30 + bytes.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
