// The Evaluations tab's flow on the fake workbook: template, rate, results + distribution + chart.

import { describe, expect, it } from "vitest";
import { rateAndWrite } from "../../addin/evaluations.js";
import { insertEducatorTemplate } from "../../addin/template.js";
import { scoreEducators } from "../../shared/educators/rating.js";
import { distributionTable } from "../../shared/reports/evaluation-report.js";
import { sampleEducators } from "../../shared/samples/educators.js";
import { readEducatorTable } from "../../shared/tables/educator-table.js";
import { FakeWorkbook } from "./fake-excel.js";

async function withTemplate(sample = sampleEducators()) {
  const book = new FakeWorkbook();
  await insertEducatorTemplate(book.context(), sample);
  const table = book.tables.get("SQIIEducators")!;
  book.select("SQII Educators", table.range.row + 1, 0);
  const run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>) => batch(book.context());
  return { book, run, table, sample };
}

describe("Evaluations", () => {
  it("rates the template's educators and writes results, the distribution and one chart, input untouched", async () => {
    const { book, run, sample } = await withTemplate();
    const input = book.sheets.get("SQII Educators")!.values();
    const out = await rateAndWrite(run, { endpoint: "local" });
    if (!out.ok) throw new Error(JSON.stringify(out.problems.slice(0, 3)));
    const expected = await scoreEducators({ educators: sample });
    expect(out.response).toEqual(expected.ok && expected.value);
    expect(book.sheets.get("SQII Evaluations")!.values().length).toBeGreaterThan(sample.length);
    expect(book.sheets.get("SQII Distribution")!.chartList).toHaveLength(1);
    await rateAndWrite(run, { endpoint: "local" }); // a re-run replaces the chart too
    expect(book.sheets.get("SQII Distribution")!.chartList).toHaveLength(1);
    expect(book.sheets.get("SQII Educators")!.values()).toEqual(input);
  });

  it("never shows a suppressed group's counts in the workbook", async () => {
    const { run } = await withTemplate();
    const out = await rateAndWrite(run, { endpoint: "local" });
    if (!out.ok) throw new Error("should rate");
    const { header, rows } = distributionTable(out.response.distribution);
    const suppressed = rows.filter((r) => r[header.indexOf("Suppressed")] === "Yes");
    expect(suppressed.length).toBeGreaterThan(0); // principals: one per school
    for (const row of suppressed) expect(row.slice(header.indexOf("Rated"), header.indexOf("Suppressed")).every((v) => v === null)).toBe(true);
  });

  it("names the cell of a bad rating and of a missing column", async () => {
    const { book, run, table } = await withTemplate();
    const sheet = book.sheets.get("SQII Educators")!;
    sheet.getRangeByIndexes(table.range.row + 2, 4, 1, 1).values = [[5]]; // Practice, second educator
    const out = await rateAndWrite(run, { endpoint: "local" });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problems).toEqual([
      expect.objectContaining({ cell: `'SQII Educators'!E${table.range.row + 3}`, message: "expected a rating from 1 to 4, got 5" }),
    ]);
    const noGrowth = readEducatorTable([["Educator ID", "Role", "School", "District"]], { sheet: "Staff", firstRow: 1, firstColumn: 1 });
    expect(noGrowth.problems).toEqual([expect.objectContaining({ cell: "Staff!A1", message: "the table has no Practice column" })]);
  });
});
