import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageFiles, schoolPage } from "../../scripts/cli/report-page.js";
import { toCsv, writeWorkbook } from "../../scripts/cli/xlsx-writer.js";
import type { School, ScoreRequest } from "../../shared/contract/requests.js";
import { schoolReport } from "../../shared/reports/school-report.js";
import { inputSheet } from "../../shared/reports/templates.js";
import { scoreSchools } from "../../shared/schools/score.js";
import { requestToLongRows } from "../../shared/tables/school-rows.js";
import { makeSchool, testConfig } from "../shared/fixtures.js";
import { code, fromMarker, tableAfter, workedPool, workedSchool } from "../shared/worked-example-doc.js";
import { runCli } from "./cli-child.js";

/** The report writes its pages to files: what a run says is its exit code and stderr. */
const report = async (...args: string[]) => {
  const { code, stderr } = await runCli("report", ...args);
  return { code, stderr };
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sqii-report-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
const inDir = (...parts: string[]) => path.join(dir, ...parts);

/** Every file of a folder, by name. */
async function folder(out: string): Promise<Map<string, string>> {
  const names = (await readdir(out)).sort();
  return new Map(await Promise.all(names.map(async (name) => [name, await readFile(path.join(out, name), "utf8")] as const)));
}

const hostile: School = {
  ...makeSchool(`../x"<b>`, { name: "<script>alert(1)</script>", district: `Ünïon & "Co" <i>` }),
};
const REQUEST: ScoreRequest = { schools: [workedSchool, hostile, makeSchool("B2", { name: "Bravo" })] };

describe("npm run report", () => {
  it("writes an index and one page per school; caller text is escaped and file names are safe", async () => {
    await writeFile(inDir("schools.json"), JSON.stringify(REQUEST));
    const run = await report(inDir("schools.json"), "--out", inDir("all"));
    expect(run.stderr).toMatch(/^Wrote 3 school pages and index\.html to /);
    expect(run.code).toBe(0);
    const files = await folder(inDir("all"));
    expect([...files.keys()]).toEqual(["index.html", "school-B2.html", "school-W1.html", "school-_x_b_.html"]);
    for (const [name, text] of files) {
      expect(text, name).not.toMatch(/<script|<b>|<i>|https?:\/\//);
      expect(text, name).toMatch(/^<!doctype html>/);
    }
    expect(files.get("school-_x_b_.html")).toContain("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>");
    expect(files.get("school-_x_b_.html")).toContain("School ../x&quot;&lt;b&gt; · Ünïon &amp; &quot;Co&quot; &lt;i&gt;");
    // Every link of the index leads to a page written.
    const links = [...files.get("index.html")!.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(links.sort()).toEqual(["school-B2.html", "school-W1.html", "school-_x_b_.html"]);
  });

  it("--school picks schools; an unknown one is an error", async () => {
    await writeFile(inDir("schools.json"), JSON.stringify(REQUEST));
    expect((await report(inDir("schools.json"), "--out", inDir("one"), "--school", "W1")).code).toBe(0);
    expect([...(await folder(inDir("one"))).keys()]).toEqual(["index.html", "school-W1.html"]);
    const unknown = await report(inDir("schools.json"), "--out", inDir("none"), "--school", "W1", "--school", "ZZ");
    expect(unknown).toEqual({ code: 1, stderr: expect.stringContaining('no school with id "ZZ"') });
  });

  it("reads CSV and xlsx tables as npm run score does, problems by cell", async () => {
    await writeFile(inDir("schools.csv"), toCsv(requestToLongRows(REQUEST)));
    await writeWorkbook(inDir("schools.xlsx"), [inputSheet(REQUEST)]);
    for (const input of ["schools.csv", "schools.xlsx"]) {
      expect((await report(inDir(input), "--out", inDir(`from-${input}`))).code).toBe(0);
      expect(await folder(inDir(`from-${input}`))).toEqual(await folder(inDir("all")));
    }
    const rows = requestToLongRows(REQUEST);
    rows[1]![rows[0]!.indexOf("ELA")] = "lots";
    await writeFile(inDir("bad.csv"), toCsv(rows));
    const bad = await report(inDir("bad.csv"), "--out", inDir("bad"));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^bad!H2: .*\n1 problem; no report was written\.\n$/);
  });

  it("says how to use it when the arguments are wrong", async () => {
    expect(await report(inDir("schools.json"))).toEqual({ code: 2, stderr: expect.stringContaining("--out <folder> is required") });
    expect((await report(inDir("x.txt"), "--out", inDir("x"))).code).toBe(2);
  });
});

describe("npm run report --public", () => {
  // EL is under suppressBelow (11); its values are distinctive so a leak would show.
  const withEl = (n: number, ela: number, math: number): ScoreRequest => ({
    schools: [{ ...workedSchool, subgroups: { ...workedSchool.subgroups, EL: { n, ela, math } } }, makeSchool("B2")],
  });

  it("publishes nothing of a group under suppressBelow: the pages do not depend on its N or values at all", async () => {
    await writeFile(inDir("el3.json"), JSON.stringify(withEl(3, 37.77, 61.13)));
    await writeFile(inDir("el9.json"), JSON.stringify(withEl(9, 12.34, 56.78)));
    expect((await report(inDir("el3.json"), "--out", inDir("pub3"), "--public")).code).toBe(0);
    expect((await report(inDir("el9.json"), "--out", inDir("pub9"), "--public")).code).toBe(0);
    const [three, nine] = [await folder(inDir("pub3")), await folder(inDir("pub9"))];
    expect(three).toEqual(nine);
    const page = three.get("school-W1.html")!;
    expect(page).toContain('English Learners (<span class="suppressed">fewer than 11 students</span>)');
    // Not published: the N of the internal report's "English Learners (3 students, …)".
    expect((await report(inDir("el3.json"), "--out", inDir("internal3"))).code).toBe(0);
    expect((await folder(inDir("internal3"))).get("school-W1.html")).toContain("English Learners (3 students");
  });

  it("publishes no academic change of a group that was under suppressBelow in the prior year (§13)", async () => {
    // HI has 80 students now and 8 the year before; with minN 5 it counts in both years, so the
    // internal report shows its academic change (7.5 now, 1.5 before: +6), which the public one must
    // not. The school's prior index, like its index, is an aggregate and is published.
    const request: ScoreRequest = {
      year: 2014,
      config: { minN: 5 },
      schools: [
        { ...workedSchool, prior: { year: 2013, subgroups: { ALL: workedSchool.subgroups.ALL, HI: { n: 8, ela: 11.11, math: 12.12 } } } },
        makeSchool("B2"),
      ],
    };
    await writeFile(inDir("prior-hi.json"), JSON.stringify(request));
    const hiRow = async (...flags: string[]) => {
      const out = inDir(`prior-hi${flags.join("")}`);
      expect((await report(inDir("prior-hi.json"), "--out", out, ...flags)).code).toBe(0);
      return (await folder(out)).get("school-W1.html")!.match(/<tr><td>Hispanic\/Latino<\/td><td>80<\/td>.*?<\/tr>/)![0];
    };
    expect(await hiRow()).toContain("<td>7.5</td><td>+6</td>");
    expect(await hiRow("--public")).toContain('<td>7.5</td><td><span class="muted">–</span></td>');
  });

  it("with minN under suppressBelow the small group counts, and still none of its numbers is published", async () => {
    await writeFile(inDir("min5.json"), JSON.stringify({ ...withEl(8, 37.77, 61.13), config: { minN: 5 } }));
    const run = await report(inDir("min5.json"), "--out", inDir("pub-min5"), "--public");
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("warning: minN 5 is under suppressBelow 11");
    const published = [...(await folder(inDir("pub-min5"))).values()].join("\n");
    expect(published).not.toMatch(/37\.77|61\.13|English Learners \(8/);
    expect(published).toContain('English Learners (<span class="suppressed">fewer than 11 students</span>)');
    // The internal report shows them, so the test would see a leak.
    expect((await report(inDir("min5.json"), "--out", inDir("internal-min5"))).code).toBe(0);
    expect([...(await folder(inDir("internal-min5"))).values()].join("\n")).toMatch(/37\.77[\s\S]*61\.13/);
  });
});

describe("the worked example's page", () => {
  it("shows the numbers docs/methodology.md works out", async () => {
    const config = testConfig();
    const page = schoolPage(schoolReport({ response: await scoreSchools({ schools: workedPool }, config), schools: workedPool, config }, "W1")!);
    const [, cutOff, target, points] = fromMarker("exit").match(/cut-off \*\*([\d.]+)\*\*, exit at \*\*([\d.]+)\*\*, \*\*([\d.]+) index points\*\*/)!;
    expect(page).toContain(
      `The cut-off is ${cutOff}, the lowest index among the other schools of the pool: an index of ${target} leaves Priority, ${points} points above`,
    );
    // The gains table's first three rows are the steps the page lists: today, next level at, index points.
    for (const [indicator, value, next, , , gain] of tableAfter("gains").slice(0, 3)) {
      expect(page, code(indicator!)).toMatch(new RegExp(`<td>${value} \\(level \\d+\\)</td><td>${next}</td><td>\\+${gain}</td>`));
    }
    for (const [, , , elaGap, , mathGap] of tableAfter("targets")) {
      expect(page).toContain(`<td class="below">${elaGap}</td>`);
      expect(page).toContain(`<td class="below">${mathGap}</td>`);
    }
  });

  it("file names keep letters, digits, - and _, and never clash, whatever the case", () => {
    expect([...pageFiles(["A/B", "A_B", "a_b", "index", "Ünï"]).values()]).toEqual([
      "school-A_B.html",
      "school-A_B-2.html",
      "school-a_b-3.html",
      "school-index.html",
      "school-_n_.html",
    ]);
  });
});
