// Every problem message reads like the others (api.md "Errors"): what is wrong and what was
// expected, in the project's words. Bad bodies are made from a valid body of each operation by
// replacing every value in turn with something wrong, dropping it, or adding an unknown key next
// to it; no message may be zod's default wording.
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { fallbackMessage } from "../../shared/contract/messages.js";
import { problemsFromZod } from "../../shared/core/problems.js";
import { type OperationName, operation } from "../../shared/operations.js";

const all = { n: 100, ela: 50, math: 45, growth: 55, chronicAbsence: 8, suspension: 2, sel: 70, climate: 72, elRedesignation: 12, spedIdentification: 10 };
const school = {
  id: "A",
  name: "Adams",
  district: "North",
  level: "high",
  title1: "participating",
  sig: false,
  history: [{ year: 2013, index: 40, designation: "none", gradRate: 80 }],
  subgroups: { ALL: all, HI: { ...all, n: 60 } },
};
const config = {
  minN: 20,
  domainWeights: { academic: 1, secc: 1 },
  indicatorWeights: { high: { ela: 1 } },
  cutPoints: { ela: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
  targets: { ela: 50 },
  designation: { pool: ["participating"], priorityShare: 0.1 },
};
const VALID: Record<OperationName, unknown> = {
  score: { year: 2014, config, schools: [school] },
  scenarios: { year: 2014, config, schools: [school], scenarios: [{ name: "a", config }] },
  cutPoints: { config, schools: [school] },
  educators: {
    config: {
      models: { North: { model: "weighted", weights: { practice: 1, growth: 1 }, cuts: { highlyEffective: 3, effective: 2, developing: 1 } } },
      defaultModel: "check",
      minReport: 2,
    },
    educators: [{ id: "T1", role: "teacher", school: "A", district: "North", measures: { practice: 3, growth: 2.5 } }],
  },
};

const WRONG = [null, "x", "", 5, -1, 1.5, 1e308, true, [], {}, [1], { a: 1 }];
const DROP = Symbol("drop");
const UNKNOWN = Symbol("unknown key");

/** The valid body with one change: every value in turn replaced, dropped, or given an unknown neighbour. */
function* badBodies(valid: unknown): Generator<unknown> {
  yield* [null, [], "x", 5, {}];
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (path.length > 0) paths.push(path);
    if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, [...path, Array.isArray(v) ? Number(k) : k]);
  };
  walk(valid, []);
  for (const path of paths) {
    for (const change of [...WRONG, DROP, UNKNOWN]) {
      const copy = JSON.parse(JSON.stringify(valid));
      let parent = copy;
      for (const key of path.slice(0, -1)) parent = parent[key];
      const last = path.at(-1)!;
      if (change === DROP) {
        if (Array.isArray(parent)) continue;
        delete parent[last];
      } else if (change === UNKNOWN) {
        if (Array.isArray(parent)) continue;
        parent.colour = "blue";
      } else parent[last] = change;
      yield copy;
    }
  }
}

/** The opening words of zod's own English messages, and its "received" (ours say "got"). */
const ZOD_WORDING = /^(Invalid input|Invalid option|Invalid|Unrecognized key|Too small|Too big)|received/;

describe("problem messages", () => {
  it.each(Object.keys(VALID) as OperationName[])("on %s: never zod's default wording, always what was expected", async (name) => {
    const messages = new Set<string>();
    for (const body of badBodies(VALID[name])) {
      const out = await operation(name).run(body);
      if (!out.ok) for (const p of out.problems) messages.add(p.message);
    }
    // Enough bad bodies were rejected to mean something.
    expect(messages.size).toBeGreaterThan(40);
    for (const message of messages) {
      expect(message).not.toMatch(ZOD_WORDING);
      // What was expected, in one of the project's forms.
      expect(message, message).toMatch(/expected|unknown|duplicate|must|needs|required|is not before|twice/);
    }
  });

  it("names what arrived for a missing list, a missing object and a wrong role", async () => {
    const problemAt = async (name: OperationName, body: unknown, path: string) => {
      const out = await operation(name).run(body);
      return out.ok ? undefined : out.problems.find((p) => p.path === path)?.message;
    };
    expect(await problemAt("scenarios", { schools: [] }, "scenarios")).toBe("expected a list of scenarios, got nothing");
    expect(await problemAt("educators", {}, "educators")).toBe("expected a list of educators, got nothing");
    const educator = { id: "T1", role: "cook", school: "A", district: "North" };
    expect(await problemAt("educators", { educators: [educator] }, "educators[0].measures")).toBe(
      "expected the educator's measures (an object with practice and any of growth, growth2, surveys, goals), got nothing",
    );
    expect(await problemAt("educators", { educators: [educator] }, "educators[0].role")).toBe('expected one of teacher, principal, got "cook"');
    expect(await problemAt("score", { schools: [], config: 5 }, "config")).toBe("expected a config (an object with any of the config's settings), got 5");
  });
});

describe("the fallback wording, for a schema without messages of its own", () => {
  const messagesOf = (schema: z.ZodType, value: unknown) => {
    const parsed = schema.safeParse(value);
    return parsed.success ? [] : problemsFromZod(parsed.error.issues, value).map((p) => p.message);
  };

  it("says what was expected and what arrived, for each kind of problem", () => {
    expect(messagesOf(z.object({ a: z.string() }), {})).toEqual(["expected text, got nothing"]);
    expect(messagesOf(z.object({ a: z.number().int() }), { a: 1.5 })).toEqual(["expected a whole number, got 1.5"]);
    expect(messagesOf(z.array(z.boolean()), "yes")).toEqual(['expected a list, got "yes"']);
    expect(messagesOf(z.array(z.string()).min(2), ["a"])).toEqual(["expected at least 2 items, got 1"]);
    expect(messagesOf(z.array(z.string()).max(1), ["a", "b"])).toEqual(["expected at most 1 item, got 2"]);
    expect(messagesOf(z.number().min(3), 2)).toEqual(["expected a number ≥ 3, got 2"]);
    expect(messagesOf(z.number().lt(3), 4)).toEqual(["expected a number < 3, got 4"]);
    expect(messagesOf(z.string().min(2), "a")).toEqual(['expected text of at least 2 characters, got "a"']);
    expect(messagesOf(z.enum(["a", "b"]), "c")).toEqual(['expected one of a, b, got "c"']);
    expect(messagesOf(z.literal("x"), "y")).toEqual(['expected "x", got "y"']);
    expect(messagesOf(z.strictObject({}), { colour: 1 })).toEqual(['unknown field "colour"']);
  });

  it("is the wording zod uses when a schema has none", () => {
    const issue = { code: "invalid_type", expected: "array", input: undefined } as z.core.$ZodRawIssue;
    expect(fallbackMessage(issue)).toBe("expected a list, got nothing");
  });
});
