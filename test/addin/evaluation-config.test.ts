// SQII Evaluation Config in the add-in, over the fake workbook: the template inserted with the
// educator template, and the Rate button rating under the sheet's config exactly as the same JSON
// config rates, with the config's problems at their cells.
import { describe, expect, it } from "vitest";
import { insertEvaluationConfigTemplate } from "../../addin/evaluation-config.js";
import { rateAndWrite } from "../../addin/evaluations.js";
import { insertEducatorTemplate } from "../../addin/template.js";
import { scoreEducators } from "../../shared/educators/rating.js";
import { sampleEducators } from "../../shared/samples/educators.js";
import { problemLine } from "../../shared/tables/cells.js";
import { FakeWorkbook } from "./fake-excel.js";

const HEADER = ["District", "Model", "Practice", "Growth", "Growth 2", "Surveys", "Goals", "Highly Effective", "Effective", "Developing"];

async function staff() {
  const book = new FakeWorkbook();
  await insertEducatorTemplate(book.context(), sampleEducators());
  book.select("SQII Educators", book.tables.get("SQIIEducators")!.range.row + 1, 0);
  const run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>) => batch(book.context());
  return { book, run };
}

describe("insertEvaluationConfigTemplate", () => {
  it("adds the district table with the * row and validation, the Setting | Value block below it, and never replaces a sheet", async () => {
    const book = new FakeWorkbook();
    expect(await insertEvaluationConfigTemplate(book.context())).toBe("SQII Evaluation Config");
    const table = book.tables.get("SQIIEvaluationConfig")!;
    const values = book.sheets.get("SQII Evaluation Config")!.values();
    expect(values[table.range.row]).toEqual(HEADER);
    expect(values[table.range.row + 1]).toEqual(["*", "weighted", "", "", "", "", "", "", "", ""]);
    expect(values[table.range.row + 2]!.every((c) => c === "")).toBe(true);
    expect(values.slice(table.range.row + 3).map((r) => r.slice(0, 2))).toEqual([
      ["Setting", "Value"],
      ["minReport", 10],
    ]);
    expect(table.validations.get("Model")).toMatchObject({ rule: { list: { source: "weighted,check" } } });
    expect(table.validations.get("Effective")).toMatchObject({ rule: { decimal: { formula1: 1, formula2: 4 } } });
    expect(await insertEvaluationConfigTemplate(book.context())).toBeNull();
    expect([...book.sheets.keys()]).toEqual(["SQII Evaluation Config"]);
  });
});

describe("Rate with SQII Evaluation Config", () => {
  it("rates under the sheet's config as the same JSON config does", async () => {
    const { book, run } = await staff();
    book.addSheet("Evaluation Config").getRangeByIndexes(0, 0, 6, 10).values = [
      HEADER,
      ["Oakland Unified", "check", null, null, null, null, null, null, null, null],
      ["Sanger Unified", "weighted", 0.4, 0.4, null, 0.1, 0.1, 3.25, null, null],
      [null, null, null, null, null, null, null, null, null, null],
      ["Setting", "Value", null, null, null, null, null, null, null, null],
      ["minReport", 4, null, null, null, null, null, null, null, null],
    ];
    const out = await rateAndWrite(run, { endpoint: "local" });
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    const config = {
      models: {
        "Oakland Unified": { model: "check" as const },
        "Sanger Unified": {
          model: "weighted" as const,
          weights: { practice: 0.4, growth: 0.4, surveys: 0.1, goals: 0.1 },
          cuts: { highlyEffective: 3.25, effective: 2.5, developing: 1.75 },
        },
      },
      minReport: 4,
    };
    const expected = await scoreEducators({ config, educators: sampleEducators() });
    expect(out.response).toEqual(expected.ok && expected.value);
    const withoutConfig = await scoreEducators({ educators: sampleEducators() });
    expect(withoutConfig.ok && withoutConfig.value.configHash).not.toBe(out.response.configHash);
  });

  it("stops at the config's problems, each at its cell", async () => {
    const { book, run } = await staff();
    book.addSheet("SQII Evaluation Config").getRangeByIndexes(2, 0, 3, 4).values = [
      ["District", "Model", "Practice", "Growth"],
      ["Fresno Unified", "weighted", 0.9, 0.1],
      ["Oakland Unified", "mixed", null, null],
    ];
    const out = await rateAndWrite(run, { endpoint: "local" });
    expect(out.ok ? [] : out.problems.map(problemLine)).toEqual([`'SQII Evaluation Config'!B5: "mixed" is not a model (weighted or check)`]);
    book.sheets.get("SQII Evaluation Config")!.getRangeByIndexes(4, 1, 1, 1).values = [["check"]];
    const again = await rateAndWrite(run, { endpoint: "local" });
    expect(again.ok ? [] : again.problems.map(problemLine)).toEqual([
      `'SQII Evaluation Config'!D4: district "Fresno Unified": student growth is 8.3% of the weights; at least 20% is required`,
    ]);
  });
});
