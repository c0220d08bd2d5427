// The Worker against its own OpenAPI document (api.md "Errors": the document describes the server
// as it is), checked with real validators (contract.ts). For a Worker without API keys and one with,
// a set of requests that reaches every route and every status the document lists (200, 400, 401,
// 413, 415, 500, and 404 and 405 off the routes) is sent to the app in process, and each request
// and answer is checked against the document that Worker serves: status, media type, body schema,
// headers. The last test of each Worker checks that every (route, status) the document lists was
// seen, so the document cannot promise an answer the server never gives.
import { afterEach, describe, expect, it, vi } from "vitest";
import { OPERATIONS, type OperationName } from "../../shared/operations.js";
import { createApp } from "../../worker/app.js";
import { RULES_NOT_IN_SCHEMA } from "../../worker/openapi.js";
import { Contract, type Exchange } from "./contract.js";

const ORIGIN = "http://127.0.0.1:8787";
const KEY = "key-two";
const WORKERS = { open: {}, keyed: { API_KEYS: `key-one,${KEY}` } } as const;

const school = (id: string, ela = 40) => ({ id, level: "high", title1: "participating", subgroups: { ALL: { n: 50, ela, sel: 70 } } });
const teacher = (id: string, growth = 3) => ({ id, role: "teacher", school: "A", district: "Oakland", measures: { practice: 3, growth } });
const VALID: Record<OperationName, unknown> = {
  score: { year: 2014, schools: [school("A"), school("B", 60)] },
  scenarios: { schools: [school("A")], scenarios: [{ name: "base" }, { name: "academic", config: { domainWeights: { secc: 0 } } }] },
  // Twelve schools: enough for ela's nine cut points, so the answer has a list the document bounds.
  cutPoints: { schools: Array.from({ length: 12 }, (_, i) => school(`S${i}`, i + 1)) },
  educators: { educators: [teacher("T1"), teacher("T2", 1.5)] },
};
const OPS = Object.values(OPERATIONS);

interface Case {
  what: string;
  method: string;
  path: string;
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Settings added to the Worker's for this request. */
  env?: Record<string, string>;
  /** Send no key even to a keyed Worker. */
  noKey?: boolean;
}

const json = { "content-type": "application/json" };
const post = (path: string, body: unknown, status: number, what: string, extra: Partial<Case> = {}): Case => ({
  what,
  method: "POST",
  path,
  status,
  headers: json,
  body: typeof body === "string" ? body : JSON.stringify(body),
  ...extra,
});

function casesFor(keyed: boolean): Case[] {
  const cases: Case[] = [
    ...OPS.map((op) => post(op.path, VALID[op.name], 200, `${op.name}: a valid request`)),
    { what: "the default config", method: "GET", path: "/v1/config/default", status: 200 },
    { what: "health", method: "GET", path: "/health", status: 200 },
    { what: "the document", method: "GET", path: "/openapi.json", status: 200 },
    { what: "the docs page", method: "GET", path: "/docs", status: 200 },
    ...OPS.map((op) => post(op.path, {}, 400, `${op.name}: an empty object`)),
    post("/v1/score", '{"schools": [', 400, "malformed JSON"),
    post("/v1/score", "", 400, "an empty body"),
    ...OPS.map((op) => post(op.path, VALID[op.name], 413, `${op.name}: over the byte limit`, { env: { MAX_BODY_BYTES: "20" } })),
    post("/v1/score", VALID.score, 413, "over the school limit", { env: { MAX_SCHOOLS: "1" } }),
    ...OPS.map((op) => post(op.path, VALID[op.name], 415, `${op.name}: text/plain`, { headers: { "content-type": "text/plain" } })),
    post("/v1/score", VALID.score, 415, "charset=utf-16", { headers: { "content-type": "application/json; charset=utf-16" } }),
    post("/v1/score", VALID.score, 415, "gzip", { headers: { ...json, "content-encoding": "gzip" } }),
    { what: "an unknown path", method: "GET", path: "/v2/score", status: 404, noKey: true },
    { what: "an unknown /v1 path", method: "POST", path: "/v1/nothing", status: 404, noKey: true, headers: json, body: "{}" },
    { what: "GET on a POST route", method: "GET", path: "/v1/score", status: 405, noKey: true },
    { what: "POST on a GET route", method: "POST", path: "/health", status: 405, headers: json, body: "{}" },
    { what: "DELETE on the document", method: "DELETE", path: "/openapi.json", status: 405 },
  ];
  if (!keyed) return cases;
  const unkeyed = (c: Case, authorization?: string): Case => ({
    ...c,
    what: `${c.what}, Authorization ${authorization ?? "absent"}`,
    status: 401,
    noKey: true,
    headers: { ...c.headers, ...(authorization !== undefined && { authorization }) },
  });
  return [
    ...cases,
    ...cases.filter((c) => c.status === 200 && c.path.startsWith("/v1/")).map((c) => unkeyed(c)),
    ...["Basic a2V5LW9uZQ==", "Token key-one", "Bearer ", "Bearer key-one,key-two", "Bearer not-a-key"].map((h) => unkeyed(cases[0]!, h)),
  ];
}

async function exchange(app: ReturnType<typeof createApp>, env: Record<string, string>, c: Case): Promise<Exchange> {
  const headers = { ...c.headers, ...("API_KEYS" in env && !c.noKey && { authorization: `Bearer ${KEY}` }) };
  const response = await app.request(`${ORIGIN}${c.path}`, { method: c.method, headers, ...(c.body !== undefined && { body: c.body }) }, { ...env, ...c.env });
  const text = await response.text();
  return {
    method: c.method,
    path: c.path,
    request: { headers, ...(c.body !== undefined && { body: c.body }) },
    response: { status: response.status, headers: response.headers, text },
  };
}

afterEach(() => vi.restoreAllMocks());

describe.each(Object.entries(WORKERS))("a Worker %s against the document it serves", (_, env) => {
  const app = createApp();
  const seen = new Set<string>();
  let contract: Contract;
  const conforms = (ex: Exchange) => {
    seen.add(`${ex.method} ${ex.path} ${ex.response.status}`);
    return contract.check(ex);
  };

  it("serves a valid OpenAPI 3.1 document (checked against the official schema)", async () => {
    const response = await app.request(`${ORIGIN}/openapi.json`, {}, env);
    contract = await Contract.of(await response.json());
    expect(Object.keys(contract.document.paths).length).toBe(8);
  });

  it.each(casesFor("API_KEYS" in env).map((c) => [c.what, c] as const))("%s: the answer and the request agree with it", async (_, c) => {
    const ex = await exchange(app, env, c);
    expect(ex.response.status, ex.response.text.slice(0, 300)).toBe(c.status);
    expect(conforms(ex)).toEqual([]);
  });

  it("an unexpected failure: 500 in the documented Problem shape", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    // /v1/score answers through its streamed `json` (json-stream.ts); `run` fails too, so either path is the one error handler's.
    const score = OPERATIONS.score as Required<typeof OPERATIONS.score>;
    vi.spyOn(score, "run").mockRejectedValue(new TypeError("boom"));
    vi.spyOn(score, "json").mockRejectedValue(new TypeError("boom"));
    const ex = await exchange(app, env, post("/v1/score", VALID.score, 500, "a failing engine"));
    expect(ex.response.status).toBe(500);
    expect(conforms(ex)).toEqual([]);
  });

  it("the document is checked, not waved through: a wrong answer is caught", async () => {
    const good = await exchange(app, env, post("/v1/score", VALID.score, 200, "valid"));
    const body = JSON.parse(good.response.text) as { results: { index: unknown }[] };
    body.results[0]!.index = "high";
    expect(conforms({ ...good, response: { ...good.response, text: JSON.stringify(body) } })).toHaveLength(1);
    expect(conforms({ ...good, response: { ...good.response, status: 418 } })[0]).toContain("status not documented");
    const html = new Headers({ "content-type": "text/html" });
    expect(conforms({ ...good, response: { ...good.response, headers: html } })[0]).toContain('media type "text/html" not documented');
    const rejected = { ...good, request: { ...good.request, body: JSON.stringify({ schools: [{ id: "A" }] }) } };
    expect(conforms(rejected)[0]).toContain("the server accepted a request the document rejects");
  });

  it("lists every route's statuses, and each one was answered above (500 once, from the one error handler)", () => {
    const missing: string[] = [];
    for (const [path, item] of Object.entries(contract.document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const status of Object.keys(operation.responses)) {
          if (status === "500" && path !== "/v1/score") continue;
          if (!seen.has(`${method.toUpperCase()} ${path} ${status}`)) missing.push(`${method.toUpperCase()} ${path} ${status}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

/** A request the schema accepts that breaks the rule, per a fragment of each rule's text; scenarios get one scenario. */
const asFor = (name: OperationName, body: Record<string, unknown>) => (name === "scenarios" ? { scenarios: [{ name: "a" }], ...body } : body);
const RULE_BREAKERS: [string, (name: OperationName) => unknown][] = [
  ["each school `id` is unique", (name) => asFor(name, { schools: [school("A"), school("A")] })],
  ["`history` years are unique", (name) => asFor(name, { schools: [{ ...school("A"), history: [{ year: 2010 }, { year: 2010 }] }] })],
  ["`prior.year`", (name) => asFor(name, { year: 2014, schools: [{ ...school("A"), prior: { year: 2012, subgroups: { ALL: { n: 50 } } } }] })],
  ["`cutPoints` list never falls", (name) => asFor(name, { schools: [], config: { cutPoints: { ela: [1, 2, 3, 4, 6, 5, 7, 8, 9] } } })],
  ["`domainWeights.academic + domainWeights.secc` above 0", (name) => asFor(name, { schools: [], config: { domainWeights: { academic: 0, secc: 0 } } })],
  ["scenario names are unique", () => ({ schools: [], scenarios: [{ name: "a" }, { name: "a" }] })],
  ["each educator `id` is unique", () => ({ educators: [teacher("T1"), teacher("T1")] })],
  ["`cuts` rise", () => ({ config: { models: { Oakland: { model: "weighted", cuts: { highlyEffective: 2, effective: 3, developing: 1 } } } }, educators: [] })],
  ["at least 20%", () => ({ config: { models: { Oakland: { model: "weighted", weights: { growth: 0.01 } } } }, educators: [] })],
];

describe("the rules the document says its schemas cannot express", () => {
  let contract: Contract;
  it("are in each operation's description", async () => {
    contract = await Contract.of(await (await createApp().request(`${ORIGIN}/openapi.json`)).json());
    for (const op of OPS) {
      const description = (contract.document.paths[op.path]!.post as { description?: string }).description ?? "";
      for (const rule of RULES_NOT_IN_SCHEMA[op.name]) expect(description).toContain(rule);
    }
  });

  it.each(OPS.flatMap((op) => RULES_NOT_IN_SCHEMA[op.name].map((rule) => [op.name, rule, op] as const)))(
    "%s: %s — a request the schema accepts, answered 400",
    async (name, rule, op) => {
      const breaker = RULE_BREAKERS.find(([fragment]) => rule.includes(fragment));
      expect(breaker, `no request in RULE_BREAKERS breaks "${rule}"`).toBeDefined();
      const request = { headers: json, body: JSON.stringify(breaker![1](name)) };
      expect(contract.requestProblems("POST", op.path, request)).toEqual([]);
      const answer = await createApp().request(`${ORIGIN}${op.path}`, { method: "POST", ...request });
      expect(answer.status).toBe(400);
      const problems = ((await answer.json()) as { errors: { message: string }[] }).errors;
      expect(problems.length, JSON.stringify(problems)).toBe(1);
    },
  );
});
