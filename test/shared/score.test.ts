import { describe, expect, it } from "vitest";
import { canonicalJson, configHash } from "../../shared/contract/config.js";
import { DEFAULT_CONFIG } from "../../shared/contract/default-config.js";
import { METHODOLOGY_VERSION } from "../../shared/core/model.js";
import { scoreRequest } from "../../shared/schools/score.js";
import { makeSchool, schoolAtLevel } from "./fixtures.js";

async function score(body: unknown) {
  const out = await scoreRequest(body);
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  return out.value;
}

describe("scoreRequest", () => {
  it("answers every school in input order, scored or unscored with reasons", async () => {
    const schools = [makeSchool("Z"), makeSchool("A", { subgroups: { ALL: { n: 5, ela: 50 } } }), makeSchool("M")];
    const out = await score({ schools });
    expect(out.results.map((r) => [r.id, r.status])).toEqual([
      ["Z", "scored"],
      ["A", "unscored"],
      ["M", "scored"],
    ]);
    expect(out.results[1]!.reasons.map((r) => r.code)).toEqual(["missingDomain:academic", "missingDomain:secc"]);
    expect(out.results[1]!.index).toBeNull();
    expect(out.results[1]!.designation).toMatchObject({ type: "none", stage: null });
  });

  it("carries the methodology version and the SHA-256 of the canonical merged config", async () => {
    const out = await score({ schools: [] });
    expect(out.methodologyVersion).toBe(METHODOLOGY_VERSION);
    expect(out.configHash).toMatch(/^[0-9a-f]{64}$/);
    expect(out.configHash).toBe(await configHash(DEFAULT_CONFIG));
    const other = await score({ schools: [], config: { minN: 21 } });
    expect(other.configHash).not.toBe(out.configHash);
    // Key order does not change the hash: the canonical form sorts keys.
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });

  it("gives byte-identical JSON for the same input", async () => {
    const schools = Array.from({ length: 30 }, (_, i) => schoolAtLevel(`S${i}`, 1 + (i % 10)));
    const a = JSON.stringify(await score({ year: 2014, schools }));
    const b = JSON.stringify(await score({ year: 2014, schools: structuredClone(schools) }));
    expect(a).toBe(b);
  });

  it("pairs a Priority school with a Reward school that raised its identifying subgroup", async () => {
    // 20 participating schools at levels 1…10 twice; the two level-10 schools have HI at level 10.
    const schools = Array.from({ length: 20 }, (_, i) => {
      const level = 1 + (i % 10);
      const s = schoolAtLevel(`S${String(i).padStart(2, "0")}`, level, { district: i < 10 ? "North" : "South" });
      const value = 10 * (level - 1) + 5;
      s.subgroups.HI = { n: 40, ela: value, math: value };
      return s;
    });
    const out = await score({ schools });
    const priority = out.results.filter((r) => r.designation.type === "priority").map((r) => r.id);
    const reward = out.results.filter((r) => r.designation.type === "reward").map((r) => r.id);
    expect(priority).toEqual(["S00"]); // ceil(0.05 × 20) = 1, the tie at level 1 goes to S00
    expect(reward).toEqual(["S09", "S19"]); // top ceil(0.1 × 20) = 2
    // S00's lowest group is HI (academic 1); both Reward schools have HI at 10; same level, and
    // S09 is in S00's district: 100 + 10 + 10 = 120.
    expect(out.partnerships.pairs).toEqual([{ school: "S00", partner: "S09", subgroup: "HI", quality: 120, evidence: "levelOnly" }]);
    expect(out.partnerships.unmatched).toEqual([]);
  });
});
