// The task pane in headless Chromium (the browser scripts/dev/browser.ts finds), over a simulated
// Excel host, against the real Worker under wrangler dev: insert the template with sample data,
// score it, roll the year forward, and compare the results sheet with what the command line gives
// for the same schools; and with SQII Config: a cut point and a weight changed in the sheet score
// as the same JSON config, and the sample's norm cut points go back into the sheet. The pane opens
// with its startup scripts alone and loads the rest once each, when first needed; a part that
// cannot load is said in the pane.

import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { build, type Metafile } from "esbuild";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBrowser } from "../../scripts/dev/browser.js";
import { ADDIN_DIST, buildAddinWithMeta, startupScripts } from "../../scripts/dev/build-addin.js";
import { type PaneServer, serveHttp } from "../../scripts/dev/serve-addin.js";
import { freePort, startWranglerDev, type WranglerDev } from "../../scripts/dev/wrangler-dev.js";
import { resolveConfig } from "../../shared/contract/config.js";
import type { ScoreResponse } from "../../shared/contract/responses.js";
import { resultsTable } from "../../shared/reports/score-report.js";
import { generateConsortium, TEMPLATE_SAMPLE_OPTIONS } from "../../shared/samples/consortium.js";
import { normCutPoints } from "../../shared/schools/cut-points.js";
import { scoreRequest } from "../../shared/schools/score.js";
import type { TestHost } from "./fake-host.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
let dev: WranglerDev;
let pane: PaneServer;
let paneUrl: string;
let browser: Browser;
/** What the pane loads when it opens, as paths under its origin (chunks/…). */
let startup: string[];

beforeAll(async () => {
  // First, so a machine without a browser fails at once with the line saying what to install.
  const executablePath = findBrowser();
  const meta: Metafile = await buildAddinWithMeta();
  startup = startupScripts(meta);
  pane = await serveHttp(ADDIN_DIST, await freePort());
  const origin = pane.origin;
  paneUrl = `${origin}/taskpane.html`;
  dev = await startWranglerDev({ port: await freePort(), vars: { ALLOWED_ORIGINS: origin } });
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await dev?.stop();
  await pane?.close();
});

describe("task pane in Chromium", () => {
  it("inserts the template with sample data, scores it on the Worker, and writes what the command line computes", async () => {
    const scripts: string[] = [];
    const page = await openPane(scripts);
    // The pane opens with its startup scripts alone: the rest load when a button first needs them.
    expect([...scripts].sort()).toEqual([...startup].sort());
    await insertSampleTemplate(page, "Inserted");
    await useTheWorker(page);
    await readTemplate(page);
    // The sample has two years in its Year column: the later is scored, the earlier is most schools' prior year.
    expect(await page.textContent("#mapping-summary")).toMatch(/: 40 schools, long format\. 2014 scored; 2013 is the prior year of 3\d schools\.$/);
    await page.getByRole("button", { name: "Score", exact: true }).click();
    await expect.poll(() => page.textContent("#status"), { timeout: 30_000 }).toMatch(/^Done: /);
    await page.screenshot({ path: path.join(ROOT, "docs/screenshots/taskpane-score.png") });

    const written = await page.evaluate(() => {
      const book = (globalThis as TestHost).sqiiTestBook;
      const table = book.tables.get("SQIIResults")!;
      return book.sheets.get("SQII Results")!.values().slice(table.range.row);
    });

    // Roll forward: 2014's results join the sample's two prior years in SQII History.
    await page.getByRole("button", { name: "Roll 2014 forward into SQII History" }).click();
    await expect.poll(() => page.textContent("#roll-status")).toBe("2014 is in SQII History: 40 rows added, 0 replaced. Score 2015's data next.");
    const historyRows = await page.evaluate(() => (globalThis as TestHost).sqiiTestBook.tables.get("SQIIHistory")!.range.rowCount);
    expect(historyRows).toBe(1 + 3 * 40);

    // School report: a school's row selected in SQII Results → SQII School Report with its chart.
    await page.evaluate(() => {
      const book = (globalThis as TestHost).sqiiTestBook;
      book.select("SQII Results", book.tables.get("SQIIResults")!.range.row + 1, 2);
    });
    await page.getByRole("button", { name: "School report" }).click();
    await expect.poll(() => page.textContent("#report-status")).toMatch(/^Wrote SQII School Report for /);
    expect(await page.evaluate(() => (globalThis as TestHost).sqiiTestBook.sheets.get("SQII School Report")!.chartList.length)).toBe(1);

    // Scenarios: the two default cards preview counts locally, Compare writes SQII Scenarios.
    await page.getByRole("tab", { name: "Scenarios" }).click();
    await expect.poll(() => page.locator(".preview").first().textContent()).toMatch(/^40 scored · Priority \d+ · Focus \d+ · Reward \d+$/);
    const priority = async () => Number(/Priority (\d+)/.exec((await page.locator(".preview").first().textContent()) ?? "")?.[1]);
    const before = await priority();
    await page.locator("#s0-priorityPct").fill("20");
    await expect.poll(priority).toBeGreaterThan(before); // the live preview follows the value
    await page.getByRole("button", { name: "Compare" }).click();
    await expect.poll(() => page.textContent("#scenario-status"), { timeout: 30_000 }).toMatch(/^Done: /);
    await page.screenshot({ path: path.join(ROOT, "docs/screenshots/taskpane-scenarios.png") });
    const scenarioRows = await page.evaluate(() => {
      const book = (globalThis as TestHost).sqiiTestBook;
      return book.sheets.get("SQII Scenarios")!.values().length - book.tables.get("SQIIScenarios")!.range.row - 1;
    });
    expect(scenarioRows).toBe(40);

    // Evaluations: the educator template with sample staff, rated on the Worker.
    await page.getByRole("tab", { name: "Evaluations" }).click();
    await page.getByLabel(/sample staff/).check();
    await page.getByRole("button", { name: "Insert educator template" }).click();
    await expect.poll(() => page.textContent("#rate-status")).toContain("Inserted");
    await page.evaluate(() => {
      const book = (globalThis as TestHost).sqiiTestBook;
      book.select("SQII Educators", book.tables.get("SQIIEducators")!.range.row + 1, 0);
    });
    await page.getByRole("button", { name: "Rate selection" }).click();
    await expect.poll(() => page.textContent("#rate-status"), { timeout: 30_000 }).toMatch(/^Done: \d+ of \d+ rated/);
    await page.screenshot({ path: path.join(ROOT, "docs/screenshots/taskpane-evaluations.png") });
    const distribution = await page.evaluate(() => {
      const book = (globalThis as TestHost).sqiiTestBook;
      const sheet = book.sheets.get("SQII Distribution")!;
      const start = book.tables.get("SQIIDistribution")!.range.row;
      return { rows: sheet.values().slice(start), charts: sheet.chartList.length };
    });
    expect(distribution.charts).toBe(1);
    const [head = [], ...body] = distribution.rows;
    const suppressedAt = head.indexOf("Suppressed");
    for (const row of body.filter((r: unknown[]) => r[suppressedAt] === "Yes"))
      expect(row.slice(head.indexOf("Rated"), suppressedAt).every((v: unknown) => v === "")).toBe(true);

    // Each script loaded once, also those that several buttons use (the templates, SQII History, the sheet writer).
    expect(scripts.length).toBeGreaterThan(startup.length);
    expect(scripts.filter((file, i) => scripts.indexOf(file) !== i)).toEqual([]);

    // The same schools through the command line.
    const sample = generateConsortium(TEMPLATE_SAMPLE_OPTIONS);
    const file = path.join(await mkdtemp(path.join(tmpdir(), "sqii-pane-")), "sample.json");
    await writeFile(file, JSON.stringify(sample));
    const { stdout } = await promisify(execFile)(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/cli/score.ts", file], { cwd: ROOT, maxBuffer: 1 << 26 });
    const cli = resultsTable(JSON.parse(stdout) as ScoreResponse);
    // A blank cell reads back as "" (null is "leave as is" in Excel).
    expect(written).toEqual([cli.header, ...cli.rows.map((r) => r.map((v) => v ?? ""))]);
  });

  it("inserts SQII Config with the template; a cut point and a weight changed there change the results as the same JSON config does", async () => {
    const page = await openPane();
    await insertSampleTemplate(page, 'and "SQII Config"');
    await useTheWorker(page);

    // The analyst types new ELA cut points and weighs ELA three times at high schools, in the sheet.
    const ela = [30, 36, 41, 46, 51, 56, 61, 66, 72];
    await page.evaluate((cuts) => {
      const book = (globalThis as TestHost).sqiiTestBook;
      const sheet = book.sheets.get("SQII Config")!;
      const rows = sheet.values();
      const cutRow = rows.findIndex((r) => r[0] === "ELA"); // the cut-point block comes before the targets
      for (const [k, cut] of cuts.entries()) sheet.cells.set(`${cutRow},${k + 1}`, cut);
      const header = rows.findIndex((r) => r[0] === "Level");
      const high = rows.findIndex((r, i) => i > header && r[0] === "High");
      sheet.cells.set(`${high},${rows[header]!.indexOf("ELA")}`, 3);
    }, ela);
    await readTemplate(page);
    await page.getByRole("button", { name: "Score", exact: true }).click();
    await expect.poll(() => page.textContent("#status"), { timeout: 30_000 }).toMatch(/^Done: /);
    const { rows, info } = await page.evaluate(() => {
      const book = (globalThis as TestHost).sqiiTestBook;
      const values = book.sheets.get("SQII Results")!.values();
      const start = book.tables.get("SQIIResults")!.range.row;
      return { rows: values.slice(start), info: Object.fromEntries(values.slice(0, start - 1).map((r) => [r[0], r[1]])) };
    });

    // The same change as a JSON config, scored here: the same hash and the same table.
    const sample = generateConsortium(TEMPLATE_SAMPLE_OPTIONS);
    const config = { cutPoints: { ela }, indicatorWeights: { high: { ela: 3 } } };
    const expected = await scoreRequest({ ...sample, config });
    const plain = await scoreRequest(sample);
    if (!expected.ok || !plain.ok) throw new Error("the sample should score");
    expect(info["Config hash"]).toBe(expected.value.configHash);
    expect(info.Config).toBe("sheet SQII Config");
    const table = resultsTable(expected.value);
    expect(rows).toEqual([table.header, ...table.rows.map((r) => r.map((v) => v ?? ""))]);
    expect(expected.value.configHash).not.toBe(plain.value.configHash);
    expect(table.rows).not.toEqual(resultsTable(plain.value).rows); // the change shows in the results

    // The same data as a base year: its norm cut points, computed on the Worker, replace the block.
    await page.getByRole("button", { name: "Set cut points from this data" }).click();
    await expect.poll(() => page.textContent("#status"), { timeout: 30_000 }).toMatch(/^Cut points written to "SQII Config": \d+ of 11 indicators set/);
    await page.screenshot({ path: path.join(ROOT, "docs/screenshots/taskpane-cut-points.png") });
    const written = await page.evaluate(() => {
      const rows = (globalThis as TestHost).sqiiTestBook.sheets.get("SQII Config")!.values();
      return rows.find((r) => r[0] === "ELA")!.slice(1, 10);
    });
    const resolved = resolveConfig([{ patch: config, at: ["config"] }]);
    if (!resolved.ok) throw new Error("config");
    expect(written).toEqual(normCutPoints(sample.schools, resolved.value).cutPoints.ela);
  });

  it("says in the pane, at the button's status, when a part loaded on request cannot be loaded, and writes nothing", async () => {
    const page = await openPane();
    await insertSampleTemplate(page, "Inserted");
    await readTemplate(page);

    // From now on every script the pane has not loaded yet fails to arrive (a dropped connection…).
    const loaded = new Set<string>();
    page.on("requestfinished", (request) => void loaded.add(request.url()));
    await page.route(`${pane.origin}/**/*.js`, (route) => (loaded.has(route.request().url()) ? route.continue() : route.abort()));
    const failed = async (button: string, status: string, wording: string) => {
      await page.getByRole("button", { name: button, exact: true }).click();
      await expect.poll(() => page.textContent(status)).toMatch(new RegExp(`^${wording}: .+`));
      expect(await page.getAttribute(status, "class")).toBe("error");
      expect(await page.getByRole("button", { name: button, exact: true }).isEnabled()).toBe(true);
    };
    await failed("Score", "#status", "Could not score");
    await failed("Set cut points from this data", "#status", "Could not write the cut points");
    await page.getByRole("tab", { name: "Scenarios" }).click();
    await failed("Compare", "#scenario-status", "Could not compare");
    await page.getByRole("tab", { name: "Evaluations" }).click();
    await failed("Insert educator template", "#rate-status", "Could not insert the template");
    await failed("Rate selection", "#rate-status", "Could not rate");
    const sheets = await page.evaluate(() => [...(globalThis as TestHost).sqiiTestBook.sheets.keys()]);
    expect(sheets.sort()).toEqual(["SQII Config", "SQII History", "SQII Template"]);
  });
});

/** A new page with the pane open over an empty workbook; `scripts` gets the path of each script the page asks the pane's server for. */
async function openPane(scripts: string[] = []): Promise<Page> {
  const host = await build({ entryPoints: [path.join(ROOT, "test/browser/fake-host.ts")], bundle: true, format: "iife", write: false, logLevel: "warning" });
  const page = await browser.newPage({ viewport: { width: 380, height: 760 } });
  await page.route("**/appsforoffice.microsoft.com/**", (route) => route.abort()); // offline: no Office.js
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.origin === pane.origin && url.pathname.endsWith(".js")) scripts.push(url.pathname.slice(1));
  });
  await page.addInitScript({ content: host.outputFiles[0]!.text });
  await page.goto(paneUrl);
  return page;
}

/** The Template tab's table with its sample data, inserted; `status` is what the tab then says. */
async function insertSampleTemplate(page: Page, status: string): Promise<void> {
  await page.getByRole("tab", { name: "Template" }).click();
  await page.getByLabel(/sample data/).check();
  await page.getByRole("button", { name: "Insert template" }).click();
  await expect.poll(() => page.textContent("#template-status")).toContain(status);
}

/** The user clicks a cell of the template's table and reads it on the Score tab, ready to score. */
async function readTemplate(page: Page): Promise<void> {
  await page.evaluate(() => {
    const book = (globalThis as TestHost).sqiiTestBook;
    book.select("SQII Template", book.tables.get("SQIITemplate")!.range.row + 1, 0);
  });
  await page.getByRole("tab", { name: "Score" }).click();
  await page.getByRole("button", { name: "Read selection" }).click();
  await expect.poll(() => page.textContent("#status")).toBe("Ready to score.");
}

async function useTheWorker(page: Page): Promise<void> {
  await page.getByRole("tab", { name: "Settings" }).click();
  await page.selectOption("#endpoint-mode", "api");
  await page.fill("#endpoint", dev.url);
  await page.getByRole("button", { name: "Save" }).click();
}
