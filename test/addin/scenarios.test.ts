// The Scenarios tab's drafts: fields over a config sheet turned into patches, previews in the pane,
// the SQII Scenarios sheet, and a scenario based on a second config sheet in the fake workbook.
import { describe, expect, it } from "vitest";
import { insertConfigIfMissing } from "../../addin/block-sheet.js";
import { draftFromPreset, previewDraft, scenariosRequest, toPatch } from "../../addin/scenarios.js";
import { prepare } from "../../addin/score-flow.js";
import { writeSheets } from "../../addin/sheet-writer.js";
import { insertTemplate } from "../../addin/template.js";
import { readConfigSheetNamed, readWorkbookConfig } from "../../addin/workbook-config.js";
import { configHash } from "../../shared/contract/config.js";
import { DEFAULT_CONFIG } from "../../shared/contract/default-config.js";
import { scenarioSheet } from "../../shared/reports/scenario-report.js";
import { generateConsortium } from "../../shared/samples/consortium.js";
import { runScenarios } from "../../shared/schools/scenarios.js";
import { workbookRequest } from "../../shared/tables/workbook-request.js";
import { type FakeSheet, FakeWorkbook } from "./fake-excel.js";

const sample = generateConsortium({ schools: 80, seed: 21, year: 2014 });

/** Types into the cell of a row whose first cell is `key` (1: the Value, or an indicator's first cut point). */
function type(sheet: FakeSheet, key: string, value: string | number, column = 1): void {
  sheet.cells.set(`${sheet.values().findIndex((r) => r[0] === key)},${column}`, value);
}

describe("scenario drafts", () => {
  it("turn the fields a user set into a config patch, leaving the others to the sheet", () => {
    expect(toPatch(draftFromPreset("Academic only").overrides)).toEqual({ domainWeights: { academic: 1, secc: 0 } });
    expect(toPatch({ minN: 30, focusPct: 12.5 })).toEqual({ minN: 30, designation: { focusShare: 0.125 } });
    expect(toPatch({})).toEqual({});
  });

  it("preview designation counts locally, and they follow the shares", () => {
    const base = previewDraft(sample, draftFromPreset("Workbook config"), null);
    const wider = previewDraft(sample, { ...draftFromPreset("Workbook config"), overrides: { priorityPct: 20 } }, null);
    if (!base.ok || !wider.ok) throw new Error("sample should be valid");
    expect(Object.values(base.counts).reduce((a, b) => a + b, 0)).toBe(80);
    expect(wider.counts.priority).toBeGreaterThan(base.counts.priority);
    const bad = previewDraft(sample, { ...draftFromPreset("Workbook config"), overrides: { minN: 0 } }, null);
    expect(bad).toMatchObject({ ok: false, problems: [expect.objectContaining({ path: "config.minN" })] });
  });
});

describe("SQII Scenarios sheet", () => {
  it("shows each school per scenario, what changed against the first, and highlights the changes", async () => {
    const drafts = [
      draftFromPreset("Workbook config", "Default"),
      draftFromPreset("Academic only"),
      { ...draftFromPreset("Workbook config", "Wide Focus"), overrides: { focusPct: 30 } },
    ];
    const compared = await runScenarios(scenariosRequest(sample, drafts, []));
    if (!compared.ok) throw new Error(JSON.stringify(compared.problems));
    const names = new Map(sample.schools.map((s) => [s.id, s.name ?? null]));
    const content = scenarioSheet(compared.value, names, "Data!A1:T900", new Date("2026-11-23T10:00:00Z"));
    expect(content.table!.header.slice(0, 5)).toEqual(["School ID", "School", "Default: Score", "Default: Level", "Default: Designation"]);
    expect(content.table!.header.slice(-4)).toEqual(["Academic only: Δ Score", "Academic only: Changed", "Wide Focus: Δ Score", "Wide Focus: Changed"]);
    expect(content.table!.rows).toHaveLength(80);
    // Widening Focus from 10% to 30% moves some schools from None to Focus, and says so.
    const changed = content.table!.rows.map((r) => r.at(-1)).filter((c) => c !== null);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed).toContain("None → Focus");
    const book = new FakeWorkbook();
    await writeSheets(book.context(), [content]);
    const formats = book.sheets.get("SQII Scenarios")!.conditionalFormats;
    expect(formats.filter((f) => f.textComparison.rule?.text === "→")).toHaveLength(2);
  });
});

describe("SQII Scenarios sheet with a prior year (§13)", () => {
  it("shows each scenario's prior score and change, the prior year scored under that scenario's rules", async () => {
    const withPriors = generateConsortium({ schools: 60, seed: 21, year: 2014, priors: "most" });
    const drafts = [draftFromPreset("Workbook config", "Default"), draftFromPreset("Academic only")];
    const compared = await runScenarios(scenariosRequest(withPriors, drafts, []));
    if (!compared.ok) throw new Error(JSON.stringify(compared.problems));
    const content = scenarioSheet(compared.value, new Map(), "Data!A1:T900", new Date("2026-11-23T10:00:00Z"));
    const header = content.table!.header;
    expect(header.slice(2, 12)).toEqual([
      "Default: Score",
      "Default: Level",
      "Default: Designation",
      "Default: Prior Score",
      "Default: Change since Prior",
      "Academic only: Score",
      "Academic only: Level",
      "Academic only: Designation",
      "Academic only: Prior Score",
      "Academic only: Change since Prior",
    ]);
    expect(content.numberFormats).toMatchObject({ "Default: Change since Prior": '+0.0;"−"0.0;0.0', "Academic only: Prior Score": "0.0" });
    const column = (name: string) => content.table!.rows.map((row) => row[header.indexOf(name)]);
    const schools = compared.value.schools;
    expect(column("Default: Prior Score")).toEqual(schools.map((s) => s.byScenario[0]!.index?.priorScore ?? null));
    expect(column("Academic only: Change since Prior")).toEqual(schools.map((s) => s.byScenario[1]!.index?.change ?? null));
    // Most schools carry a prior year; academic-only weights score it differently for some of them.
    const priors = column("Default: Prior Score");
    expect(priors.filter((p) => p !== null).length).toBeGreaterThan(40);
    expect(priors.some((p, i) => p !== null && p !== column("Academic only: Prior Score")[i])).toBe(true);
    // Score − prior score is the change, to a rounding of each.
    const scores = column("Default: Score");
    priors.forEach((p, i) => {
      if (p !== null && scores[i] !== null)
        expect(Math.abs((scores[i] as number) - (p as number) - (column("Default: Change since Prior")[i] as number))).toBeLessThanOrEqual(0.1 + 1e-9);
    });
  });

  it("has no prior columns when no school sent a prior year", async () => {
    const compared = await runScenarios(scenariosRequest(sample, [draftFromPreset("Workbook config", "Default"), draftFromPreset("Academic only")], []));
    if (!compared.ok) throw new Error(JSON.stringify(compared.problems));
    const content = scenarioSheet(compared.value, new Map(), "x", new Date(0));
    expect(content.table!.header.filter((h) => h.includes("Prior"))).toEqual([]);
  });
});

describe("a scenario based on a second config sheet", () => {
  it("runs with that sheet's whole config, the baseline with the workbook's own", async () => {
    const book = new FakeWorkbook();
    await insertTemplate(book.context(), sample);
    await insertConfigIfMissing(book.context());
    book.select("SQII Template", book.tables.get("SQIITemplate")!.range.row + 1, 0);
    const run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>) => batch(book.context());
    type(book.sheets.get("SQII Config")!, "minN", 30);
    // The user copies SQII Config to SQII Config 2 and changes a weight and a cut point there.
    const copy = book.addSheet("SQII Config 2");
    for (const [key, value] of book.sheets.get("SQII Config")!.cells) copy.cells.set(key, value);
    const weightRow = copy.values().findIndex((r) => r[0] === "High");
    copy.cells.set(`${weightRow},1`, 3);
    type(copy, "Math", 10);
    const bases = [await run((c) => readWorkbookConfig(c)), await run((c) => readConfigSheetNamed(c, "SQII Config 2"))];
    const prepared = await prepare(run);
    const request = scenariosRequest(
      workbookRequest(prepared.read, { sheet: prepared.config }).request,
      [draftFromPreset("Workbook config", "Baseline"), draftFromPreset("Workbook config", "Copy", "SQII Config 2")],
      bases,
    );
    const compared = await runScenarios(request);
    if (!compared.ok) throw new Error(JSON.stringify(compared.problems));
    const ours = { ...DEFAULT_CONFIG, minN: 30 };
    const copied = {
      ...ours,
      indicatorWeights: { ...ours.indicatorWeights, high: { ...ours.indicatorWeights.high, ela: 3 } },
      cutPoints: { ...ours.cutPoints, math: [10, 17, 22, 27, 32, 38, 45, 53, 63] },
    };
    expect(compared.value.scenarios.map((s) => s.configHash)).toEqual([await configHash(ours), await configHash(copied)]);
    await expect(run((c) => readConfigSheetNamed(c, "SQII Config 3"))).rejects.toThrow('there is no sheet named "SQII Config 3"');
  });
});
