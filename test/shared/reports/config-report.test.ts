// The SQII Config sheet the product writes: blocks as Excel tables with validation whose ranges
// are the schema's, and norm cut points put into an existing sheet with every other block kept.
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../../shared/contract/default-config.js";
import type { CutPointsResponse } from "../../../shared/contract/responses.js";
import { configSheet, cutPointsSummary, withNormCutPoints } from "../../../shared/reports/config-report.js";
import { CUT_HEADERS } from "../../../shared/tables/config-blocks.js";
import { valueBounds } from "../../../shared/tables/config-settings.js";
import { readConfigSheet } from "../../../shared/tables/config-sheet.js";

const RESPONSE: CutPointsResponse = {
  methodologyVersion: "sqii-2013.1",
  cutPoints: { ela: [10, 20, 30, 40, 50, 60, 70, 80, 90], chronicAbsence: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
  counts: { ela: 40, chronicAbsence: 38, grad: 6 },
  skipped: { grad: "only 6 schools have an All Students value with n ≥ 20; at least 10 are needed" },
};
const RUN = { source: "Data!A1:R561", at: new Date("2026-05-01T12:00:00Z") };

describe("configSheet", () => {
  it("makes each block a table, with validation from the schema's ranges", () => {
    const sheet = configSheet(DEFAULT_CONFIG);
    expect(sheet.blocks.map((b) => [b.kind, b.tableName ?? null, b.top])).toEqual([
      ["notes", null, 0],
      ["settings", "SQIISettings", 5],
      ["cutPoints", "SQIICutPoints", 25],
      ["weights", "SQIIWeights", 38],
      ["targets", "SQIITargets", 44],
    ]);
    const settings = sheet.blocks[1]!;
    const valueRule = (setting: string) => {
      const row = sheet.values.slice(settings.top + 1).findIndex((r) => r[0] === setting);
      return settings.validation.find((v) => v.column === "Value" && v.row === row)?.rule;
    };
    expect(valueRule("minN")).toEqual({ kind: "whole", min: 1 });
    expect(valueRule("year")).toEqual({ kind: "whole", min: 1900 });
    expect(valueRule("designation.focusShare")).toEqual({ kind: "decimal", min: 0, max: 1 });
    expect(valueRule("partnerMinLevel")).toEqual({ kind: "decimal", min: 1, max: 10 });
    expect(valueRule("allowMissingDomain")).toEqual({ kind: "list", values: ["TRUE", "FALSE"] });
    expect(valueRule("designation.pool")).toBeUndefined(); // a comma-separated list: the reader checks it
    const weights = sheet.blocks[3]!;
    expect(weights.validation.find((v) => v.column === "Level")?.rule).toEqual({ kind: "list", values: ["Elementary", "Middle", "High", "Span"] });
    expect(weights.validation.filter((v) => v.rule.kind === "decimal")).toHaveLength(11);
    // Targets, cut points and weights take their ranges from the schema too.
    expect(sheet.blocks[4]!.validation.find((v) => v.column === "Target")?.rule).toEqual({ kind: "decimal", min: 0, max: 100 });
    const bounds = valueBounds("cutPoints");
    expect(sheet.blocks[2]!.validation.find((v) => v.column === "Cut 9")?.rule).toEqual({
      kind: "decimal",
      min: Number.isFinite(bounds?.min) ? bounds!.min : -1e9,
      max: Number.isFinite(bounds?.max) ? bounds!.max : 1e9,
    });
  });
});

describe("withNormCutPoints", () => {
  it("on a new sheet: the default config with the new cut points; a skipped indicator keeps its own; the note says so", () => {
    const sheet = withNormCutPoints(null, DEFAULT_CONFIG, RESPONSE, RUN);
    const back = readConfigSheet({ sheet: sheet.sheet, firstRow: 1, firstColumn: 1, values: sheet.values });
    expect(back.problems).toEqual([]);
    expect(back.config).toEqual({ ...DEFAULT_CONFIG, cutPoints: { ...DEFAULT_CONFIG.cutPoints, ...RESPONSE.cutPoints } });
    const note = sheet.values.find((r) => r[0] === "Cut points")![1];
    expect(note).toBe(`From Data!A1:R561 at 2026-05-01T12:00:00.000Z: ${cutPointsSummary(RESPONSE)}`);
    expect(cutPointsSummary(RESPONSE)).toBe(
      "2 of 11 indicators set (schools: ELA 40, Chronic Absence 38); skipped, cut points kept: Graduation (only 6 schools have an All Students value with n ≥ 20; at least 10 are needed).",
    );
    const block = sheet.blocks.find((b) => b.kind === "cutPoints")!;
    const rows = new Map(sheet.values.slice(block.top, block.top + block.height).map((r) => [r[0], r]));
    expect(rows.get("ELA")!.slice(1, 11)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, "Norm: 40 schools"]);
    expect(rows.get("Graduation")![10]).toBe(`Kept: ${RESPONSE.skipped.grad}`);
  });

  it("in a sheet: replaces the cut-point block (shorter than the new one) and keeps every other block and note as it was", () => {
    const existing = [
      ["Setting", "Value", "About"],
      ["minN", 25, "our own note"],
      [],
      ["Indicator", ...CUT_HEADERS],
      ["Math", 1, 2, 3, 4, 5, 6, 7, 8, 9],
      [],
      ["Indicator", "Target"],
      ["ELA", 70],
    ];
    // The used range starts at B2: cells keep their places.
    const place = { sheet: "Config", firstRow: 2, firstColumn: 2 };
    const current = readConfigSheet({ ...place, values: existing }).config!;
    const sheet = withNormCutPoints({ ...place, values: existing }, current, RESPONSE, RUN);
    expect(sheet.sheet).toBe("Config");
    expect(sheet.values[0]!.every((c) => c === null)).toBe(true);
    const at = (row: number) => sheet.values[row]!.slice(1).filter((c) => c !== null);
    // A new About block on top, then the settings as they were, then the new cut-point block.
    expect(at(1)[0]).toBe("About");
    expect(at(2)).toEqual(["Cut points", expect.stringContaining("2 of 11 indicators set")]);
    expect(at(4)).toEqual(["Setting", "Value", "About"]);
    expect(at(5)).toEqual(["minN", 25, "our own note"]);
    expect(at(7)).toEqual(["Indicator", ...CUT_HEADERS, "About"]);
    expect(at(8)).toEqual(["ELA", 10, 20, 30, 40, 50, 60, 70, 80, 90, "Norm: 40 schools"]);
    // Math was not computed: it keeps the sheet's own cut points.
    expect(at(9)).toEqual(["Math", 1, 2, 3, 4, 5, 6, 7, 8, 9, "Kept: not computed"]);
    expect(at(18)).toEqual(["SpEd Identification", ...DEFAULT_CONFIG.cutPoints.spedIdentification, "Kept: not computed"]);
    expect(at(19)).toEqual([]);
    expect(at(20)).toEqual(["Indicator", "Target"]);
    expect(at(21)).toEqual(["ELA", 70]);
    const back = readConfigSheet({ sheet: "Config", firstRow: 1, firstColumn: 1, values: sheet.values });
    expect(back.problems).toEqual([]);
    expect(back.config).toEqual({ ...current, cutPoints: { ...current.cutPoints, ...RESPONSE.cutPoints } });
    expect(sheet.blocks.map((b) => b.kind)).toEqual(["notes", "settings", "cutPoints", "targets"]);
  });

  it("replaces the note of an earlier run, and adds a cut-point block to a sheet that had none", () => {
    const first = withNormCutPoints(
      {
        sheet: "SQII Config",
        firstRow: 1,
        firstColumn: 1,
        values: [["About", "mine"], ["Cut points", "old note"], [], ["Setting", "Value"], ["minN", 30]],
      },
      DEFAULT_CONFIG,
      RESPONSE,
      RUN,
    );
    expect(first.values.slice(0, 2).map((r) => r.slice(0, 2))).toEqual([
      ["About", "mine"],
      ["Cut points", expect.stringContaining("From Data!A1:R561")],
    ]);
    expect(first.values[5]!.every((c) => c === null)).toBe(true);
    expect(first.values[6]!.slice(0, 2)).toEqual(["Indicator", "Cut 1"]);
  });
});
