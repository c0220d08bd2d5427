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
      { score: 64, level: 6, band: "average" },
      { score: 70, level: 7, band: "average" },
      { score: 62.5, level: 6, band: "average" },
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
    expect(out.problems[0]!.message).toBe("expected a minimum n ≥ 1, got 0");
  });
});
