// Requests to every operation whose caller-chosen text (ids, names, districts, schools, scenario
// names, record keys) is a name that JavaScript objects already carry: "__proto__", "constructor",
// "toString"… (api.md "Errors": such text is data). Each case says what must happen: every record
// comes back in its place, or a 400 names the key. Shared by the engine test (node) and the route
// test (workers), so both doors are held to the same cases.
import { expect } from "vitest";
import type { OperationName } from "../../shared/operations.js";

export const NAMES = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty"] as const;

export interface NameCase {
  title: string;
  operation: OperationName;
  /** JSON text: in an object literal "__proto__" would set the prototype instead of making a key. */
  body: string;
  /** Answered: checks the (JSON-parsed) response. Rejected: a 400 whose problems include this path. */
  outcome: { answered: (response: Record<string, unknown>) => void } | { rejectedAt: string; mentioning?: string };
}

// biome-ignore lint/suspicious/noExplicitAny: the cases walk responses of four shapes by hand
type Json = any;

/** An object with these keys as its own properties, "__proto__" included. */
const own = (entries: [string, unknown][]): Record<string, unknown> => Object.fromEntries(entries);

/** A copy of `body` with `key: value` added as an own property of the object at `path`. */
function withKey(body: unknown, path: (string | number)[], key: string, value: unknown): string {
  const copy = JSON.parse(JSON.stringify(body));
  let at = copy;
  for (const step of path) at = at[step];
  Object.defineProperty(at, key, { value, enumerable: true, writable: true, configurable: true });
  return JSON.stringify(copy);
}

const all = { n: 100, ela: 50, math: 45, growth: 55, chronicAbsence: 8, suspension: 2, sel: 70, climate: 72, elRedesignation: 12, spedIdentification: 10 };
const school = (id: string, district?: string) => ({
  id,
  name: id,
  ...(district !== undefined && { district }),
  level: "elementary",
  title1: "participating",
  history: [{ year: 2013, index: 40, designation: "none" }],
  subgroups: { ALL: all, HI: { ...all, n: 60 } },
});
const educator = (id: string, school: string, district: string) => ({ id, role: "teacher", school, district, measures: { practice: 3, growth: 3.2 } });

/** The cases of one name: records named by it that must come back, and keys that must be refused by name. */
export function casesFor(name: string): NameCase[] {
  const quoted = JSON.stringify(name);
  const cases: NameCase[] = [];
  const answered = (title: string, operation: OperationName, body: unknown, check: (r: Json) => void) =>
    cases.push({ title: `${title} ${quoted}`, operation, body: JSON.stringify(body), outcome: { answered: check } });
  const refused = (title: string, operation: OperationName, body: string, rejectedAt: string, mentioning: string | undefined = quoted) =>
    cases.push({ title: `${title} ${quoted}`, operation, body, outcome: { rejectedAt, ...(mentioning !== undefined && { mentioning }) } });

  // ---- records named by it come back, each in its place
  const schools = [school(name, name), school("plain", "plain"), school(`${name}-2`)];
  answered("score: a school whose id, name and district are", "score", { year: 2014, schools }, (r) => {
    expect(r.results.map((x: Json) => [x.id, x.name, x.district])).toEqual(schools.map((s) => [s.id, s.name, s.district ?? null]));
    expect(r.summary.rollup.districts.map((d: Json) => [d.district, d.schools])).toEqual(
      [
        [name, 1],
        ["plain", 1],
        ["(no district)", 1],
      ].sort(([a], [b]) => (a! < b! ? -1 : 1)),
    );
  });
  answered(
    "scenarios: a scenario and a school named",
    "scenarios",
    { year: 2014, schools, scenarios: [{ name }, { name: "plain", config: { minN: 30 } }] },
    (r) => {
      expect(r.scenarios.map((s: Json) => s.name)).toEqual([name, "plain"]);
      expect(r.schools.map((s: Json) => [s.id, s.changes.map((c: Json) => c.scenario)])).toEqual(schools.map((s) => [s.id, ["plain"]]));
    },
  );
  const reference = Array.from({ length: 10 }, (_, i) => school(i === 0 ? name : `S${i}`, name));
  answered("cut points: a reference year with a school whose id and district are", "cutPoints", { schools: reference }, (r) => {
    expect(r.counts.ela).toBe(10);
  });
  const educators = [educator(name, name, name), educator("T2", "plain", "plain"), educator("T3", name, name)];
  answered(
    "educators: an educator, school and district named",
    "educators",
    { config: { models: own([[name, { model: "check" }]]), minReport: 1 }, educators },
    (r) => {
      expect(r.results.map((x: Json) => x.id)).toEqual([name, "T2", "T3"]);
      // The district's own model (check) applies to its educators; the other gets the default (weighted).
      expect(r.results.map((x: Json) => x.practiceLevel !== null)).toEqual([true, false, true]);
      expect(Object.keys(r.distribution.schools).sort()).toEqual([name, "plain"].sort());
      expect(Object.keys(r.distribution.districts).sort()).toEqual([name, "plain"].sort());
      expect(r.distribution.schools[name]).toMatchObject({ district: name, teacher: { rated: 2 } });
      expect(r.distribution.districts[name].teacher.rated).toBe(2);
    },
  );

  // ---- a key the contract does not know is refused by name, never ignored
  const valid = { year: 2014, schools: [school("A", "North")] };
  // Every object of the config present, so a key can be added to each.
  const config = {
    designation: { pool: ["participating"] },
    domainWeights: { academic: 1 },
    indicatorWeights: { elementary: { ela: 2 } },
    cutPoints: {},
    targets: {},
  };
  refused("score: a student group", "score", withKey(valid, ["schools", 0, "subgroups"], name, { n: 5 }), `schools[0].subgroups.${name}`);
  refused("score: a school field", "score", withKey(valid, ["schools", 0], name, 1), `schools[0].${name}`);
  refused("score: a history field", "score", withKey(valid, ["schools", 0, "history", 0], name, 1), `schools[0].history[0].${name}`);
  refused("score: a request field", "score", withKey(valid, [], name, 1), name);
  const configPaths: [string, (string | number)[], unknown][] = [
    ["a config field", [], 1],
    ["a domain", ["domainWeights"], 1],
    ["a designation rule", ["designation"], 1],
    ["a school level of indicatorWeights", ["indicatorWeights"], { ela: 1 }],
    ["an indicator of a level's weights", ["indicatorWeights", "elementary"], 1],
    ["an indicator of cutPoints", ["cutPoints"], [1, 2, 3, 4, 5, 6, 7, 8, 9]],
    ["an indicator of targets", ["targets"], 50],
  ];
  for (const [what, path, value] of configPaths) {
    const at = ["config", ...path].join(".");
    refused(`score: ${what}`, "score", withKey({ ...valid, config }, ["config", ...path], name, value), `${at}.${name}`);
    refused(`cut points: ${what}`, "cutPoints", withKey({ schools: valid.schools, config }, ["config", ...path], name, value), `${at}.${name}`);
    const scenarios = { ...valid, scenarios: [{ name: "base" }, { name: "other", config }] };
    refused(`scenarios: ${what}`, "scenarios", withKey(scenarios, ["scenarios", 1, "config", ...path], name, value), `scenarios[1].${at}.${name}`);
  }
  const staff = {
    config: { models: { Fresno: { model: "weighted", weights: { growth: 0.5 }, cuts: { highlyEffective: 3.5, effective: 2.5, developing: 1.5 } } } },
    educators,
  };
  refused("educators: an educator field", "educators", withKey(staff, ["educators", 0], name, 1), `educators[0].${name}`);
  refused("educators: a measure", "educators", withKey(staff, ["educators", 0, "measures"], name, 3), `educators[0].measures.${name}`);
  refused("educators: a config field", "educators", withKey(staff, ["config"], name, 1), `config.${name}`);
  refused("educators: a model field", "educators", withKey(staff, ["config", "models", "Fresno"], name, 1), `config.models.Fresno.${name}`);
  refused("educators: a weight", "educators", withKey(staff, ["config", "models", "Fresno", "weights"], name, 1), `config.models.Fresno.weights.${name}`);
  refused("educators: a cut", "educators", withKey(staff, ["config", "models", "Fresno", "cuts"], name, 1), `config.models.Fresno.cuts.${name}`);
  refused("educators: a request field", "educators", withKey(staff, [], name, 1), name);
  // A district's model is checked whatever the district is called.
  refused(
    "educators: a malformed model of the district",
    "educators",
    withKey(staff, ["config", "models"], name, { model: "x" }),
    `config.models.${name}.model`,
    '"x"',
  );
  return cases;
}

export const NAME_CASES: readonly NameCase[] = NAMES.flatMap(casesFor);
