import { describe, expect, it } from "vitest";
import { draftFromPreset, previewDraft, scenariosRequest, toPatch } from "../../addin/scenarios.js";
import { writeSheets } from "../../addin/sheet-writer.js";
import { scenarioSheet } from "../../shared/reports/scenario-report.js";
import { generateConsortium } from "../../shared/samples/consortium.js";
import { runScenarios } from "../../shared/schools/scenarios.js";
import { FakeWorkbook } from "./fake-excel.js";

const sample = generateConsortium({ schools: 80, seed: 21, year: 2014 });

describe("scenario drafts", () => {
  it("turn the pane's percentages into a config patch", () => {
    expect(toPatch(draftFromPreset("Academic only"))).toEqual({
      domainWeights: { academic: 1, secc: 0 },
      minN: 20,
      subgroupShare: 0.5,
      designation: { priorityShare: 0.05, focusShare: 0.1, rewardShare: 0.1 },
    });
  });

  it("preview designation counts locally, and they follow the shares", () => {
    const base = previewDraft(sample, draftFromPreset("Default"));
    const wider = previewDraft(sample, { ...draftFromPreset("Default"), priorityPct: 20 });
    if (!base.ok || !wider.ok) throw new Error("sample should be valid");
    expect(Object.values(base.counts).reduce((a, b) => a + b, 0)).toBe(80);
    expect(wider.counts.priority).toBeGreaterThan(base.counts.priority);
    const bad = previewDraft(sample, { ...draftFromPreset("Default"), minN: 0 });
    expect(bad).toMatchObject({ ok: false, problems: [expect.objectContaining({ path: "config.minN" })] });
  });
});

describe("SQII Scenarios sheet", () => {
  it("shows each school per scenario, what changed against the first, and highlights the changes", async () => {
    const drafts = [draftFromPreset("Default"), draftFromPreset("Academic only"), { ...draftFromPreset("Default", "Wide Focus"), focusPct: 30 }];
    const compared = await runScenarios(scenariosRequest(sample, drafts));
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
