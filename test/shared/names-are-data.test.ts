// Caller-chosen text is data (api.md "Errors"): through every operation of the engine, records
// named "__proto__", "constructor", "toString"… come back in their place, and keys the contract does
// not know are refused by name. Never a throw (a 500 at the Worker), never a record gone missing.
import { describe, expect, it } from "vitest";
import { operation } from "../../shared/operations.js";
import { NAME_CASES, NAMES } from "./hostile-names.js";

describe("names are data, on every operation", () => {
  it.each(NAME_CASES.map((c) => [c.title, c] as const))("%s", async (_, c) => {
    const out = await operation(c.operation).run(JSON.parse(c.body));
    if ("answered" in c.outcome) {
      expect(out.ok, JSON.stringify(out.ok ? null : out.problems)).toBe(true);
      // Through JSON, as every door sends it: own properties survive, whatever their name.
      if (out.ok) c.outcome.answered(JSON.parse(JSON.stringify(out.value)));
      return;
    }
    expect(out.ok).toBe(false);
    if (out.ok) return;
    const { rejectedAt, mentioning } = c.outcome;
    const problem = out.problems.find((p) => p.path === rejectedAt);
    expect(problem, `no problem at ${rejectedAt} in ${JSON.stringify(out.problems)}`).toBeDefined();
    if (mentioning !== undefined) expect(problem!.message).toContain(mentioning);
  });

  it("covers every name on every operation", () => {
    for (const name of NAMES) {
      const operations = new Set(NAME_CASES.filter((c) => c.title.endsWith(JSON.stringify(name))).map((c) => c.operation));
      expect([...operations].sort()).toEqual(["cutPoints", "educators", "scenarios", "score"]);
    }
  });
});
