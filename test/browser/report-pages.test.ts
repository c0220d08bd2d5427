// The school data report's pages in headless Chromium (the browser scripts/dev/browser.ts finds):
// they open with no console error and no request leaving the folder, fit the printable width of A4
// (the narrower of A4 and Letter) with no block taller than a Letter page (so no table or card is
// cut), print to PDF on both, and their screenshots go to docs/screenshots/ for the README. The
// Focus school's page shows its status × change grid (methodology §13) in the colours of the palette.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexPage, pageFiles, schoolPage } from "../../scripts/cli/report-page.js";
import { findBrowser } from "../../scripts/dev/browser.js";
import { PALETTE } from "../../shared/reports/report.js";
import { schoolReports } from "../../shared/reports/school-report.js";
import type { SchoolReport } from "../../shared/reports/school-report-model.js";
import { signed } from "../../shared/reports/school-report-text.js";
import { generateConsortium } from "../../shared/samples/consortium.js";
import { parseScoreRequest, scoreSchools } from "../../shared/schools/score.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MM = 96 / 25.4;
/** Printable width of A4 and height of Letter at the pages' @page margins (14 mm sides, 12 mm top and bottom), in CSS px. */
const A4_WIDTH = (210 - 2 * 14) * MM;
const LETTER_HEIGHT = (279.4 - 2 * 12) * MM;

let browser: Browser;
let dir: string;
let reports: SchoolReport[];
let files: Map<string, string>;

beforeAll(async () => {
  const executablePath = findBrowser();
  // Most schools with a prior year (§13), whose pages show the status × change grid; a few without.
  const sample = generateConsortium({ schools: 120, seed: 2014, year: 2014, priors: "most" });
  const parsed = parseScoreRequest(sample);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const { request, config } = parsed.value;
  reports = schoolReports({ response: await scoreSchools(request, config), schools: request.schools, config });
  files = pageFiles(reports.map((r) => r.id));
  dir = await mkdtemp(path.join(tmpdir(), "sqii-pages-"));
  for (const report of reports) await writeFile(path.join(dir, files.get(report.id)!), schoolPage(report));
  await writeFile(path.join(dir, "index.html"), indexPage(reports, files));
  browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Opens a page of the folder; `problems` collects console errors, page errors and any request that is not a file of it. */
async function open(file: string, problems: string[], viewport = { width: 900, height: 1100 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on("console", (message) => message.type() === "error" && problems.push(`console: ${message.text()}`));
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("request", (request) => !request.url().startsWith(pathToFileURL(dir).href) && problems.push(`request: ${request.url()}`));
  page.on("requestfailed", (request) => problems.push(`failed: ${request.url()}`));
  await page.goto(pathToFileURL(path.join(dir, file)).href);
  return page;
}

/** PDF pages: each page object of the file is `/Type /Page` (the tree is `/Type /Pages`). */
const pdfPages = (pdf: Buffer) => pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;

/** One of each kind of school, the first of its kind in the sample. */
function sampleOf(code: SchoolReport["designation"]["code"]): SchoolReport {
  const found = reports.find((r) => r.designation.code === code);
  if (!found) throw new Error(`the sample has no ${code} school`);
  return found;
}

describe("school report pages in Chromium", () => {
  it("open with no console error and no request outside the folder, and print on A4 and Letter without cut blocks", async () => {
    const kinds = (["priority", "focus", "reward", "none"] as const).map(sampleOf);
    for (const file of ["index.html", ...kinds.map((r) => files.get(r.id)!)]) {
      const problems: string[] = [];
      const page = await open(file, problems, { width: Math.floor(A4_WIDTH), height: 1000 });
      await page.emulateMedia({ media: "print" });
      const layout = await page.evaluate(() => ({
        width: document.documentElement.scrollWidth,
        // Blocks that must not break: each has to fit on a page for break-inside: avoid to hold.
        tallest: Math.max(
          ...[...document.querySelectorAll(".card, .figures, svg.chart, table:not(.long), footer")].map((e) => e.getBoundingClientRect().height),
        ),
        title: document.title,
      }));
      expect(layout.width, `${file} is wider than A4's printable width`).toBeLessThanOrEqual(Math.ceil(A4_WIDTH));
      expect(layout.tallest, `${file} has a block taller than a Letter page`).toBeLessThan(LETTER_HEIGHT);
      for (const format of ["A4", "Letter"] as const) {
        const pages = pdfPages(await page.pdf({ format, printBackground: true }));
        expect(pages, `${file} on ${format}`).toBeGreaterThanOrEqual(1);
        if (file !== "index.html") expect(pages, `${file} on ${format}`).toBeLessThanOrEqual(3);
      }
      expect(problems, file).toEqual([]);
      await page.close();
    }
  });

  it("a Focus school's page and the index page, as docs/screenshots/ shows them", async () => {
    // A Focus school with one group at the bottom of its gap: the page shows that group's next levels.
    const focus = reports.find((r) => r.designation.code === "focus" && r.exit.gapGroups.length === 1 && r.change.rows.length > 0)!;
    const problems: string[] = [];
    const page = await open(files.get(focus.id)!, problems);
    await expect.poll(() => page.title()).toBe(`${focus.title}: school data report`);
    expect(await page.locator(".designation .kind").textContent()).toMatch(/^Focus school · year \d/);
    expect(await page.locator("svg.chart rect.bar").count()).toBe(focus.indicators.filter((l) => l.level !== null).length);
    // The status × change grid: five statuses by five change classes, each cell on §13's colour, every placed indicator in one.
    const grid = page.locator("table.grid");
    expect(await grid.locator("tbody tr").count()).toBe(5);
    const backgrounds = await grid
      .locator("tbody tr")
      .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("td")].map((td) => getComputedStyle(td).backgroundColor)));
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(", ")})`;
    expect(backgrounds).toEqual(focus.change.rows.map((row) => row.cells.map((cell) => rgb(PALETTE[cell.color]))));
    expect(backgrounds.flat().slice(0, 5)).toEqual(["yellow", "green", "blue", "blue", "blue"].map((c) => rgb(PALETTE[c as "blue"])));
    const placed = focus.indicators.filter((l) => l.performance !== null);
    expect(await grid.locator(".entry").allTextContents()).toEqual(
      focus.change.rows.flatMap((row) => row.cells.flatMap((cell) => cell.entries.map((e) => e.text))),
    );
    expect(await grid.locator(".entry").count()).toBe(placed.length);
    expect(await page.locator(".figure .prior").textContent()).toBe(
      `${focus.change.priorYear}: ${focus.index!.priorScore!.toFixed(1)} · change ${signed(focus.index!.change!)}`,
    );
    await page.screenshot({ path: path.join(ROOT, "docs/screenshots/report-focus.png"), fullPage: true });

    const index = await open("index.html", problems);
    const link = index.getByRole("link", { name: focus.title, exact: true });
    await expect.poll(() => link.getAttribute("href")).toBe(files.get(focus.id));
    expect(await index.locator("section.group h2").allTextContents()).toEqual(
      (["Priority", "Focus", "Reward", "Not designated"] as const).map((label) => {
        const count = reports.filter((r) => r.designation.label === label).length;
        return `${label} ${count}`;
      }),
    );
    await index.screenshot({ path: path.join(ROOT, "docs/screenshots/report-index.png") });
    // The link works: it opens the school's page.
    await link.click();
    await expect.poll(() => index.title()).toBe(`${focus.title}: school data report`);
    expect(problems).toEqual([]);
  });

  it("a school without a prior year says so in one line instead of a grid", async () => {
    const without = reports.find((r) => r.change.priorYear === null && r.index !== null)!;
    const problems: string[] = [];
    const page = await open(files.get(without.id)!, problems);
    expect(await page.locator("table.grid").count()).toBe(0);
    expect(await page.locator("p.no-grid").allTextContents()).toEqual([
      "Change since the prior year: No prior year's results were sent for this school, so there is no change to show.",
    ]);
    expect(await page.locator(".figure .prior").count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
