// `npm run soak`: 1,000 mixed requests, 8 at a time, against the Worker under `wrangler dev` — valid
// and invalid bodies, malformed JSON, wrong content types, too many schools, GET routes — each
// checked against the answer it must get; then the server's memory before and after the run.
// `npm run soak -- --hostile [--total 10000]`: the hostile mix instead (issue 9): names that are
// Object.prototype's (`__proto__`, `toString`…) as ids, districts, schools and config keys, numbers
// far out of range, floods of problems, other charsets and compressed bodies. Both report 5xx
// answers and whether workerd restarted (its process ids before and after). Exit code 1 on any
// unexpected answer. Deterministic: case i is built from seed i. Loopback only, bounded in count and time.
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import type { ScoreRequest } from "../../shared/contract/requests.js";
import { generateConsortium } from "../../shared/samples/consortium.js";
import { Random } from "../../shared/samples/random.js";
import { freePort, startWranglerDev } from "../dev/wrangler-dev.js";
import { type Memory, serverMemory, workerdGone } from "./workerd-memory.js";

const ARGS = parseArgs({ options: { hostile: { type: "boolean" }, total: { type: "string" } } }).values;
const HOSTILE = ARGS.hostile === true;
const TOTAL = Math.min(20_000, Math.max(1, Number(ARGS.total ?? (HOSTILE ? 10_000 : 1000)) || 1000));
const CONCURRENCY = 8;
const MAX_SCHOOLS = 200; // set on the Worker, so that 201 schools must be refused with 413
const REQUEST_TIMEOUT_MS = 30_000;
const DEADLINE_MS = HOSTILE ? 900_000 : 240_000; // no new request after this; unsent ones count as unexpected
const SHOW_UNEXPECTED = 5;
const PROBLEM_JSON = "application/problem+json"; // api.md: the one error shape, for every status

interface Case {
  kind: Kind;
  method: "GET" | "POST";
  path: string;
  contentType?: string;
  body?: string;
  expect: number;
  /** For POST /v1/score answered 200: how many results the answer must hold. */
  schools?: number;
  /** For POST /v1/educators/score answered 200: how many results the answer must hold. */
  educators?: number;
  contentEncoding?: string;
  /** A 400 that must say it lists only part of the problems (`more`). */
  flood?: boolean;
}

interface Outcome {
  status: number | "error";
  /** Why the answer was not the expected one; null when it was. */
  unexpected: string | null;
}

// ---------------------------------------------------------------- the cases

/** How often each kind of request is sent, out of 100. */
const MIX = {
  valid: 40,
  outOfRange: 9,
  unknownField: 8,
  duplicateIds: 8,
  malformedJson: 8,
  emptyBody: 3,
  wrongType: 7,
  tooManySchools: 4,
  get: 13,
} as const;
/** The hostile mix (issue 9), out of 100. */
const HOSTILE_MIX = {
  namesAsData: 30,
  protoConfigKey: 12,
  hugeNumbers: 12,
  tinyNumbers: 8,
  flood: 10,
  otherCharset: 8,
  compressed: 8,
  educatorNames: 12,
} as const;
type Kind = keyof typeof MIX | keyof typeof HOSTILE_MIX;

/** Caller-chosen text that is also a property of every object: data, never the program's. */
const NAMES = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty"] as const;

const POST_PATHS = ["/v1/score", "/v1/scenarios", "/v1/cut-points"] as const;
type PostPath = (typeof POST_PATHS)[number];

const GETS: readonly [string, number][] = [
  ["/health", 200],
  ["/v1/config/default", 200],
  ["/openapi.json", 200],
  ["/docs", 200],
  ["/v1/no-such-route", 404],
  ["/v1/score", 405], // a POST route asked with GET
];

function consortium(rng: Random, min: number, max: number): ScoreRequest {
  return generateConsortium({ schools: rng.int(min, max), seed: rng.int(1, 1_000_000), year: 2014 });
}

/** A body each route accepts for these schools (cut-points takes no year; scenarios needs scenarios). */
function bodyFor(path: PostPath, request: ScoreRequest): object {
  if (path === "/v1/cut-points") return { schools: request.schools };
  if (path === "/v1/scenarios") return { ...request, scenarios: [{ name: "baseline" }, { name: "minN 30", config: { minN: 30 } }] };
  return request;
}

function post(kind: Kind, path: PostPath, body: string, expect: number, extra: Partial<Case> = {}): Case {
  return { kind, method: "POST", path, contentType: "application/json", body, expect, ...extra };
}

/** One school value out of range; each is something an analyst's file could really contain. */
function breakValue(rng: Random, request: ScoreRequest): void {
  const all = rng.pick(request.schools).subgroups.ALL;
  const mutations = [() => (all.ela = 140), () => (all.n = -3), () => (all.growth = 0), () => (all.chronicAbsence = 100.5)];
  rng.pick(mutations)();
}

function hostileCase(rng: Random, i: number): Case {
  const kind = rng.weighted(HOSTILE_MIX);
  const path = rng.pick(POST_PATHS);
  switch (kind) {
    case "namesAsData": {
      // Ids, names and districts named like Object.prototype's members: scored like any others.
      const request = consortium(rng, 2, 30);
      request.schools.forEach((s, k) => {
        const name = NAMES[(k + i) % NAMES.length]!;
        Object.assign(s, { id: k < NAMES.length ? name : `${name}-${k}`, name, district: rng.pick(NAMES) });
      });
      const schools = path === "/v1/score" ? request.schools.length : undefined;
      return post(kind, path, JSON.stringify(bodyFor(path, request)), 200, { schools });
    }
    case "protoConfigKey": {
      // A key the config does not have, spelled as a prototype's: refused by name, never ignored.
      const request = consortium(rng, 1, 10);
      const where = rng.pick([
        '{"indicatorWeights":{"elementary":{"__proto__":2}}}',
        '{"cutPoints":{"constructor":[1,2,3,4,5,6,7,8,9]}}',
        '{"targets":{"__proto__":{"ela":50}}}',
        '{"__proto__":{"minN":1}}',
      ]);
      const text = JSON.stringify(bodyFor(path, request)).replace(/^\{/, `{"config":${where},`);
      return post(kind, path, text, 400);
    }
    case "hugeNumbers": {
      const request = consortium(rng, 1, 10);
      const config = rng.pick([
        { indicatorWeights: { elementary: { ela: 1e308 } } },
        { minN: 1e308 },
        { domainWeights: { academic: 1e300, secc: 1 } },
        { partnerCapacity: 2 ** 53 },
      ]);
      return post(kind, path, JSON.stringify({ ...bodyFor(path, request), config }), 400);
    }
    case "tinyNumbers": {
      const request = consortium(rng, 1, 10);
      const config = rng.pick([
        { indicatorWeights: { elementary: { ela: 5e-324, math: 5e-324 } } },
        { subgroupShare: -5e-324 },
        { designation: { priorityShare: 1e-320 } },
      ]);
      // 5e-324 weights are below the documented 0.000001; a subnormal share is still a share (0–1).
      const expect = "subgroupShare" in config ? 400 : "designation" in config ? 200 : 400;
      const schools = expect === 200 && path === "/v1/score" ? request.schools.length : undefined;
      return post(kind, path, JSON.stringify({ ...bodyFor(path, request), config }), expect, { schools });
    }
    case "flood": {
      // 200 schools × 7 bad values: 1,400 problems, a 400 that lists 1,000 and counts the rest.
      const request = generateConsortium({ schools: MAX_SCHOOLS, seed: i, year: 2014 });
      for (const school of request.schools) Object.assign(school.subgroups.ALL, { ela: 140, math: -1, growth: 0, grad: 101, sel: "x", climate: [], n: -1 });
      return post(kind, path, JSON.stringify(bodyFor(path, request)), 400, { flood: true });
    }
    case "otherCharset":
      return post(kind, path, JSON.stringify(bodyFor(path, consortium(rng, 1, 5))), 415, {
        contentType: rng.pick(["application/json; charset=utf-16", "application/json; charset=latin1", 'application/json; charset="UTF-32"']),
      });
    case "compressed":
      return post(kind, path, JSON.stringify(bodyFor(path, consortium(rng, 1, 5))), 415, { contentEncoding: rng.pick(["gzip", "br", "deflate"]) });
    case "educatorNames": {
      const educators = NAMES.flatMap((name, k) =>
        Array.from({ length: 3 }, (_, t) => ({
          id: `${name}-${t}`,
          role: t === 0 ? "principal" : "teacher",
          school: rng.pick(NAMES),
          district: NAMES[(k + i) % NAMES.length]!,
          measures: { practice: 3, growth: 2.5, goals: 3 },
        })),
      );
      const models = Object.fromEntries([[rng.pick(NAMES), { model: rng.pick(["weighted", "check"]) }]]);
      const body = JSON.stringify({ config: { models }, educators });
      return { kind, method: "POST", path: "/v1/educators/score", contentType: "application/json", body, expect: 200, educators: educators.length };
    }
  }
}

function buildCase(i: number): Case {
  const rng = new Random(i + 1);
  if (HOSTILE) return hostileCase(rng, i);
  const kind = rng.weighted(MIX);
  const path = rng.pick(POST_PATHS);
  switch (kind) {
    case "valid": {
      const request = consortium(rng, 1, 50);
      const schools = path === "/v1/score" ? request.schools.length : undefined;
      return post(kind, path, JSON.stringify(bodyFor(path, request)), 200, { schools });
    }
    case "outOfRange": {
      const request = consortium(rng, 1, 50);
      breakValue(rng, request);
      return post(kind, path, JSON.stringify(bodyFor(path, request)), 400);
    }
    case "unknownField": {
      const request = consortium(rng, 1, 50);
      Object.assign(rng.pick(request.schools), { colour: "blue" });
      return post(kind, path, JSON.stringify(bodyFor(path, request)), 400);
    }
    case "duplicateIds": {
      const request = consortium(rng, 2, 50);
      request.schools.at(-1)!.id = request.schools[0]!.id;
      return post(kind, path, JSON.stringify(bodyFor(path, request)), 400);
    }
    case "malformedJson": {
      // Any proper prefix of a JSON object is unfinished, so never valid JSON.
      const text = JSON.stringify(bodyFor(path, consortium(rng, 1, 5)));
      return post(kind, path, text.slice(0, rng.int(1, text.length - 1)), 400);
    }
    case "emptyBody":
      return post(kind, path, "", 400);
    case "wrongType": {
      const body = JSON.stringify(bodyFor(path, consortium(rng, 1, 5)));
      return post(kind, path, body, 415, { contentType: rng.pick(["text/plain", "application/x-www-form-urlencoded", "text/csv"]) });
    }
    case "tooManySchools":
      return post(kind, path, JSON.stringify(bodyFor(path, generateConsortium({ schools: MAX_SCHOOLS + 1, seed: i, year: 2014 }))), 413);
    case "get": {
      const [getPath, expect] = rng.pick(GETS);
      return { kind, method: "GET", path: getPath, expect };
    }
  }
}

// ---------------------------------------------------------------- sending and checking

async function send(base: string, c: Case): Promise<Outcome> {
  try {
    const headers: Record<string, string> = {};
    if (c.contentType) headers["content-type"] = c.contentType;
    if (c.contentEncoding) headers["content-encoding"] = c.contentEncoding;
    const response = await fetch(base + c.path, { method: c.method, headers, body: c.body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await response.text(); // read every answer whole, as a client would
    return { status: response.status, unexpected: check(c, response, text) };
  } catch (error) {
    return { status: "error", unexpected: `no answer: ${(error as Error).message}` };
  }
}

function check(c: Case, response: Response, text: string): string | null {
  if (response.status !== c.expect) return `expected ${c.expect}, got ${response.status}: ${text.slice(0, 160)}`;
  const type = response.headers.get("content-type") ?? "";
  if (response.status !== 200 && type.split(";")[0]!.trim() !== PROBLEM_JSON)
    return `a ${response.status} answered as ${type || "no content type"}, not ${PROBLEM_JSON}`;
  for (const [sent, what] of [
    [c.schools, "schools"],
    [c.educators, "educators"],
  ] as const) {
    if (sent === undefined) continue;
    const results = (JSON.parse(text) as { results?: unknown[] }).results;
    if (results?.length !== sent) return `sent ${sent} ${what}, got ${results?.length ?? "no"} results`;
  }
  if (c.flood) {
    const problem = JSON.parse(text) as { errors?: unknown[]; more?: number };
    if (problem.errors?.length !== 1000 || !(Number(problem.more) > 0))
      return `a flood answered ${problem.errors?.length ?? "no"} errors and more=${problem.more}`;
  }
  return null;
}

/** Cases 0…TOTAL−1 over CONCURRENCY lanes; each lane builds its next case only when it sends it. */
async function runAll(base: string): Promise<{ cases: Case[]; outcomes: Outcome[] }> {
  const cases: Case[] = [];
  const outcomes: Outcome[] = [];
  const deadline = Date.now() + DEADLINE_MS;
  let next = 0;
  const lane = async () => {
    while (next < TOTAL) {
      const i = next++;
      cases[i] = buildCase(i);
      outcomes[i] = Date.now() < deadline ? await send(base, cases[i]!) : { status: "error", unexpected: "not sent: the soak's deadline passed" };
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return { cases, outcomes };
}

// ---------------------------------------------------------------- report

const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`;

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return new Map([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

function report(cases: Case[], outcomes: Outcome[], elapsedMs: number, before: Memory[], after: Memory[]): number {
  // A workerd that crashed and was restarted has a new process id: every pid before must be there after.
  const restarts = before.filter((b) => !after.some((a) => a.pid === b.pid)).length + Math.max(0, after.length - before.length);
  const unexpected = outcomes.flatMap((o, i) => (o.unexpected ? [{ i, c: cases[i]!, why: o.unexpected }] : []));
  const serverErrors = outcomes.filter((o) => typeof o.status === "number" && o.status >= 500).length;
  const line = (label: string, value: string) => console.log(`${label.padEnd(20)}${value}`);
  const verdict = (n: number) => `${n}   (target 0)  ${n === 0 ? "PASS" : "MISS"}`;

  line("requests", String(outcomes.length));
  line("by status", [...countBy(outcomes, (o) => String(o.status))].map(([s, n]) => `${s}: ${n}`).join(" · "));
  line("by kind", [...countBy(cases, (c) => c.kind)].map(([k, n]) => `${k} ${n}`).join(" · "));
  line("by route", [...countBy(cases, (c) => `${c.method} ${c.path}`)].map(([r, n]) => `${r} ${n}`).join(" · "));
  line("unexpected answers", verdict(unexpected.length));
  for (const u of unexpected.slice(0, SHOW_UNEXPECTED)) console.log(`  #${u.i} ${u.c.kind} ${u.c.method} ${u.c.path}: ${u.why}`);
  line("5xx answers", verdict(serverErrors));
  line("workerd restarts", verdict(restarts));
  line("elapsed", `${(elapsedMs / 1000).toFixed(1)} s (${((outcomes.length / elapsedMs) * 1000).toFixed(1)} requests/s)`);
  for (const b of before) {
    const a = after.find((m) => m.pid === b.pid);
    const afterText = a ? `RSS ${mb(a.rssKb)}, peak (VmHWM) ${mb(a.hwmKb)}` : "gone";
    line(`workerd ${b.pid}`, `${b.role}: before: RSS ${mb(b.rssKb)}, peak (VmHWM) ${mb(b.hwmKb)} → after: ${afterText}`);
  }
  if (before.length === 0) line("workerd memory", "no workerd process found in wrangler's process group");
  return unexpected.length + serverErrors + restarts;
}

async function main(): Promise<void> {
  console.log(`Node ${process.version} · ${cpus()[0]?.model ?? "unknown CPU"} (${cpus().length} threads)`);
  const port = await freePort();
  const dev = await startWranglerDev({ port, vars: { MAX_SCHOOLS: String(MAX_SCHOOLS) } });
  const group = dev.process.pid!; // started detached: its own process group, which workerd inherits
  try {
    console.log(`soak${HOSTILE ? " (hostile)" : ""}: ${TOTAL} requests, ${CONCURRENCY} at a time, to ${dev.url} (MAX_SCHOOLS=${MAX_SCHOOLS})\n`);
    const before = serverMemory(group, port);
    const start = performance.now();
    const { cases, outcomes } = await runAll(dev.url);
    const elapsed = performance.now() - start;
    const unexpected = report(cases, outcomes, elapsed, before, serverMemory(group, port));
    process.exitCode = unexpected > 0 ? 1 : 0;
  } finally {
    await dev.stop();
    const gone = await workerdGone(group, 10_000);
    console.log(`${"after stop".padEnd(20)}${gone ? "wrangler and workerd exited" : `workerd STILL RUNNING in process group ${group} 10 s after stop`}`);
  }
}

await main();
