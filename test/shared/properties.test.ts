// Properties that must hold for any valid input, not just the hand-worked cases.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../shared/contract/default-config.js";
import type { School } from "../../shared/contract/requests.js";
import { levelOf, scalesFor } from "../../shared/schools/levels.js";
import { evaluateSchools, findPartnerships, parseScoreRequest } from "../../shared/schools/score.js";
import { school } from "./arbitraries.js";

const schoolList = fc.integer({ min: 0, max: 40 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => school(`S${String(i).padStart(3, "0")}`))));

const parse = (schools: School[]) => {
  const parsed = parseScoreRequest(JSON.parse(JSON.stringify({ year: 2014, schools })));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 3)));
  return parsed.value;
};

describe("properties", () => {
  it("schools in = schools out, in input order", () => {
    fc.assert(
      fc.property(schoolList, (schools) => {
        const { request, config } = parse(schools);
        const { results } = evaluateSchools(request.schools, config, request.year);
        expect(results.map((r) => r.id)).toEqual(schools.map((s) => s.id));
        for (const r of results) expect(r.status === "scored").toBe(r.index !== null);
      }),
      { numRuns: 150 },
    );
  });

  it("raising a higher-is-better value never lowers its level; lowering a lower-is-better one never does", () => {
    const cuts = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 9, maxLength: 9 }).map((a) => a.sort((x, y) => x - y).map((v) => v / 10));
    fc.assert(
      fc.property(cuts, fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (c, a, b) => {
        const [lo, hi] = [Math.min(a, b) / 10, Math.max(a, b) / 10];
        const scales = scalesFor({ ...DEFAULT_CONFIG, cutPoints: { ...DEFAULT_CONFIG.cutPoints, ela: c, suspension: c } });
        expect(levelOf(scales.ela, hi)).toBeGreaterThanOrEqual(levelOf(scales.ela, lo));
        expect(levelOf(scales.suspension, lo)).toBeGreaterThanOrEqual(levelOf(scales.suspension, hi));
        for (const l of [levelOf(scales.ela, lo), levelOf(scales.suspension, hi)]) expect(l >= 1 && l <= 10).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("effective weights sum to the weights of the domains present; points sum to the score", () => {
    fc.assert(
      fc.property(schoolList, fc.boolean(), (schools, allowMissingDomain) => {
        const { request, config } = parse(schools);
        const { results, scores } = evaluateSchools(request.schools, { ...config, allowMissingDomain }, request.year);
        results.forEach((r, i) => {
          if (r.status !== "scored") return;
          const weights = Object.values(r.indicators).reduce((sum, x) => sum + x!.weight, 0);
          const domains = (r.domains.academic?.weight ?? 0) + (r.domains.secc?.weight ?? 0);
          expect(weights).toBeCloseTo(domains, 5);
          const points = Object.values(r.indicators).reduce((sum, x) => sum + x!.points, 0);
          expect(points).toBeCloseTo(scores[i]!, 4);
        });
      }),
      { numRuns: 150 },
    );
  });

  it("permuting the input changes no result but the order", () => {
    fc.assert(
      fc.property(
        schoolList.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))),
        ([schools, shuffled]) => {
          const a = parse(schools);
          const b = parse(shuffled);
          const ea = evaluateSchools(a.request.schools, a.config, 2014);
          const eb = evaluateSchools(b.request.schools, b.config, 2014);
          const byId = new Map(eb.results.map((r) => [r.id, r]));
          for (const r of ea.results) expect(byId.get(r.id)).toEqual(r);
          expect(findPartnerships(eb, b.config)).toEqual(findPartnerships(ea, a.config));
        },
      ),
      { numRuns: 100 },
    );
  });
});
