import { describe, expect, it } from "vitest";
import { cutPointsRequest, normCutPoints } from "../../shared/schools/cut-points.js";
import { makeSchool, testConfig } from "./fixtures.js";

const withEla = (id: string, ela: number, n = 100) => makeSchool(id, { subgroups: { ALL: { n, ela } } });

describe("norm cut points (nearest rank on school ALL values)", () => {
  it("takes the value at rank ceil(k × N / 10): N = 12 → ranks 2, 3, 4, 5, 6, 8, 9, 10, 11", () => {
    const values = [7, 3, 12, 1, 9, 5, 11, 2, 8, 10, 6, 4]; // 1…12 shuffled
    const schools = [...values.map((v, i) => withEla(`S${i}`, v)), withEla("small", 99, 19), makeSchool("none", { subgroups: { ALL: { n: 100 } } })];
    const out = normCutPoints(schools, testConfig());
    expect(out.counts.ela).toBe(12);
    expect(out.cutPoints.ela).toEqual([2, 3, 4, 5, 6, 8, 9, 10, 11]);
  });

  it("N = 10 gives ranks 1…9, every value but the highest; equal neighbours are allowed", () => {
    const schools = [40, 40, 40, 41, 42, 43, 44, 45, 46, 47].map((v, i) => withEla(`S${i}`, v));
    expect(normCutPoints(schools, testConfig()).cutPoints.ela).toEqual([40, 40, 40, 41, 42, 43, 44, 45, 46]);
  });

  it("uses the distance from the reference for spedIdentification", () => {
    const rates = [11, 13.3, 8.7, 12, 10, 15, 6, 11.5, 20, 11.2];
    const schools = rates.map((r, i) => makeSchool(`S${i}`, { subgroups: { ALL: { n: 100, spedIdentification: r } } }));
    // distances sorted: 0, 0.2, 0.5, 1, 1, 2.3, 2.3, 4, 5, 9
    expect(normCutPoints(schools, testConfig()).cutPoints.spedIdentification).toEqual([0, 0.2, 0.5, 1, 1, 2.3, 2.3, 4, 5]);
  });

  it("skips an indicator with fewer than 10 schools, saying why", () => {
    const schools = [1, 2, 3].map((v, i) => withEla(`S${i}`, v));
    const out = normCutPoints(schools, testConfig());
    expect(out.cutPoints.ela).toBeUndefined();
    expect(out.counts.ela).toBe(3);
    expect(out.skipped.ela).toBe("only 3 schools have an All Students value with n ≥ 20; at least 10 are needed");
  });

  it("returns cut points that a config accepts as they are", () => {
    const schools = Array.from({ length: 50 }, (_, i) => withEla(`S${i}`, (i * 37) % 101));
    const out = cutPointsRequest({ schools });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(() => testConfig({ cutPoints: { ela: out.value.cutPoints.ela } })).not.toThrow();
  });
});
