// A request with a flood of problems (api.md "Errors"): the 400 lists the first 1,000 and says how
// many more there were; finding them never fails, however many there are.
//
// zod compiles a faster object parser with `new Function`, which workerd forbids; the Worker runs
// zod's interpreted parser, where a list field with ~120,000 problems used to overflow the call
// stack (a 500). These tests run the engine the way the Worker does: jitless, set before the
// engine's modules are loaded (vitest gives each test file its own modules).
import * as z from "zod";

z.config({ jitless: true });

import { describe, expect, it } from "vitest";

const { operation } = await import("../../shared/operations.js");
const { MAX_PROBLEMS } = await import("../../shared/core/problems.js");
const { callEngine } = await import("../../shared/client/api-client.js");

/** A school with seven values out of range, as in the report of issue 9. */
const badSchool = (i: number) => ({
  id: `S${i}`,
  level: "elementary",
  title1: "participating",
  subgroups: { ALL: { n: 100, ela: 105, math: 105, growth: 0, chronicAbsence: 105, suspension: 105, sel: 105, climate: 105 } },
});

describe("a flood of problems", () => {
  it("20,000 schools with 7 bad values each: the first 1,000 problems in order, and the total", async () => {
    const body = JSON.parse(JSON.stringify({ year: 2014, schools: Array.from({ length: 20_000 }, (_, i) => badSchool(i)) }));
    const out = await operation("score").run(body);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problems).toHaveLength(MAX_PROBLEMS);
    expect(out.total).toBe(140_000);
    expect(out.problems[0]).toEqual({ path: "schools[0].subgroups.ALL.ela", schoolId: "S0", message: "expected a number from 0 to 100, got 105" });
    // 7 per school, in input order: the 1,000th is the 6th problem of school 142.
    expect(out.problems.at(-1)).toMatchObject({ path: "schools[142].subgroups.ALL.sel", schoolId: "S142" });
  });

  it("25,000 educators with 6 problems each: the first 1,000, and the total", async () => {
    const educators = Array.from({ length: 25_000 }, () => ({ id: "", role: "cook" }));
    const out = await operation("educators").run({ educators });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problems).toHaveLength(MAX_PROBLEMS);
    // Per educator: id empty, role, school, district and measures; and every id after the first repeats "".
    expect(out.total).toBe(25_000 * 5 + 24_999);
  });

  it("a list inside a record over its maximum is one problem, its million items unchecked", async () => {
    const million = (item: unknown) => Array.from({ length: 1_000_000 }, () => item);
    const school = { ...badSchool(0), subgroups: { ALL: { n: 10 } } };
    const cases: [Parameters<typeof operation>[0], unknown, string, string][] = [
      ["score", { schools: [{ ...school, history: million({ year: 1 }) }] }, "schools[0].history", "expected at most 100 prior years, got 1000000"],
      [
        "score",
        { schools: [school], config: { designation: { pool: million("x") } } },
        "config.designation.pool",
        "expected at most 3 Title I statuses, got 1000000",
      ],
      ["score", { schools: [school], config: { cutPoints: { ela: million("x") } } }, "config.cutPoints.ela", "expected nine cut points, got 1000000"],
      ["scenarios", { schools: [school], scenarios: million({ name: "" }) }, "scenarios", "expected at most 20 scenarios, got 1000000"],
      [
        "educators",
        { educators: [], config: { models: Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`D${i}`, {}])) } },
        "config.models",
        "expected at most 1000 district models, got 100000",
      ],
    ];
    for (const [name, body, path, message] of cases) {
      const out = await operation(name).run(body);
      expect(out.ok ? null : out.problems, path).toEqual([{ path, message, ...(path.startsWith("schools[0]") && { schoolId: "S0" }) }]);
    }
  });

  it("reaches the doors with its count: local mode says how many were found", async () => {
    // 150 schools × 7 = 1,050 problems: just over the cap, so the test is quick.
    const out = await callEngine("score", { schools: Array.from({ length: 150 }, (_, i) => badSchool(i)) }, { endpoint: "local" });
    expect(out).toMatchObject({ ok: false, kind: "invalid", total: 1050 });
    if (!out.ok && out.kind === "invalid") expect(out.problems).toHaveLength(MAX_PROBLEMS);
  });

  it("a list of exactly 1,000 problems is whole: no total", async () => {
    const out = await callEngine(
      "score",
      { schools: Array.from({ length: 1000 }, (_, i) => ({ ...badSchool(i), title1: "maybe", subgroups: { ALL: { n: 1 } } })) },
      { endpoint: "local" },
    );
    expect(out.ok || out.kind !== "invalid" ? null : [out.problems.length, out.total]).toEqual([1000, undefined]);
  });
});
