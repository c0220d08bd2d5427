// Distance to exit on hand-worked pools (cut points 10, 20, …, 90; default shares), each distance then
// checked by moving the school that far and scoring the pool again: at the distance it leaves, short
// of it it stays.
import { describe, expect, it } from "vitest";
import type { Config, School } from "../../shared/contract/requests.js";
import type { ScoreResponse } from "../../shared/contract/responses.js";
import { INDICATORS } from "../../shared/core/model.js";
import { exitDistance, indexGains, poolView } from "../../shared/schools/exit-distance.js";
import { evaluateSchools, scoreSchools } from "../../shared/schools/score.js";
import { makeSchool, schoolAtLevel, testConfig } from "./fixtures.js";

/** A value in the middle of a level (higher is better). */
const mid = (level: number) => 10 * (level - 1) + 5;

/**
 * Every indicator at `level` (index 10 × level), plus HI and SED with ELA and math at `high` and
 * `low`: their mean is `level`, so the combined levels and the index stay put; the gap is high − low.
 */
function gapped(id: string, level: number, high: number, low: number): School {
  const school = schoolAtLevel(id, level);
  return {
    ...school,
    subgroups: { ...school.subgroups, HI: { n: 50, ela: mid(high), math: mid(high) }, SED: { n: 50, ela: mid(low), math: mid(low) } },
  };
}

async function score(schools: School[], config: Config = testConfig(), year?: number): Promise<ScoreResponse> {
  return scoreSchools({ schools, ...(year !== undefined && { year }) }, config);
}

function distanceOf(response: ScoreResponse, schools: readonly School[], id: string, config: Config = testConfig()) {
  const at = response.results.findIndex((r) => r.id === id);
  return exitDistance(poolView(response.results, config, response.year ?? undefined), response.results[at]!, schools[at]!);
}

const typeOf = (response: ScoreResponse, id: string) => response.results.find((r) => r.id === id)!.designation.type;

// N = 20: Priority ceil(0.05 × 20) = 1, Focus ceil(0.1 × 20) = 2.
// L01 20.0 is Priority; the lowest other index is L02's 30.0. Gaps (non-Priority): G1 6, Z9 6, G2 4,
// G3 4, G4 2 → Focus G1 and Z9; the second largest other gap, the cut-off for both, is G2's 4.
function pool(replace: Record<string, School> = {}): School[] {
  const schools = [
    schoolAtLevel("L01", 2),
    schoolAtLevel("L02", 3),
    gapped("G1", 6, 9, 3),
    gapped("G2", 6, 8, 4),
    gapped("G3", 6, 8, 4),
    gapped("G4", 6, 7, 5),
    gapped("Z9", 6, 9, 3),
    ...Array.from({ length: 13 }, (_, i) => schoolAtLevel(`F${String(i + 1).padStart(2, "0")}`, 6)),
  ];
  return schools.map((s) => replace[s.id] ?? s);
}

describe("distance to exit over a pool of 20", async () => {
  const schools = pool();
  const response = await score(schools);

  it("the pool designates as worked out above", () => {
    expect(["L01", "G1", "Z9", "G2", "F03"].map((id) => typeOf(response, id))).toEqual(["priority", "focus", "focus", "none", "none"]);
  });

  it("Priority for the index: the lowest other index, 30.0, is the cut-off; 30.1 leaves, 10.1 points up", () => {
    const d = distanceOf(response, schools, "L01");
    expect(d.routes).toEqual([{ code: "lowestIndex", score: 20, cutOff: 30, target: 30.1, pointsNeeded: 10.1 }]);
    // L02 falls into Priority in its place; L01 has no gap and no graduation rate: neither then.
    expect(d.thenFocus).toEqual({ gap: false, gradRate: false });
    expect(d.abovePriority).toBeNull();
  });

  it("at the cut-off it stays (a tie goes to the smaller id); a point above it, it leaves", async () => {
    const tied = await score(pool({ L01: schoolAtLevel("L01", 3) }));
    expect(typeOf(tied, "L01")).toBe("priority");
    // SEL one level up (weight 0.1) adds 1 point: 31.0.
    const above = schoolAtLevel("L01", 3);
    above.subgroups.ALL.sel = mid(4);
    const moved = await score(pool({ L01: above }));
    expect(moved.results.find((r) => r.id === "L01")!.index!.score).toBe(31);
    expect(typeOf(moved, "L01")).toBe("none");
  });

  it("Focus for the gap: G1 sorts before G2, so it must get half a level under the cut-off of 4", () => {
    const d = distanceOf(response, schools, "G1");
    expect(d.routes).toEqual([{ code: "largestGap", gap: 6, lowest: ["SED"], cutOff: 4, target: 3.5, levelsNeeded: 2.5 }]);
    expect(d.abovePriority).toEqual({ line: 20, margin: 40 });
  });

  it("Z9 sorts after G2, so a gap equal to the cut-off is enough", () => {
    expect(distanceOf(response, schools, "Z9").routes[0]).toMatchObject({ cutOff: 4, target: 4, levelsNeeded: 2 });
  });

  it("moved to those gaps, each leaves Focus; half a level short, G1 stays", async () => {
    const narrowed = (id: string, low: { ela: number; math: number }) => {
      const s = gapped(id, 6, 9, 3);
      s.subgroups.SED = { n: 50, ...low };
      return s;
    };
    // SED at ELA level 6 and math 5: academic 5.5, gap 9 − 5.5 = 3.5.
    const g1Out = await score(pool({ G1: narrowed("G1", { ela: mid(6), math: mid(5) }) }));
    // (Its index rose with SED's results, to the top of the pool: Reward now. Out of Focus is the point.)
    expect(typeOf(g1Out, "G1")).not.toBe("focus");
    const g1Short = await score(pool({ G1: narrowed("G1", { ela: mid(5), math: mid(5) }) }));
    expect(typeOf(g1Short, "G1")).toBe("focus");
    const z9Out = await score(pool({ Z9: narrowed("Z9", { ela: mid(5), math: mid(5) }) }));
    expect(typeOf(z9Out, "Z9")).not.toBe("focus");
  });

  it("a school that is not designated has no route, and its margin above the Priority cut-off", () => {
    expect(distanceOf(response, schools, "F03")).toEqual({ routes: [], thenFocus: null, abovePriority: { line: 20, margin: 40 } });
  });
});

describe("past the index cut-off, a Priority school is checked for Focus", () => {
  // A1 30.0 is Priority (gap 4); Q 40.0 is the cut-off (gap 6). Focus now: Q and R (gap 6), then B1
  // (gap 4, after A1 on the tie). Past the cut-off Q falls into Priority and leaves the Focus
  // ranking: R, then A1 — so A1 would be Focus, which it would not be with Q still ranked.
  const schools = (a1: School = gapped("A1", 3, 5, 1)) => [
    a1,
    gapped("Q", 4, 7, 1),
    gapped("R", 6, 9, 3),
    gapped("B1", 6, 8, 4),
    ...Array.from({ length: 16 }, (_, i) => schoolAtLevel(`F${String(i + 1).padStart(2, "0")}`, 6)),
  ];

  it("counts the school that falls into Priority out of the Focus ranking", async () => {
    const response = await score(schools());
    expect(["A1", "Q", "R", "B1"].map((id) => typeOf(response, id))).toEqual(["priority", "focus", "focus", "none"]);
    const d = distanceOf(response, schools(), "A1");
    expect(d.routes).toEqual([{ code: "lowestIndex", score: 30, cutOff: 40, target: 40.1, pointsNeeded: 10.1 }]);
    expect(d.thenFocus).toEqual({ gap: true, gradRate: false });
  });

  it("and so it is, scored again past the cut-off", async () => {
    // Level 4 everywhere with the same gap (40.0, a tie A1 wins, so still Priority), then SEL one level up: 41.0.
    const moved = gapped("A1", 4, 6, 2);
    expect(typeOf(await score(schools(moved)), "A1")).toBe("priority");
    moved.subgroups.ALL.sel = mid(5);
    const response = await score(schools(moved));
    expect(["A1", "Q"].map((id) => typeOf(response, id))).toEqual(["focus", "priority"]);
  });
});

describe("distance to exit, other reasons", () => {
  it("a pool of one is all Priority: no cut-off", async () => {
    const schools = [schoolAtLevel("A", 5)];
    const d = distanceOf(await score(schools), schools, "A");
    expect(d.routes).toEqual([{ code: "lowestIndex", score: 50, cutOff: null, target: null, pointsNeeded: null }]);
    expect(d.thenFocus).toBeNull();
  });

  it("graduation: this year's rate must reach the floor; SIG: no distance", async () => {
    const high = (id: string, grad: number, history: School["history"] = []): School => ({
      id,
      level: "high",
      title1: "participating",
      history,
      subgroups: { ALL: { n: 300, ela: 55, math: 55, grad, chronicAbsence: 45, suspension: 45, sel: 55, climate: 55 } },
    });
    const schools = [
      high("H1", 55, [{ year: 2013, gradRate: 50 }]),
      high("H2", 57.5),
      { ...schoolAtLevel("S1", 9), sig: true },
      ...Array.from({ length: 17 }, (_, i) => schoolAtLevel(`F${String(i + 1).padStart(2, "0")}`, 6)),
    ];
    const response = await score(schools, testConfig(), 2014);
    expect(distanceOf(response, schools, "H1").routes).toEqual([{ code: "gradRateTwoYears", rate: 55, floor: 60, needed: 5 }]);
    expect(distanceOf(response, schools, "H2").routes).toEqual([{ code: "gradRate", rate: 57.5, floor: 60, needed: 2.5 }]);
    expect(distanceOf(response, schools, "S1").routes).toEqual([{ code: "sig" }]);
  });

  it("outside the pool, or unscored: nothing", async () => {
    const schools = [schoolAtLevel("A", 5), schoolAtLevel("E", 5, { title1: "eligible" }), makeSchool("U", { subgroups: { ALL: { n: 100, ela: 50 } } })];
    const response = await score(schools);
    for (const id of ["E", "U"]) expect(distanceOf(response, schools, id)).toEqual({ routes: [], thenFocus: null, abovePriority: null });
  });
});

describe("index points of one level more", () => {
  // Groups on ELA, math and growth (step ½); the rest ALL only (step 1); SpEd at level 10.
  const school = makeSchool("W", {
    subgroups: {
      ALL: { n: 200, ela: 65, math: 45, growth: 52, chronicAbsence: 12, suspension: 35, sel: 71, elRedesignation: 22, spedIdentification: 14 },
      HI: { n: 80, ela: 55, math: 40, growth: 48 },
    },
  });

  for (const [name, config] of [
    ["the default weights", testConfig()],
    [
      "a missing domain scored anyway (divisor 0.6)",
      testConfig({
        allowMissingDomain: true,
        indicatorWeights: { elementary: { chronicAbsence: null, suspension: null, sel: null, climate: null, elRedesignation: null, spedIdentification: null } },
      }),
    ],
    ["a subgroup share of 0.3", testConfig({ subgroupShare: 0.3 })],
  ] as const) {
    it(`equal what the engine adds when the ALL value reaches its next level, under ${name}`, () => {
      const before = evaluateSchools([school], config);
      const gains = indexGains(before.results[0]!, config);
      for (const code of INDICATORS) {
        const item = before.results[0]!.indicators[code];
        if (!item?.level || item.changeNeeded[0] === null) {
          if (item) expect(gains[code], code).toBeNull();
          continue;
        }
        // SpEd identification is a distance: it never has a next level here (level 10).
        const moved = { ...school, subgroups: { ...school.subgroups, ALL: { ...school.subgroups.ALL, [code]: item.value! + item.changeNeeded[0] } } };
        const after = evaluateSchools([moved], config);
        expect(after.scores[0]! - before.scores[0]!, code).toBeCloseTo(gains[code]!, 6);
      }
    });
  }
});
