import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configHash, deepMerge, defaultConfigDocument } from "../../shared/contract/config.js";
import { DEFAULT_CONFIG } from "../../shared/contract/default-config.js";
import { ConfigSchema } from "../../shared/contract/requests.js";
import { INDICATORS } from "../../shared/core/model.js";

describe("the default config", () => {
  it("holds the methodology's fixed numbers", () => {
    expect(ConfigSchema.parse(DEFAULT_CONFIG)).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG).toMatchObject({
      minN: 20,
      subgroupShare: 0.5,
      suppressBelow: 11,
      domainWeights: { academic: 0.6, secc: 0.4 },
      spedReference: 11,
      targets: { ela: 89.2, math: 89.5, grad: 90 },
      gapLevels: 2,
      designation: { pool: ["participating"], priorityShare: 0.05, focusShare: 0.1, rewardShare: 0.1, progressShare: 0.1, gradRateFloor: 60 },
      partnerCapacity: 2,
      partnerMinLevel: 7,
      previousMinN: 100,
    });
    expect(defaultConfigDocument().methodologyVersion).toBe("sqii-2013.1");
  });

  it("applies the indicators of §12 to each level", () => {
    const secc = ["chronicAbsence", "suspension", "sel", "climate", "elRedesignation", "spedIdentification"];
    expect(Object.keys(DEFAULT_CONFIG.indicatorWeights.elementary)).toEqual(["ela", "math", "growth", ...secc]);
    expect(Object.keys(DEFAULT_CONFIG.indicatorWeights.middle)).toEqual(["ela", "math", "growth", "hsReady", ...secc]);
    expect(Object.keys(DEFAULT_CONFIG.indicatorWeights.high)).toEqual(["ela", "math", "grad", ...secc]);
    expect(Object.keys(DEFAULT_CONFIG.indicatorWeights.span).sort()).toEqual([...INDICATORS].sort());
  });

  it("has the cut points docs/cut-points.md documents", () => {
    const doc = readFileSync(new URL("../../docs/cut-points.md", import.meta.url), "utf8");
    const documented = Object.fromEntries(
      doc
        .split("\n")
        .filter((l) => l.startsWith("| `"))
        .map((l) => {
          const cells = l.split("|").map((c) => c.trim());
          return [cells[1]!.match(/`(\w+)`/)![1], cells[3]!.split(",").map(Number)];
        }),
    );
    expect(documented).toEqual(DEFAULT_CONFIG.cutPoints);
  });
});

describe("deepMerge", () => {
  it("merges objects, replaces arrays and numbers, and removes keys given null", () => {
    expect(deepMerge({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] }, d: null })).toEqual({ a: { b: 1, c: [3] } });
  });

  it("leaves the default untouched", async () => {
    const before = await configHash(DEFAULT_CONFIG);
    deepMerge(DEFAULT_CONFIG, { domainWeights: { academic: 1 }, indicatorWeights: { high: { grad: null } } });
    expect(await configHash(DEFAULT_CONFIG)).toBe(before);
  });
});
