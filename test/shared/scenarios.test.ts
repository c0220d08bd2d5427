import { describe, expect, it } from "vitest";
import { configHash, resolveConfig } from "../../shared/contract/config.js";
import { runScenarios } from "../../shared/schools/scenarios.js";
import { makeSchool } from "./fixtures.js";

// Default cut points here. ela 50 → 7, math 40 → 7, growth 54 → 7 (academic 7);
// chronic absence 9 → 6, suspension 3 → 6, sel 70 → 5, climate 71 → 5 (SE/CC 5.5).
const mixed = makeSchool("M", { subgroups: { ALL: { n: 300, ela: 50, math: 40, growth: 54, chronicAbsence: 9, suspension: 3, sel: 70, climate: 71 } } });
// U: ela 30 → 4; no SE/CC, so it is scored (40) only where SE/CC weighs nothing.
const unscored = makeSchool("U", { subgroups: { ALL: { n: 300, ela: 30 } } });

async function run(body: unknown) {
  const out = await runScenarios(body);
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  return out.value;
}

describe("scenarios", () => {
  it("scores each school per scenario and reports the change against the first", async () => {
    const out = await run({
      schools: [mixed, unscored],
      scenarios: [
        { name: "default" },
        { name: "academic only", config: { domainWeights: { academic: 1, secc: 0 } } },
        { name: "50/50", config: { domainWeights: { academic: 0.5, secc: 0.5 } } },
      ],
    });
    expect(out.scenarios.map((s) => s.name)).toEqual(["default", "academic only", "50/50"]);
    const [m, u] = out.schools;
    // 0.6 × 7 + 0.4 × 5.5 = 6.4 → 64; academic only 70; 50/50 6.25 → 62.5 (level 6)
    expect(m!.byScenario.map((b) => b.index)).toEqual([
      { score: 64, level: 6, band: "average", priorScore: null, change: null },
      { score: 70, level: 7, band: "average", priorScore: null, change: null },
      { score: 62.5, level: 6, band: "average", priorScore: null, change: null },
    ]);
    expect(m!.changes).toEqual([
      // academic only: pool of 2, U (40) is the lowest → Priority; M is the top 1 → Reward
      { scenario: "academic only", scoreDelta: 6, levelDelta: 1, designationFrom: "priority", designationTo: "reward" },
      { scenario: "50/50", scoreDelta: -1.5, levelDelta: 0, designationFrom: "priority", designationTo: "priority" },
    ]);
    // U has no SE/CC: unscored, except when SE/CC weighs nothing
    expect(u!.byScenario.map((b) => b.status)).toEqual(["unscored", "scored", "unscored"]);
    expect(u!.changes[0]).toMatchObject({ scoreDelta: null, levelDelta: null, designationFrom: "none", designationTo: "priority" });
  });

  it("layers default ⊕ request config ⊕ scenario config, each hashed", async () => {
    const out = await run({ config: { minN: 30 }, schools: [mixed], scenarios: [{ name: "a" }, { name: "b", config: { subgroupShare: 0 } }] });
    const expected = resolveConfig([
      { patch: { minN: 30 }, at: ["config"] },
      { patch: { subgroupShare: 0 }, at: ["config"] },
    ]);
    if (!expected.ok) throw new Error("config");
    expect(out.scenarios[1]!.configHash).toBe(await configHash(expected.value));
    expect(out.scenarios[0]!.configHash).not.toBe(out.scenarios[1]!.configHash);
    expect(out.scenarios[0]!.summary.nSizeImpact.minN).toBe(30);
  });

  it("names the scenario whose config is wrong, and duplicate names", async () => {
    const out = await runScenarios({ schools: [mixed], scenarios: [{ name: "a" }, { name: "a", config: { minN: 0 } }] });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problems.map((p) => p.path)).toEqual(["scenarios[1].config.minN", "scenarios[1].name"]);
    expect(out.problems[0]!.message).toBe("expected a minimum n: a whole number from 1 to 1000000, got 0");
  });
});

describe("scenarios: every problem in one answer", () => {
  async function problems(body: unknown) {
    const out = await runScenarios(body);
    if (out.ok) throw new Error("expected problems");
    return out.problems;
  }

  it("reports a shape problem, a scenario's config problem and a duplicate name together", async () => {
    const found = await problems({
      schools: [{ ...mixed, level: "college" }],
      scenarios: [{ name: "base" }, { name: "no weight", config: { domainWeights: { academic: 0, secc: 0 } } }, { name: "base" }],
    });
    expect(found).toEqual([
      { path: "schools[0].level", schoolId: "M", message: 'expected one of elementary, middle, high, span, got "college"' },
      { path: "scenarios[2].name", message: 'duplicate scenario name "base"' },
      { path: "scenarios[1].config.domainWeights", message: "at least one domain weight must be above 0" },
    ]);
  });

  it("reports a scenario's malformed config once, and the request's config, when the scenario list itself is wrong", async () => {
    const found = await problems({
      config: { minN: 0 },
      schools: [mixed],
      scenarios: [
        { name: "a", config: { subgroupShare: 2 } },
        { name: "a", colour: "red" },
      ],
    });
    expect(found).toEqual([
      { path: "config.minN", message: "expected a minimum n: a whole number from 1 to 1000000, got 0" },
      { path: "scenarios[0].config.subgroupShare", message: "expected a share from 0 to 1, got 2" },
      { path: "scenarios[1].colour", message: 'unknown field "colour"' },
      { path: "scenarios[1].name", message: 'duplicate scenario name "a"' },
    ]);
    // No scenarios at all: the request's own merged config is still checked.
    expect(await problems({ config: { domainWeights: { academic: 0, secc: 0 } }, schools: [mixed], scenarios: [] })).toEqual([
      { path: "scenarios", message: "expected at least one scenario (the first is the baseline)" },
      { path: "config.domainWeights", message: "at least one domain weight must be above 0" },
    ]);
  });

  it("resolves only as many scenario configs as a request may have", async () => {
    const scenarios = Array.from({ length: 25 }, (_, i) => ({ name: `s${i}`, config: { minN: 0 } }));
    const found = await problems({ schools: [mixed], scenarios });
    expect(found.filter((p) => p.path === "scenarios")).toEqual([{ path: "scenarios", message: "expected at most 20 scenarios, got 25" }]);
    // zod stops at the length; the config problems come from resolving the first 20 scenarios only.
    expect(found.filter((p) => p.path.endsWith(".config.minN")).map((p) => p.path)).toEqual(
      scenarios.slice(0, 20).map((_, i) => `scenarios[${i}].config.minN`),
    );
  });

  it("reads any body without throwing", async () => {
    for (const body of [null, 7, "x", [], { scenarios: [null, 5, "a", { config: null }] }, { schools: [null], scenarios: { name: "a" } }]) {
      expect((await runScenarios(body)).ok).toBe(false);
    }
  });
});
