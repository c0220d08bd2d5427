import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../shared/contract/default-config.js";
import { ScoreRequestSchema } from "../../shared/contract/requests.js";
import { SUBGROUPS } from "../../shared/core/model.js";
import { countGroupRows, formatRequestJson, generateConsortium } from "../../shared/samples/consortium.js";
import { levelOf, scalesFor } from "../../shared/schools/levels.js";

// One consortium the size of the checked-in example, shared by the tests (generation takes ~0.3 s).
const request = generateConsortium({ schools: 1500, seed: 7, year: 2014 });
const { schools } = request;

function shareOf<T>(items: T[], test: (item: T) => boolean): number {
  return items.filter(test).length / items.length;
}

describe("generateConsortium", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const again = generateConsortium({ schools: 1500, seed: 7, year: 2014 });
    expect(formatRequestJson(again)).toBe(formatRequestJson(request));
    const other = generateConsortium({ schools: 1500, seed: 8, year: 2014 });
    expect(formatRequestJson(other)).not.toBe(formatRequestJson(request));
  });

  it("produces the asked number of schools with unique ids", () => {
    expect(schools).toHaveLength(1500);
    expect(new Set(schools.map((s) => s.id)).size).toBe(1500);
    const small = generateConsortium({ schools: 37, seed: 1 });
    expect(small.schools).toHaveLength(37);
  });

  it("gives requests that pass the request schema, school by school", () => {
    const failures = schools.filter((school) => !ScoreRequestSchema.safeParse({ year: request.year, schools: [school] }).success);
    expect(failures.map((s) => s.id)).toEqual([]);
    expect(ScoreRequestSchema.safeParse(JSON.parse(formatRequestJson(request))).success).toBe(true);
  });

  it("keeps the level and Title I mix near the consortium's", () => {
    expect(shareOf(schools, (s) => s.level === "elementary")).toBeGreaterThan(0.5);
    expect(shareOf(schools, (s) => s.level === "elementary")).toBeLessThan(0.7);
    for (const level of ["middle", "high"] as const) {
      expect(shareOf(schools, (s) => s.level === level)).toBeGreaterThan(0.1);
      expect(shareOf(schools, (s) => s.level === level)).toBeLessThan(0.25);
    }
    expect(shareOf(schools, (s) => s.level === "span")).toBeGreaterThan(0.03);
    expect(shareOf(schools, (s) => s.title1 === "participating")).toBeGreaterThan(0.6);
    expect(shareOf(schools, (s) => s.title1 === "participating")).toBeLessThan(0.8);
    expect(shareOf(schools, (s) => s.sig === true)).toBeGreaterThan(0.002);
    expect(shareOf(schools, (s) => s.sig === true)).toBeLessThan(0.03);
    expect(schools.every((s) => !s.sig || s.title1 === "participating")).toBe(true);
  });

  it("sizes Los Angeles largest and Sanger smallest", () => {
    const count = (d: string) => schools.filter((s) => s.district === d).length;
    expect(count("Los Angeles Unified")).toBeGreaterThan(schools.length / 2);
    expect(count("Sanger Unified")).toBeLessThan(count("Santa Ana Unified"));
    const statewideDistricts = new Set(generateConsortium({ schools: 5000, seed: 3 }).schools.map((s) => s.district));
    expect(statewideDistricts.size).toBeGreaterThan(8);
  });

  it("uses the district names it is given, sized like the real ones", () => {
    const named = generateConsortium({ schools: 200, seed: 5, districts: ["Los Angeles", "Springfield"] }).schools;
    expect(new Set(named.map((s) => s.district))).toEqual(new Set(["Los Angeles", "Springfield"]));
    expect(named.filter((s) => s.district === "Los Angeles").length).toBeGreaterThan(150);
  });

  it("has every student group, with small groups below the minimum n", () => {
    for (const group of SUBGROUPS)
      expect(
        schools.some((s) => s.subgroups[group] !== undefined),
        group,
      ).toBe(true);
    expect(schools.some((s) => (s.subgroups.PI?.n ?? 0) > 0 && s.subgroups.PI!.n < 11)).toBe(true);
    expect(schools.some((s) => (s.subgroups.FY?.n ?? 0) >= 11 && s.subgroups.FY!.n < 20)).toBe(true);
  });

  it("reaches all ten levels on every indicator's ALL values", () => {
    const scales = scalesFor(DEFAULT_CONFIG);
    for (const [code, scale] of Object.entries(scales)) {
      const levels = new Set(
        schools.flatMap((s) => (s.subgroups.ALL[code as keyof typeof scales] == null ? [] : [levelOf(scale, s.subgroups.ALL[code as keyof typeof scales]!)])),
      );
      expect(levels.size, code).toBe(10);
    }
  });

  it("keeps school-only indicators on ALL and indicators to the levels they apply to", () => {
    // Collected rather than asserted one by one: ~200,000 values would make expect() the slow part.
    const wrong: string[] = [];
    for (const school of schools) {
      const applies = DEFAULT_CONFIG.indicatorWeights[school.level];
      for (const [group, result] of Object.entries(school.subgroups)) {
        for (const [key, value] of Object.entries(result ?? {})) {
          if (key === "n") continue;
          const schoolOnly = key === "elRedesignation" || key === "spedIdentification";
          if (applies[key as keyof typeof applies] === undefined || (schoolOnly && group !== "ALL") || value === null)
            wrong.push(`${school.id} ${group} ${key}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("leaves a few schools without a whole domain and some values missing", () => {
    const noSecc = schools.filter((s) => ["chronicAbsence", "suspension", "sel", "climate"].every((c) => s.subgroups.ALL[c as "sel"] === undefined));
    const noAcademic = schools.filter((s) => s.subgroups.ALL.ela === undefined && s.subgroups.ALL.math === undefined);
    expect(noSecc.length + noAcademic.length).toBeGreaterThan(0);
    expect(noSecc.length + noAcademic.length).toBeLessThan(schools.length * 0.01);
    expect(schools.some((s) => s.subgroups.ALL.ela === undefined && s.subgroups.ALL.math !== undefined)).toBe(true);
  });

  it("gives two prior years with runs of Focus and Priority and low graduation rates", () => {
    expect(schools.every((s) => s.history?.map((h) => h.year).join() === "2012,2013")).toBe(true);
    const runs = (type: string) => schools.filter((s) => s.history!.every((h) => h.designation === type)).length;
    expect(runs("focus")).toBeGreaterThan(0);
    expect(runs("priority")).toBeGreaterThan(0);
    expect(shareOf(schools, (s) => s.history!.every((h) => h.designation === "none"))).toBeGreaterThan(0.7);
    const lowGrad = schools.filter(
      (s) =>
        s.level === "high" && s.title1 === "participating" && [s.subgroups.ALL.grad, ...s.history!.map((h) => h.gradRate)].every((g) => g != null && g < 60),
    );
    expect(lowGrad.length).toBeGreaterThan(0);
  });

  it("gives most schools last year's results near this year's, some groups crossing the minimum n, a few schools none", () => {
    const withPriors = generateConsortium({ schools: 1500, seed: 7, year: 2014, priors: "most" });
    // The year scored is the same with or without priors: they come from a stream of their own.
    expect(withPriors.schools.map(({ prior: _, ...school }) => school)).toEqual(schools);
    const priors = withPriors.schools.filter((s) => s.prior !== undefined);
    expect(priors.length / schools.length).toBeGreaterThan(0.94);
    expect(priors.length).toBeLessThan(schools.length); // new schools
    expect(priors.every((s) => s.prior!.year === 2013)).toBe(true);
    expect(ScoreRequestSchema.safeParse(JSON.parse(formatRequestJson(withPriors))).success).toBe(true);
    let values = 0;
    let levelChanges = 0;
    let crossing = 0;
    const far: string[] = [];
    const scales = scalesFor(DEFAULT_CONFIG);
    for (const school of priors) {
      for (const [group, result] of Object.entries(school.subgroups)) {
        const prior = school.prior!.subgroups[group as keyof typeof school.subgroups];
        if (!result || !prior) continue;
        if (result.n >= DEFAULT_CONFIG.minN !== prior.n >= DEFAULT_CONFIG.minN) crossing++;
        if (Math.abs(prior.n - result.n) > 0.4 * result.n + 6) far.push(`${school.id} ${group} n`);
        for (const code of Object.keys(scales) as (keyof typeof scales)[]) {
          const now = result[code];
          const then = prior[code];
          if (now == null || then == null) continue;
          values++;
          if (Math.abs(now - then) > 8 + 1e-9) far.push(`${school.id} ${group} ${code}`);
          if (group === "ALL" && levelOf(scales[code], now) !== levelOf(scales[code], then)) levelChanges++;
        }
      }
    }
    expect(far).toEqual([]);
    expect(values).toBeGreaterThan(100_000);
    expect(crossing).toBeGreaterThan(50);
    // Levels move now and then, not always: the colours of §13 need both.
    expect(levelChanges).toBeGreaterThan(0.2 * priors.length * 8);
    expect(levelChanges).toBeLessThan(0.8 * priors.length * 8);
    const statewide = generateConsortium({ schools: 300, seed: 3, year: 2014, priors: "every" });
    expect(statewide.schools.every((s) => s.prior?.year === 2013)).toBe(true);
  });

  it("writes about 2–4 MB of JSON for the example's size", () => {
    const bytes = new TextEncoder().encode(formatRequestJson(request)).length;
    expect(bytes).toBeGreaterThan(1.5e6);
    expect(bytes).toBeLessThan(4e6);
    expect(countGroupRows(request)).toBeGreaterThan(schools.length * 10);
  });
});
