import { describe, expect, it } from "vitest";
import type { Config, School } from "../../shared/contract/requests.js";
import { scalesFor } from "../../shared/schools/levels.js";
import { groupLevels, indexOutput, schoolIndex } from "../../shared/schools/school-index.js";
import { makeSchool, testConfig } from "./fixtures.js";

function index(school: School, config: Config = testConfig()) {
  const scales = scalesFor(config);
  const outcome = schoolIndex(school, groupLevels(school, config, scales), config, scales);
  return { ...outcome, output: indexOutput(outcome.meanLevel) };
}

describe("a school with a missing indicator", () => {
  // Elementary, cut points 10…90: the same school docs/methodology.md works through by hand.
  const school = makeSchool("W1", {
    subgroups: {
      ALL: { n: 200, ela: 65, math: 45, growth: 52, chronicAbsence: 12, suspension: 35, sel: 71, elRedesignation: 22, spedIdentification: 14 },
      HI: { n: 80, ela: 55, math: 40, growth: 48 },
      SED: { n: 150, ela: 50, math: 30, growth: 50, chronicAbsence: 18 },
      EL: { n: 15, ela: 10, math: 12 },
    },
  });
  const { indicators, domains, meanLevel, reasons, output } = index(school);

  it("marks it missing and redistributes its weight within the domain", () => {
    expect(indicators.climate).toMatchObject({ level: null, weight: 0, points: 0, missing: "noValue" });
    for (const code of ["ela", "math", "growth"] as const) expect(indicators[code]!.weight).toBeCloseTo(0.2, 12);
    for (const code of ["chronicAbsence", "suspension", "sel", "elRedesignation", "spedIdentification"] as const) {
      expect(indicators[code]!.weight).toBeCloseTo(0.08, 12);
    }
  });

  it("keeps the unrounded weighted mean for ranking", () => {
    expect(domains.academic!.meanLevel).toBeCloseTo(17 / 3, 12);
    expect(meanLevel).toBeCloseTo(6.36, 12); // 0.2 × 17 + 0.08 × 37
    expect(output).toEqual({ score: 63.6, level: 6, band: "average", priorScore: null, change: null });
    expect(reasons).toEqual([]);
  });

  it("ignores a subgroup's value for a school-only indicator and levels ALL alone", () => {
    const s = makeSchool("S", { subgroups: { ALL: { n: 100, elRedesignation: 22 }, EL: { n: 50, elRedesignation: 95 } } });
    expect(index(s).indicators.elRedesignation).toMatchObject({ allLevel: 3, subgroupLevel: null, level: 3 });
  });
});

describe("subgroup share and accountability", () => {
  it("uses the ALL level alone without an accountable subgroup", () => {
    const s = makeSchool("A", { subgroups: { ALL: { n: 50, ela: 65 }, HI: { n: 19, ela: 5 } } });
    expect(index(s).indicators.ela).toMatchObject({ level: 7, subgroupLevel: null });
  });

  it("follows subgroupShare: 0.25 of the subgroups' mean", () => {
    const s = makeSchool("A", { subgroups: { ALL: { n: 50, ela: 65 }, HI: { n: 20, ela: 25 } } });
    // 0.75 × 7 + 0.25 × 3 = 6
    expect(index(s, testConfig({ subgroupShare: 0.25 })).indicators.ela!.level).toBe(6);
  });

  it("7 and the mean of 6 and 5 give 6.25, not rounded", () => {
    const s = makeSchool("A", { subgroups: { ALL: { n: 50, ela: 65 }, HI: { n: 20, ela: 55 }, AA: { n: 30, ela: 45 } } });
    expect(index(s).indicators.ela!.level).toBe(6.25);
  });

  it("makes an indicator missing when ALL.n is below minN", () => {
    const s = makeSchool("A", { subgroups: { ALL: { n: 19, ela: 65, math: 65 }, HI: { n: 40, ela: 65 } } });
    const { indicators, reasons } = index(s);
    expect(indicators.ela).toMatchObject({ level: null, missing: "belowMinN", value: 65 });
    expect(reasons.map((r) => r.code)).toEqual(["missingDomain:academic", "missingDomain:secc"]);
  });
});

describe("missing domains", () => {
  const noSecc = makeSchool("A", { subgroups: { ALL: { n: 100, ela: 65, math: 45, growth: 52 } } });

  it("leave the school unscored with the reason", () => {
    const { meanLevel, output, reasons } = index(noSecc);
    expect(meanLevel).toBeNull();
    expect(output).toBeNull();
    expect(reasons).toEqual([expect.objectContaining({ code: "missingDomain:secc" })]);
  });

  it("are allowed by allowMissingDomain, dividing by the present domain weights", () => {
    const { meanLevel, output, indicators } = index(noSecc, testConfig({ allowMissingDomain: true }));
    // (7 + 5 + 6) / 3 = 6 → 60.0; weights stay 0.2 each and points divide by 0.6
    expect(meanLevel).toBeCloseTo(6, 12);
    expect(output).toEqual({ score: 60, level: 6, band: "average", priorScore: null, change: null });
    expect(indicators.ela!.points).toBeCloseTo((10 * 0.2 * 7) / 0.6, 12);
  });

  it("a domain weighted 0 takes no part (academic-only)", () => {
    const { output } = index(noSecc, testConfig({ domainWeights: { academic: 1, secc: 0 } }));
    expect(output).toEqual({ score: 60, level: 6, band: "average", priorScore: null, change: null });
  });
});

describe("indicator weights per level", () => {
  it("null removes an indicator from a level", () => {
    const s = makeSchool("A", { subgroups: { ALL: { n: 100, ela: 95, math: 5, growth: 5, sel: 55 } } });
    const { indicators, output } = index(s, testConfig({ indicatorWeights: { elementary: { math: null, growth: null } } }));
    expect(indicators.math).toBeUndefined();
    // academic is ela alone (level 10): 0.6 × 10 + 0.4 × 6 = 8.4
    expect(output).toEqual({ score: 84, level: 8, band: "aboveAverage", priorScore: null, change: null });
  });

  it("in-domain weights skew the domain mean", () => {
    const s = makeSchool("A", { subgroups: { ALL: { n: 100, ela: 95, math: 5, growth: 5, sel: 55 } } });
    const { domains } = index(s, testConfig({ indicatorWeights: { elementary: { ela: 2 } } }));
    expect(domains.academic!.meanLevel).toBeCloseTo((2 * 10 + 1 + 1) / 4, 12);
  });

  it("span schools use every indicator that has data", () => {
    const s = makeSchool("A", { level: "span", subgroups: { ALL: { n: 100, ela: 55, grad: 95, hsReady: 15, sel: 55 } } });
    const { indicators, output } = index(s);
    expect(Object.keys(indicators)).toEqual([
      "ela",
      "math",
      "growth",
      "grad",
      "hsReady",
      "chronicAbsence",
      "suspension",
      "sel",
      "climate",
      "elRedesignation",
      "spedIdentification",
    ]);
    // academic (6 + 10 + 2) / 3 = 6, secc 6 → 60
    expect(output!.score).toBe(60);
  });
});

describe("rounding at output only, half away from zero", () => {
  it("a school whose weighted mean level is 6.45 scores 64.5 and has index level 6", () => {
    // ela: ALL 75 → 8, HI 55 → 6, AA 65 → 7: 0.5 × 8 + 0.5 × 6.5 = 7.25
    // math: ALL 75 → 8, HI 55 → 6: 7; growth: ALL 55 → 6; academic (7.25 + 7 + 6) / 3 = 6.75
    // SE/CC: sel 55 → 6. Index: 0.6 × 6.75 + 0.4 × 6 = 6.45
    const s = makeSchool("A", {
      subgroups: { ALL: { n: 100, ela: 75, math: 75, growth: 55, sel: 55 }, HI: { n: 30, ela: 55, math: 55 }, AA: { n: 30, ela: 65 } },
    });
    const { meanLevel, output } = index(s);
    expect(meanLevel).toBeCloseTo(6.45, 12);
    expect(output).toEqual({ score: 64.5, level: 6, band: "average", priorScore: null, change: null });
  });

  it("rounds both the score and the level half away from zero", () => {
    expect(indexOutput(6.5)).toEqual({ score: 65, level: 7, band: "average", priorScore: null, change: null });
    expect(indexOutput(6.25)).toEqual({ score: 62.5, level: 6, band: "average", priorScore: null, change: null });
    expect(indexOutput(3.5)).toEqual({ score: 35, level: 4, band: "average", priorScore: null, change: null });
    expect(indexOutput(5.555)).toEqual({ score: 55.6, level: 6, band: "average", priorScore: null, change: null });
    expect(indexOutput(7.49999)).toEqual({ score: 75, level: 7, band: "average", priorScore: null, change: null });
  });
});
