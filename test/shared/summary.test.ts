import { describe, expect, it } from "vitest";
import { scoreSchools } from "../../shared/schools/score.js";
import { nSizeImpact } from "../../shared/schools/summary.js";
import { makeSchool, schoolAtLevel, testConfig } from "./fixtures.js";

describe("n-size impact (previousMinN 100 vs minN 20)", () => {
  it("counts results and students with 20 ≤ n < 100 per subgroup, over every school", () => {
    const schools = [
      makeSchool("A", { subgroups: { ALL: { n: 500 }, AA: { n: 30 }, HI: { n: 100 } } }),
      makeSchool("B", { subgroups: { ALL: { n: 50 }, AA: { n: 99 }, HI: { n: 19 }, EL: { n: 20 } } }),
      makeSchool("C", { subgroups: { ALL: { n: 10 }, AA: { n: 20 } } }), // unscored, still counted
    ];
    const impact = nSizeImpact(schools, testConfig());
    expect(impact.bySubgroup.AA).toEqual({ results: 3, students: 149 });
    expect(impact.bySubgroup.HI).toEqual({ results: 0, students: 0 });
    expect(impact.bySubgroup.EL).toEqual({ results: 1, students: 20 });
    expect(impact.bySubgroup.ALL).toBeUndefined();
    expect(impact.total).toEqual({ results: 4, students: 169 });
    expect(impact).toMatchObject({ previousMinN: 100, minN: 20 });
  });
});

describe("district rollup", () => {
  it("counts schools, averages the index plain and weighted by ALL.n, and totals", async () => {
    const at = (id: string, level: number, n: number, district: string) => {
      const s = schoolAtLevel(id, level, { district });
      s.subgroups.ALL.n = n;
      return s;
    };
    const schools = [
      at("A", 5, 100, "North"),
      at("B", 8, 300, "North"),
      makeSchool("C", { district: "South", subgroups: { ALL: { n: 400, ela: 50 } } }), // unscored: no SE/CC
      at("D", 6, 200, "South"),
    ];
    const { summary } = await scoreSchools({ schools }, testConfig());
    const [north, south] = summary.rollup.districts;
    expect(north).toMatchObject({ district: "North", schools: 2, scored: 2, unscored: 0, meanIndex: 65, weightedMeanIndex: 72.5 });
    expect(south).toMatchObject({ district: "South", schools: 2, scored: 1, unscored: 1, meanIndex: 60, weightedMeanIndex: 60 });
    // (50 + 80 + 60) / 3 = 63.3; (5000 + 24000 + 12000) / 600 = 68.3
    expect(summary.rollup.total).toMatchObject({ schools: 4, scored: 3, unscored: 1, meanIndex: 63.3, weightedMeanIndex: 68.3 });
    expect(summary).toMatchObject({ schools: 4, scored: 3, unscored: 1, titleIPool: 3 });
    // Pool of 3: Priority ceil(0.15) = 1 → A (50), with its 100 students
    expect(north!.studentsInPriority).toBe(100);
    expect(summary.designations.priority).toBe(1);
  });
});
