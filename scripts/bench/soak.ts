// `npm run soak`: 1,000 mixed requests, 8 at a time, against the Worker under `wrangler dev` — valid
// and invalid bodies, malformed JSON, wrong content types, too many schools, GET routes — each
// checked against the answer it must get; then the server's memory before and after the run.
// Exit code 1 on any unexpected answer. Deterministic: case i is built from seed i.
import { readdirSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import type { ScoreRequest } from "../../shared/contract/requests.js";
import { generateConsortium } from "../../shared/samples/consortium.js";
import { Random } from "../../shared/samples/random.js";
import { freePort, startWranglerDev } from "../dev/wrangler-dev.js";

const TOTAL = 1000;
const CONCURRENCY = 8;
const MAX_SCHOOLS = 200; // set on the Worker, so that 201 schools must be refused with 413
const REQUEST_TIMEOUT_MS = 30_000;
const DEADLINE_MS = 240_000; // no new request after this; unsent ones count as unexpected
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
type Kind = keyof typeof MIX;

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

function buildCase(i: number): Case {
  const rng = new Random(i + 1);
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
    const headers = c.contentType ? { "content-type": c.contentType } : undefined;
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
  if (c.schools !== undefined) {
    const results = (JSON.parse(text) as { results?: unknown[] }).results;
    if (results?.length !== c.schools) return `sent ${c.schools} schools, got ${results?.length ?? "no"} results`;
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

// ---------------------------------------------------------------- server memory

interface Memory {
  pid: number;
  /** wrangler dev runs two: a proxy on the dev port, and the runtime that runs the Worker. */
  role: string;
  rssKb: number;
  hwmKb: number;
}

/**
 * The workerd processes of a wrangler dev: wrangler was started detached, so its pid is the id of a
 * process group that workerd (its descendant) inherits.
 */
function workerdPids(group: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited while we looked
    }
    // "pid (comm) state ppid pgrp …": comm may contain spaces, so split after its closing parenthesis.
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    const pgrp = Number(stat.slice(close + 2).split(" ")[2]);
    if (pgrp === group && comm === "workerd") pids.push(Number(entry));
  }
  return pids;
}

function memoryOf(pid: number, devPort: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  const onDevPort = readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(`--socket-addr=entry=127.0.0.1:${devPort}`);
  return { pid, role: onDevPort ? "proxy on the dev port" : "Worker runtime", rssKb: kb("VmRSS"), hwmKb: kb("VmHWM") };
}

function serverMemory(group: number, devPort: number): Memory[] {
  return workerdPids(group).flatMap((pid) => {
    try {
      return [memoryOf(pid, devPort)];
    } catch {
      return []; // exited while we looked: the report says "gone"
    }
  });
}

/** stop() returns when wrangler exits; workerd follows it a moment later. Polls, bounded in time. */
async function workerdGone(group: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (workerdPids(group).length > 0) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

// ---------------------------------------------------------------- report

const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`;

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return new Map([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

function report(cases: Case[], outcomes: Outcome[], elapsedMs: number, before: Memory[], after: Memory[]): number {
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
  line("elapsed", `${(elapsedMs / 1000).toFixed(1)} s (${((outcomes.length / elapsedMs) * 1000).toFixed(1)} requests/s)`);
  for (const b of before) {
    const a = after.find((m) => m.pid === b.pid);
    const afterText = a ? `RSS ${mb(a.rssKb)}, peak (VmHWM) ${mb(a.hwmKb)}` : "gone";
    line(`workerd ${b.pid}`, `${b.role}: before: RSS ${mb(b.rssKb)}, peak (VmHWM) ${mb(b.hwmKb)} → after: ${afterText}`);
  }
  if (before.length === 0) line("workerd memory", "no workerd process found in wrangler's process group");
  return unexpected.length;
}

async function main(): Promise<void> {
  console.log(`Node ${process.version} · ${cpus()[0]?.model ?? "unknown CPU"} (${cpus().length} threads)`);
  const port = await freePort();
  const dev = await startWranglerDev({ port, vars: { MAX_SCHOOLS: String(MAX_SCHOOLS) } });
  const group = dev.process.pid!; // started detached: its own process group, which workerd inherits
  try {
    console.log(`soak: ${TOTAL} requests, ${CONCURRENCY} at a time, to ${dev.url} (MAX_SCHOOLS=${MAX_SCHOOLS})\n`);
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
