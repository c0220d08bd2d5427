import { describe, expect, it } from "vitest";
import { parseScoreRequest } from "../../shared/schools/score.js";
import { makeSchool } from "./fixtures.js";

function problems(body: unknown) {
  const parsed = parseScoreRequest(body);
  if (parsed.ok) throw new Error("expected problems");
  return parsed.problems;
}

describe("parseScoreRequest", () => {
  it("accepts a valid request and merges the config over the default", () => {
    const parsed = parseScoreRequest({ year: 2014, config: { minN: 30 }, schools: [makeSchool("A")] });
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.value.config.minN).toBe(30);
      expect(parsed.value.config.subgroupShare).toBe(0.5);
    }
  });

  it("names school, subgroup and field of an out-of-range value, never clamping it", () => {
    const body = { schools: [makeSchool("A"), makeSchool("B", { subgroups: { ALL: { n: 100, ela: 50 }, HI: { n: 30, ela: 105 } } })] };
    expect(problems(body)).toEqual([{ path: "schools[1].subgroups.HI.ela", schoolId: "B", message: "expected a number from 0 to 100, got 105" }]);
  });

  it("checks values of groups that are not accountable too", () => {
    const body = { schools: [makeSchool("A", { subgroups: { ALL: { n: 100 }, PI: { n: 3, math: -1 } } })] };
    expect(problems(body)[0]).toMatchObject({ path: "schools[0].subgroups.PI.math", schoolId: "A" });
  });

  it("growth is a percentile 1–99; n a whole number ≥ 0", () => {
    const body = { schools: [makeSchool("A", { subgroups: { ALL: { n: 10.5, growth: 0 }, HI: { n: -1 } } })] };
    const found = problems(body);
    expect(found.map((p) => p.path)).toEqual(["schools[0].subgroups.ALL.n", "schools[0].subgroups.ALL.growth", "schools[0].subgroups.HI.n"]);
    expect(found[0]!.message).toBe("expected a whole number of students ≥ 0, got 10.5");
    expect(found[1]!.message).toBe("expected a number from 1 to 99, got 0");
  });

  it("reports every problem together, with duplicate ids and history years", () => {
    const body = {
      year: 2014,
      schools: [
        makeSchool("A", { level: "college" as never }),
        makeSchool("A", { history: [{ year: 2013 }, { year: 2013 }, { year: 2014 }] }),
        { ...makeSchool("C"), subgroups: { ALL: { n: 50 }, XX: { n: 5 } } },
        { id: "D", level: "high", title1: "maybe" },
      ],
    };
    const found = problems(body);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "schools[0].level", schoolId: "A", message: 'expected one of elementary, middle, high, span, got "college"' }),
        expect.objectContaining({ path: "schools[1].id", message: 'duplicate school id "A" (first at schools[0])' }),
        expect.objectContaining({ path: "schools[1].history[1].year", message: "history has 2013 twice" }),
        expect.objectContaining({ path: "schools[1].history[2].year", message: "history year 2014 is not before the request year 2014" }),
        expect.objectContaining({ path: "schools[2].subgroups.XX", schoolId: "C" }),
        expect.objectContaining({ path: "schools[3].title1", schoolId: "D" }),
        expect.objectContaining({ path: "schools[3].subgroups", schoolId: "D" }),
      ]),
    );
    expect(found.find((p) => p.path === "schools[2].subgroups.XX")!.message).toContain("unknown student group");
  });

  it("requires an All Students result", () => {
    const body = { schools: [{ ...makeSchool("A"), subgroups: { HI: { n: 50 } } }] };
    expect(problems(body)).toEqual([expect.objectContaining({ path: "schools[0].subgroups.ALL", schoolId: "A" })]);
  });

  it("rejects a body that is not a request", () => {
    expect(problems(null)[0]!.path).toBe("");
    expect(problems({ schools: "many" })[0]).toMatchObject({ path: "schools", message: 'expected a list of schools, got "many"' });
  });
});

describe("config problems", () => {
  const schools = [makeSchool("A")];

  it("names an unknown key", () => {
    expect(problems({ schools, config: { minn: 5 } })).toEqual([{ path: "config.minn", message: 'unknown field "minn"' }]);
  });

  it("checks the merged config: decreasing cut points, zero weights, shares", () => {
    const found = problems({
      schools,
      config: { cutPoints: { ela: [1, 2, 3, 2, 5, 6, 7, 8, 9] }, indicatorWeights: { high: { grad: 0 } }, designation: { focusShare: 1.5 } },
    });
    expect(found.map((p) => p.path).sort()).toEqual(["config.cutPoints.ela[3]", "config.designation.focusShare", "config.indicatorWeights.high.grad"]);
    expect(found.find((p) => p.path === "config.cutPoints.ela[3]")!.message).toBe("cut points must not decrease: 2 follows 3");
  });

  it("needs nine cut points", () => {
    expect(problems({ schools, config: { cutPoints: { math: [1, 2, 3] } } })).toEqual([
      { path: "config.cutPoints.math", message: "expected nine cut points, got 3" },
    ]);
  });

  it("null removes an indicator from a level but cannot remove a required setting", () => {
    const ok = parseScoreRequest({ schools, config: { indicatorWeights: { elementary: { growth: null } } } });
    expect(ok.ok && ok.value.config.indicatorWeights.elementary.growth).toBeUndefined();
    expect(problems({ schools, config: { minN: null } })[0]!.path).toBe("config.minN");
  });

  it("refuses a __proto__ key by name, and merges nothing into a prototype", () => {
    const body = JSON.parse('{"schools":[],"config":{"__proto__":{"polluted":true}}}');
    expect(problems(body)).toEqual([{ path: "config.__proto__", message: 'unknown field "__proto__"' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reads a hole in a list built in JavaScript (local mode) as a missing record, not a valid one", () => {
    const history = new Array(1);
    expect(problems({ schools: new Array(1) })).toEqual([{ path: "schools[0]", message: "expected a school (an object), got nothing" }]);
    expect(problems({ schools: [makeSchool("A", { history })] })).toEqual([
      { path: "schools[0].history[0]", schoolId: "A", message: "expected a history entry (an object with year, index, designation, gradRate), got nothing" },
    ]);
  });
});
