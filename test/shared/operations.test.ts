// The operation registry and the one parse pipeline behind it: every operation answers what its
// response schema describes, reads any body without throwing, and reports all of its problems at once.
import { describe, expect, it } from "vitest";
import { OPERATION_LIST, OPERATIONS, type OperationName, operation } from "../../shared/operations.js";
import { sampleEducators } from "../../shared/samples/educators.js";
import { makeSchool } from "./fixtures.js";

const schools = Array.from({ length: 12 }, (_, i) => makeSchool(`S${i}`));
const VALID: Record<OperationName, unknown> = {
  score: { year: 2014, schools },
  scenarios: { schools, scenarios: [{ name: "base" }, { name: "academic", config: { domainWeights: { secc: 0 } } }] },
  cutPoints: { schools },
  educators: { educators: sampleEducators() },
};

const ODD_BODIES: unknown[] = [
  undefined,
  null,
  0,
  "schools",
  [],
  {},
  { schools: [null, 5, "A", [], { id: "A", history: [null, { year: "x" }] }], scenarios: [null, 5, { config: null }], educators: [null, "x", { id: 5 }] },
  { config: "x", schools: {}, scenarios: "x", educators: {} },
  { config: { models: [], minN: [] }, scenarios: [{ name: "a", config: [] }] },
];

describe("the registry", () => {
  it("defines each operation once: its key is its name, and paths are distinct POST routes under /v1", () => {
    expect(Object.entries(OPERATIONS).map(([key, op]) => [key, op.name])).toEqual(OPERATION_LIST.map((op) => [op.name, op.name]));
    expect(OPERATION_LIST.map((op) => `${op.method} ${op.path}`)).toEqual([
      "POST /v1/score",
      "POST /v1/scenarios",
      "POST /v1/cut-points",
      "POST /v1/educators/score",
    ]);
    for (const op of OPERATION_LIST) expect(op.summary).toMatch(/^\S.{10,}[^.]$/);
  });

  it.each(OPERATION_LIST.map((op) => [op.name, op]))("%s: answers a valid request with what its response schema describes", async (_, op) => {
    expect(op.request.safeParse(VALID[op.name]).success).toBe(true);
    const out = await op.run(VALID[op.name]);
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    const checked = op.response.safeParse(out.value);
    expect(checked.success, JSON.stringify(checked.error?.issues.slice(0, 3))).toBe(true);
  });

  it.each(OPERATION_LIST.map((op) => [op.name, op]))("%s: reads any body without throwing; each problem once, with a path and a message", async (_, op) => {
    for (const body of ODD_BODIES) {
      const out = await op.run(body);
      expect(out.ok, JSON.stringify(body)).toBe(false);
      if (out.ok) continue;
      expect(out.problems.length).toBeGreaterThan(0);
      const keys = out.problems.map((p) => `${p.path} ${p.message}`);
      expect(new Set(keys).size).toBe(keys.length);
      for (const p of out.problems) expect(typeof p.message === "string" && typeof p.path === "string").toBe(true);
    }
  });
});

describe("one parse pipeline: shape, cross checks and config problems in one answer", () => {
  const badSchool = { ...makeSchool("A"), title1: "maybe" };
  const badConfig = { domainWeights: { academic: 0, secc: 0 } };
  const shapeProblem = { path: "schools[0].title1", schoolId: "A", message: 'expected one of participating, eligible, none, got "maybe"' };
  const duplicate = { path: "schools[1].id", schoolId: "A", message: 'duplicate school id "A" (first at schools[0])' };
  const configProblem = { path: "config.domainWeights", message: "at least one domain weight must be above 0" };

  it.each(["score", "cutPoints"] as const)("%s", async (name) => {
    const out = await operation(name).run({ config: badConfig, schools: [badSchool, makeSchool("A")] });
    expect(out).toEqual({ ok: false, problems: [shapeProblem, duplicate, configProblem] });
  });

  it("scenarios", async () => {
    const out = await operation("scenarios").run({ config: badConfig, schools: [badSchool, makeSchool("A")], scenarios: [{ name: "a" }, { name: "a" }] });
    expect(out).toEqual({
      ok: false,
      problems: [
        shapeProblem,
        duplicate,
        { path: "scenarios[1].name", message: 'duplicate scenario name "a"' },
        // The request's config is merged under each scenario's (none here), so the merged config is named per scenario, as before.
        { path: "scenarios[0].config.domainWeights", message: configProblem.message },
        { path: "scenarios[1].config.domainWeights", message: configProblem.message },
      ],
    });
  });

  it("educators", async () => {
    const [first, second] = sampleEducators();
    const out = await operation("educators").run({
      // growth 0.05 of 0.5 + 0.05 + 0.1 + 0.1 (the other weights by default) = 6.7%
      config: { models: { Fresno: { model: "weighted", weights: { growth: 0.05 } } } },
      educators: [
        { ...first, role: "janitor" },
        { ...second, id: first!.id },
      ],
    });
    expect(out).toEqual({
      ok: false,
      problems: [
        { path: "educators[0].role", message: 'expected one of teacher, principal, got "janitor"' },
        { path: "educators[1].id", message: `duplicate educator id ${JSON.stringify(first!.id)} (first at educators[0])` },
        { path: "config.models.Fresno.weights.growth", message: 'district "Fresno": student growth is 6.7% of the weights; at least 20% is required' },
      ],
    });
  });
});
