// §13 change over time, worked by hand: the status × change grid, the prior year scored with the
// year's rules, per-indicator change and colour, per-group academic change and the summary's
// colour counts. Cut points are 10, 20, …, 90 (fixtures.ts), so a higher-is-better value v has
// level 1 + floor(v / 10) and a lower-is-better one 10 − floor(v / 10).
import { describe, expect, it } from "vitest";
import type { School } from "../../shared/contract/requests.js";
import { CHANGE_CLASSES, COLORS, STATUSES } from "../../shared/core/model.js";
import { changeClassOf, colorOf, performanceOf, statusOf } from "../../shared/schools/performance.js";
import { indexOutput } from "../../shared/schools/school-index.js";
import { scoreRequest, scoreSchools } from "../../shared/schools/score.js";
import { schoolAtLevel, testConfig } from "./fixtures.js";

describe("the status × change grid (§13)", () => {
  it("gives every one of the 25 cells the colour of the table", () => {
    // The table of §13, top row first, columns declinedSignificantly → increasedSignificantly.
    const table = {
      veryHigh: ["yellow", "green", "blue", "blue", "blue"],
      high: ["orange", "yellow", "green", "green", "blue"],
      medium: ["orange", "orange", "yellow", "green", "green"],
      low: ["red", "orange", "orange", "yellow", "yellow"],
      veryLow: ["red", "red", "red", "orange", "yellow"],
    } as const;
    for (const status of STATUSES) {
      for (const [c, change] of CHANGE_CLASSES.entries()) expect(colorOf(status, change), `${status} × ${change}`).toBe(table[status][c]);
    }
  });

  it("puts two levels in each status", () => {
    expect(Array.from({ length: 10 }, (_, k) => statusOf(k + 1))).toEqual([
      "veryLow",
      "veryLow",
      "low",
      "low",
      "medium",
      "medium",
      "high",
      "high",
      "veryHigh",
      "veryHigh",
    ]);
  });

  it("classes a change at its boundaries", () => {
    expect([-9, -3, -2, -1, 0, 1, 2, 3, 9].map(changeClassOf)).toEqual([
      "declinedSignificantly",
      "declinedSignificantly",
      "declinedSignificantly",
      "declined",
      "maintained",
      "increased",
      "increasedSignificantly",
      "increasedSignificantly",
      "increasedSignificantly",
    ]);
  });

  it("reaches 23 cells from levels 1–10, all but veryLow × increasedSignificantly and veryHigh × declinedSignificantly", () => {
    const reached = new Set<string>();
    for (let level = 1; level <= 10; level++) {
      for (let prior = 1; prior <= 10; prior++) {
        const cell = performanceOf(level, prior);
        expect(cell.status).toBe(statusOf(level));
        expect(cell.change).toBe(changeClassOf(level - prior));
        expect(cell.color).toBe(colorOf(cell.status, cell.change));
        reached.add(`${cell.status} × ${cell.change}`);
      }
    }
    expect(reached.size).toBe(23);
    expect(reached.has("veryLow × increasedSignificantly")).toBe(false);
    expect(reached.has("veryHigh × declinedSignificantly")).toBe(false);
    // Examples of the corners that are reached: 10 after 9, 1 after 2, 9 after 1, 2 after 10.
    expect(performanceOf(10, 9)).toEqual({ status: "veryHigh", change: "increased", color: "blue" });
    expect(performanceOf(1, 2)).toEqual({ status: "veryLow", change: "declined", color: "red" });
    expect(performanceOf(9, 1)).toEqual({ status: "veryHigh", change: "increasedSignificantly", color: "blue" });
    expect(performanceOf(2, 10)).toEqual({ status: "veryLow", change: "declinedSignificantly", color: "red" });
  });

  it("hands out a fresh object each time", () => {
    const a = performanceOf(5, 5);
    a.color = "red";
    expect(performanceOf(5, 5).color).toBe("yellow");
  });
});

// E1 this year: ALL ela 55 (6), math 65 (7), growth 45 (5), absence 15 (9), suspension 35 (7),
// sel 72 (8), climate 60 (7); HI (n 30) ela 35 (4), math 45 (5); SED n 10 (not accountable).
// E1 the year before: ALL (n 90) ela 45 (5), math 65 (7), growth 62 (7), absence 35 (7),
// suspension 35 (7), sel 90 (10), climate 20 (3); HI n 15 (not accountable); EL (n 40) ela 20 (3),
// math 30 (4); SED (n 50) ela 50, math 50.
const e1: School = {
  id: "E1",
  level: "elementary",
  title1: "none",
  prior: {
    year: 2013,
    subgroups: {
      ALL: { n: 90, ela: 45, math: 65, growth: 62, chronicAbsence: 35, suspension: 35, sel: 90, climate: 20 },
      HI: { n: 15, ela: 25, math: 25 },
      EL: { n: 40, ela: 20, math: 30 },
      SED: { n: 50, ela: 50, math: 50 },
    },
  },
  subgroups: {
    ALL: { n: 100, ela: 55, math: 65, growth: 45, chronicAbsence: 15, suspension: 35, sel: 72, climate: 60 },
    HI: { n: 30, ela: 35, math: 45 },
    SED: { n: 10, ela: 50, math: 50 },
  },
};

async function score(schools: School[], patch = {}) {
  return scoreSchools({ year: 2014, schools }, testConfig(patch));
}

describe("a school with its prior year (§13)", () => {
  it("scores the prior year as a whole school with the year's rules, and reports the change", async () => {
    const [r] = (await score([e1])).results;
    // Now: academic (0.5·6 + 0.5·4, 0.5·7 + 0.5·5, 5) = (5, 6, 5) → 16/3; SE/CC (9, 7, 8, 7) → 7.75;
    // 0.6 · 16/3 + 0.4 · 7.75 = 3.2 + 3.1 = 6.3 → 63.
    // Before: HI below minN, EL (3, 4) and SED (6, 6) counted: ela 0.5·5 + 0.5·4.5 = 4.75, math
    // 0.5·7 + 0.5·5 = 6, growth 7 → 17.75/3; SE/CC (7, 7, 10, 3) → 6.75;
    // 0.6 · 17.75/3 + 0.4 · 6.75 = 3.55 + 2.7 = 6.25 → 62.5. Change 63 − 62.5 = 0.5.
    expect(r!.index).toEqual({ score: 63, level: 6, band: "average", priorScore: 62.5, change: 0.5 });
  });

  it("gives each indicator its prior value and level, its change and its colour", async () => {
    const { indicators } = (await score([e1])).results[0]!;
    const row = (code: keyof typeof indicators) => {
      const i = indicators[code]!;
      return [i.prior?.value ?? null, i.prior?.allLevel ?? null, i.allLevel, i.change, i.performance && Object.values(i.performance).join(" ")];
    };
    expect(row("ela")).toEqual([45, 5, 6, 1, "medium increased green"]);
    expect(row("math")).toEqual([65, 7, 7, 0, "high maintained green"]);
    expect(row("growth")).toEqual([62, 7, 5, -2, "medium declinedSignificantly orange"]);
    // Lower is better: absence fell from 35 to 15, its level rose from 7 to 9.
    expect(row("chronicAbsence")).toEqual([35, 7, 9, 2, "veryHigh increasedSignificantly blue"]);
    expect(row("suspension")).toEqual([35, 7, 7, 0, "high maintained green"]);
    expect(row("sel")).toEqual([90, 10, 8, -2, "high declinedSignificantly orange"]);
    expect(row("climate")).toEqual([20, 3, 7, 4, "high increasedSignificantly blue"]);
    // No value in either year: nothing to compare.
    expect(row("elRedesignation")).toEqual([null, null, null, null, null]);
  });

  it("gives each group accountable with an academic level in both years its academic change", async () => {
    const { subgroups } = (await score([e1])).results[0]!;
    // ALL: (6 + 7) / 2 = 6.5 now, (5 + 7) / 2 = 6 before.
    expect(subgroups.ALL!.academicChange).toBe(0.5);
    // HI accountable now only, SED before only: null. EL was not sent this year: no entry.
    expect(subgroups.HI!.academicChange).toBeNull();
    expect(subgroups.SED!.academicChange).toBeNull();
    expect(subgroups.EL).toBeUndefined();
  });

  it("counts the colours of the scored schools in the summary", async () => {
    // E2: the same as E1 but unscored (no SE/CC value this year): its colours are not counted.
    const e2: School = { ...e1, id: "E2", subgroups: { ALL: { n: 100, ela: 55, math: 65, growth: 45 } } };
    const out = await score([e1, e2, { ...e1, id: "E3", prior: undefined }]);
    expect(out.results[1]!.status).toBe("unscored");
    expect(out.results[1]!.indicators.ela!.performance?.color).toBe("green");
    const one = (color: (typeof COLORS)[number]) => Object.fromEntries(COLORS.map((c) => [c, c === color ? 1 : 0]));
    expect(out.summary.performance).toEqual({
      ela: one("green"),
      math: one("green"),
      growth: one("orange"),
      chronicAbsence: one("blue"),
      suspension: one("green"),
      sel: one("orange"),
      climate: one("blue"),
    });
  });

  it("takes the index change on the unrounded scores, then rounds it once", () => {
    // 63.34 and 63.25 both show as 63.3, yet the change is 0.09 → 0.1, not 0; and 0.04 → 0 (never −0).
    expect(indexOutput(6.334, 6.325)).toEqual({ score: 63.3, level: 6, band: "average", priorScore: 63.3, change: 0.1 });
    expect(Object.is(indexOutput(6.325, 6.329)!.change, 0)).toBe(true);
    expect(indexOutput(6.325, 6.349)!.change).toBe(-0.2);
  });

  it("leaves every change null without a prior year, and the summary's colours empty", async () => {
    const out = await score([{ ...e1, prior: undefined }]);
    const r = out.results[0]!;
    expect(r.index).toMatchObject({ priorScore: null, change: null });
    for (const item of Object.values(r.indicators)) expect([item.prior, item.change, item.performance]).toEqual([null, null, null]);
    for (const group of Object.values(r.subgroups)) expect(group.academicChange).toBeNull();
    expect(out.summary.performance).toEqual({});
  });

  it("gives no prior score when the prior year is unscored, but still the colours it can", async () => {
    // The year before has no SE/CC indicator: a missing domain, so no prior index.
    const school: School = { ...e1, prior: { subgroups: { ALL: { n: 90, ela: 45, math: 65 } } } };
    const r = (await score([school])).results[0]!;
    expect(r.index).toMatchObject({ score: 63, priorScore: null, change: null });
    expect(r.indicators.ela!.performance?.color).toBe("green");
    expect(r.indicators.sel!.performance).toBeNull();
    // With allowMissingDomain the prior year is scored on its academic domain alone: ela 5, math 7 → 60.
    const allowed = (await score([school], { allowMissingDomain: true })).results[0]!;
    expect(allowed.index).toMatchObject({ score: 63, priorScore: 60, change: 3 });
  });

  it("uses the year's minN for the prior year too", async () => {
    // minN 16: HI (n 15) still below it before; minN 15: HI counted before too, at (3 + 3) / 2.
    const at15 = (await score([e1], { minN: 15 })).results[0]!;
    // HI now (4 + 5) / 2 = 4.5, before (3 + 3) / 2 = 3.
    expect(at15.subgroups.HI!.academicChange).toBe(1.5);
    expect((await score([e1], { minN: 16 })).results[0]!.subgroups.HI!.academicChange).toBeNull();
  });

  it("levels the prior SpEd rate by its distance, and reports the rate as given", async () => {
    const spedCuts = { spedIdentification: [1, 2, 3, 4, 5, 6, 7, 8, 9] };
    // Reference 11: 12 is 1 away (level 10), 15 is 4 away (level 7).
    const school: School = {
      ...e1,
      prior: { subgroups: { ALL: { ...e1.prior!.subgroups.ALL, spedIdentification: 15 } } },
      subgroups: { ALL: { ...e1.subgroups.ALL, spedIdentification: 12 } },
    };
    const sped = (await score([school], { cutPoints: spedCuts })).results[0]!.indicators.spedIdentification!;
    expect([sped.prior, sped.change, sped.performance?.color]).toEqual([{ value: 15, allLevel: 7 }, 3, "blue"]);
  });

  it("compares only indicators that apply to the school's level", async () => {
    // grad does not apply to an elementary school: no entry this year, so no change either.
    const school: School = {
      ...e1,
      prior: { subgroups: { ALL: { ...e1.prior!.subgroups.ALL, grad: 80 } } },
      subgroups: { ALL: { ...e1.subgroups.ALL, grad: 90 } },
    };
    const out = await score([school]);
    expect(out.results[0]!.indicators.grad).toBeUndefined();
    expect(out.summary.performance.grad).toBeUndefined();
  });

  it("rejects a prior year that is not the year before, naming the school", async () => {
    const parsed = await scoreRequest({ year: 2014, schools: [{ ...e1, prior: { ...e1.prior, year: 2012 } }] });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      { path: "schools[0].prior.year", schoolId: "E1", message: "prior year 2012 is not the year before the request year 2014 (expected 2013)" },
    ]);
    // Without a request year, or without a prior year, there is nothing to compare.
    expect((await scoreRequest({ schools: [{ ...e1, prior: { ...e1.prior, year: 2012 } }] })).ok).toBe(true);
    expect((await scoreRequest({ year: 2014, schools: [{ ...e1, prior: { subgroups: e1.prior!.subgroups } }] })).ok).toBe(true);
  });

  it("checks the prior year's values like this year's, every problem at its path", async () => {
    const bad = { ...e1, prior: { year: 2013, subgroups: { ALL: { n: -1, ela: 120 }, XX: { n: 5 } }, extra: 1 } };
    const parsed = await scoreRequest({ year: 2014, schools: [e1, e1, { ...e1, id: "E2" }, { ...bad, id: "E3" }] });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const at = (path: string) => parsed.problems.filter((p) => p.path === path).map((p) => `${p.schoolId}: ${p.message}`);
    expect(at("schools[3].prior.subgroups.ALL.n")).toEqual(["E3: expected a whole number of students ≥ 0, got -1"]);
    expect(at("schools[3].prior.subgroups.ALL.ela")).toEqual(["E3: expected a number from 0 to 100, got 120"]);
    expect(at("schools[3].prior.subgroups.XX")[0]).toMatch(/^E3: unknown student group/);
    expect(at("schools[3].prior.extra")).toEqual(['E3: unknown field "extra"']);
    expect(at("schools[1].id")[0]).toMatch(/duplicate school id/);
  });
});

describe("Reward partners that raised the subgroup (§13 with §9)", () => {
  // Ten Title I schools: P (level 2) is the lowest 5 %, Priority; R1 (9) and R2 (8) are the top
  // 20 %, Reward; P's identifying subgroup is ALL (it has no other group). No districts: quality is
  // 100 (same level) + the partner's ALL academic level.
  const others = Array.from({ length: 7 }, (_, k) => schoolAtLevel(`M${k}`, 5));
  const run = (r1: School, r2: School) => score([schoolAtLevel("P", 2), r1, r2, ...others], { designation: { rewardShare: 0.2 } });

  it("passes over a Reward school whose ALL did not rise, for one without a prior year", async () => {
    const r1 = schoolAtLevel("R1", 9);
    const out = await run({ ...r1, prior: { subgroups: r1.subgroups } }, schoolAtLevel("R2", 8));
    expect(out.results.map((r) => r.designation.type).slice(0, 3)).toEqual(["priority", "reward", "reward"]);
    expect(out.partnerships.pairs).toEqual([{ school: "P", partner: "R2", subgroup: "ALL", quality: 108, evidence: "levelOnly" }]);
  });

  it("takes the better match once it raised ALL, with the evidence", async () => {
    const r1 = schoolAtLevel("R1", 9);
    const out = await run({ ...r1, prior: { subgroups: schoolAtLevel("R1", 8).subgroups } }, schoolAtLevel("R2", 8));
    expect(out.results[1]!.subgroups.ALL!.academicChange).toBe(1);
    expect(out.partnerships.pairs).toEqual([{ school: "P", partner: "R1", subgroup: "ALL", quality: 109, evidence: "raised" }]);
  });
});
