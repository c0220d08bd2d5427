import { describe, expect, it } from "vitest";
import type { School } from "../../shared/contract/requests.js";
import { type DesignationInput, designate, stageOf, yearsIn } from "../../shared/schools/designations.js";
import { makeSchool, testConfig } from "./fixtures.js";

interface Spec {
  score: number | null;
  gap?: number;
  gapFlag?: boolean;
  school?: Partial<School>;
}

function inputs(specs: Record<string, Spec>): DesignationInput[] {
  return Object.entries(specs).map(([id, s]) => ({
    school: makeSchool(id, s.school),
    score: s.score,
    gapValue: s.gap ?? null,
    gapLowest: s.gap === undefined ? [] : ["SWD"],
    gapHighest: s.gap === undefined ? [] : ["AS"],
    hasGapFlag: s.gapFlag ?? false,
  }));
}

function typesOf(list: DesignationInput[], config = testConfig(), year?: number) {
  const { designations, poolSize } = designate(list, config, year);
  return { poolSize, byId: Object.fromEntries(list.map((x, i) => [x.school.id, designations[i]!])) };
}

const priorIndex = (index: number) => ({ history: [{ year: 2013, index }] });

/** Twenty Title I schools, P01…P20, scores 30…, with gaps and prior indexes set per test. */
function pool(overrides: Record<string, Partial<Spec>> = {}): Record<string, Spec> {
  const specs: Record<string, Spec> = {};
  for (let i = 1; i <= 20; i++) {
    const id = `P${String(i).padStart(2, "0")}`;
    specs[id] = { score: 30 + 3 * i, school: priorIndex(30 + 3 * i), ...overrides[id] };
  }
  return specs;
}

describe("Priority, Focus, Reward over a pool of 20 (hand-worked)", () => {
  const specs = pool({
    P02: { score: 25, gap: 5 }, // ties P03 at the bottom; has the largest gap but is Priority first
    P03: { score: 25 },
    P05: { gap: 3, school: priorIndex(15) }, // gain 30 − the biggest, but Focus
    P06: { gap: 3 },
    P07: { gap: 2.5 },
    P08: { gap: 0 },
    P10: { school: priorIndex(40) }, // score 60, gain 20
    P20: { gapFlag: true }, // top score 90, dropped from highest-performing, not replaced
  });
  const extra = {
    E01: { score: 5, school: { title1: "eligible" as const } },
    U01: { score: null },
  };
  const { poolSize, byId } = typesOf(inputs({ ...specs, ...extra }), testConfig(), 2014);

  it("the pool is the scored participating schools", () => {
    expect(poolSize).toBe(20);
  });

  it("Priority: ceil(0.05 × 20) = 1, the tie at 25 goes to the smaller id", () => {
    expect(byId.P02!.type).toBe("priority");
    expect(byId.P02!.reasons.map((r) => r.code)).toEqual(["lowestIndex"]);
    expect(byId.P03!.type).toBe("none");
  });

  it("Focus: ceil(0.1 × 20) = 2 largest gaps among the rest, ties by id", () => {
    expect(byId.P05!.type).toBe("focus");
    expect(byId.P06!.type).toBe("focus");
    expect(byId.P07!.type).toBe("none");
    expect(byId.P05!.reasons[0]).toMatchObject({ code: "largestGap", subgroups: ["SWD"] });
    expect(byId.P05!.reasons[0]!.message).toContain("between AS and SWD");
  });

  it("Reward, highest-performing: top 2 are P20 and P19; P20 has a gap flag and is not replaced", () => {
    expect(byId.P20!.type).toBe("none");
    expect(byId.P19!.type).toBe("reward");
    expect(byId.P19!.reasons.map((r) => r.code)).toEqual(["highestPerforming"]);
    expect(byId.P18!.type).toBe("none");
  });

  it("Reward, high-progress: top ceil(0.1 × 20) = 2 gains are P05 (Focus, dropped) and P10", () => {
    expect(byId.P10!.type).toBe("reward");
    expect(byId.P10!.reasons[0]).toMatchObject({ code: "highProgress" });
    expect(byId.P10!.reasons[0]!.message).toContain("gain of 20 over 2013");
  });

  it("schools outside the pool are none, with the reason", () => {
    expect(byId.E01).toMatchObject({ type: "none", stage: null });
    expect(byId.E01!.reasons[0]!.code).toBe("notInPool");
    expect(byId.U01!.reasons[0]!.code).toBe("unscored");
    expect(byId.P11!.reasons[0]!.code).toBe("notIdentified");
  });

  it("putting eligible schools in the pool makes N = 21 and Priority ceil(1.05) = 2", () => {
    const wide = typesOf(inputs({ ...specs, ...extra }), testConfig({ designation: { pool: ["participating", "eligible"] } }), 2014);
    expect(wide.poolSize).toBe(21);
    expect(wide.byId.E01!.type).toBe("priority");
    expect(wide.byId.P02!.type).toBe("priority");
    expect(wide.byId.P03!.type).toBe("none");
  });
});

describe("shares are ceil(p × N) on p × N rounded to 9 decimals", () => {
  it("0.1 × 30 = 3.0000000000000004 still takes 3 for Focus", () => {
    const specs: Record<string, Spec> = {};
    for (let i = 1; i <= 30; i++) specs[`S${String(i).padStart(2, "0")}`] = { score: 50 + i, gap: i };
    const { byId } = typesOf(inputs(specs), testConfig({ designation: { priorityShare: 0 } }));
    const focus = Object.entries(byId)
      .filter(([, d]) => d.type === "focus")
      .map(([id]) => id);
    expect(focus).toEqual(["S28", "S29", "S30"]);
  });
});

describe("graduation-rate rules (high schools only)", () => {
  const high = (grad: number, history: School["history"]): Partial<School> => ({
    level: "high",
    history,
    subgroups: { ALL: { n: 500, grad } },
  });
  const specs: Record<string, Spec> = {
    ...pool(),
    H1: { score: 80, school: high(55, [{ year: 2013, gradRate: 58 }]) }, // both years below 60
    H2: { score: 80, school: high(55, [{ year: 2013, gradRate: 65 }]) }, // this year only
    H3: { score: 80, school: high(59.99, [{ year: 2012, gradRate: 40 }]) }, // 2013 missing: not two years
    H4: { score: 80, school: high(60, [{ year: 2013, gradRate: 50 }]) }, // 60 is not below 60
    E1: { score: 80, school: { level: "elementary", history: [{ year: 2013, gradRate: 10 }], subgroups: { ALL: { n: 500, grad: 10 } } } },
  };
  const { byId } = typesOf(inputs(specs), testConfig(), 2014);

  it("below 60% this year and the prior year → Priority", () => {
    expect(byId.H1).toMatchObject({ type: "priority", stage: "peerReview" });
    expect(byId.H1!.reasons.map((r) => r.code)).toEqual(["gradRateTwoYears"]);
  });

  it("below 60% this year only → Focus", () => {
    expect(byId.H2!.type).toBe("focus");
    expect(byId.H2!.reasons.map((r) => r.code)).toEqual(["gradRate"]);
    expect(byId.H3!.type).toBe("focus");
  });

  it("at the floor, or not a high school → no graduation-rate designation", () => {
    expect(byId.H4!.reasons.map((r) => r.code)).not.toContain("gradRate");
    expect(byId.E1!.type).not.toBe("priority");
    expect(byId.E1!.reasons.map((r) => r.code)).not.toContain("gradRate");
  });
});

describe("SIG schools", () => {
  it("are Priority whatever their score", () => {
    const { byId } = typesOf(inputs({ ...pool(), S1: { score: 95, school: { sig: true } } }));
    expect(byId.S1!.type).toBe("priority");
    expect(byId.S1!.reasons.map((r) => r.code)).toEqual(["sig"]);
  });
});

describe("years in status and escalation", () => {
  const h = (...entries: [number, "priority" | "focus" | "reward" | "none"][]) => entries.map(([year, designation]) => ({ year, designation }));

  it("counts consecutive prior years with the same designation, this year included", () => {
    expect(yearsIn("focus", h([2013, "focus"], [2012, "focus"]), 2014)).toBe(3);
    expect(yearsIn("focus", h([2013, "priority"], [2012, "focus"]), 2014)).toBe(1);
    expect(yearsIn("focus", undefined, 2014)).toBe(1);
  });

  it("a missing year breaks the run", () => {
    expect(yearsIn("focus", h([2013, "focus"], [2011, "focus"]), 2014)).toBe(2);
    expect(yearsIn("focus", h([2012, "focus"]), 2014)).toBe(1);
  });

  it("without a request year, the most recent history entry is the prior year", () => {
    expect(yearsIn("priority", h([2011, "priority"], [2012, "priority"]))).toBe(3);
  });

  it("maps years to the stages of §8", () => {
    expect([1, 2, 3, 4, 5, 8].map((y) => stageOf("focus", y))).toEqual([
      "communityOfPractice",
      "communityOfPractice",
      "rewardPartnership",
      "rewardPartnership",
      "districtTurnaround",
      "districtTurnaround",
    ]);
    expect([1, 2, 4, 5].map((y) => stageOf("priority", y))).toEqual(["peerReview", "turnaroundPrinciples", "turnaroundPrinciples", "districtAction"]);
    expect(stageOf("reward", 3)).toBeNull();
    expect(stageOf("none", 1)).toBeNull();
  });

  it("a third Focus year puts the school at rewardPartnership", () => {
    const specs = pool({ P05: { gap: 4, school: { history: h([2013, "focus"], [2012, "focus"]) } } });
    const { byId } = typesOf(inputs(specs), testConfig(), 2014);
    expect(byId.P05).toMatchObject({ type: "focus", yearsInStatus: 3, stage: "rewardPartnership" });
  });
});
