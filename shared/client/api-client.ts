// Calls the scoring API, or runs the same engine in-process ("local mode", no network), and says
// what went wrong in terms a user can act on: fix these cells, retry, check the key. Uses only
// fetch, so the task pane and the command line share it.
import type { Problem } from "../core/problems.js";
import { type OperationName, operation, type ResponseOf } from "../operations.js";

export interface EngineSettings {
  /** `local`: the bundled engine; otherwise the API's base URL, e.g. http://127.0.0.1:8787. */
  endpoint: "local" | string;
  apiKey?: string;
  /** Requests give up after this long (default 30 s). */
  timeoutMs?: number;
}

export type Failure =
  /** The input has problems: show them, each at its cell. `total` when there were more than listed (api.md: the first 1,000). */
  | { kind: "invalid"; problems: Problem[]; total?: number }
  /** Worth retrying as it is: no answer, a timeout, or a server error. */
  | { kind: "network" | "timeout" | "server"; message: string; retry: true }
  /** Retrying the same request will not help: a refused key, a body over the limit… */
  | { kind: "refused"; message: string; retry: false };

export type Outcome<T> = { ok: true; value: T } | ({ ok: false } & Failure);

/** One operation of the registry (shared/operations.ts): on the API at its path, or run here in local mode. */
export async function callEngine<N extends OperationName>(name: N, body: unknown, settings: EngineSettings): Promise<Outcome<ResponseOf<N>>> {
  const op = operation(name);
  if (settings.endpoint === "local") {
    const parsed = await op.run(body);
    if (parsed.ok) return { ok: true, value: parsed.value };
    return { ok: false, kind: "invalid", problems: parsed.problems, ...(parsed.total !== undefined && { total: parsed.total }) };
  }
  const url = `${settings.endpoint.replace(/\/+$/, "")}${op.path}`;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`;
  const timeoutMs = settings.timeoutMs ?? 30_000;
  let response: Response;
  try {
    response = await fetch(url, { method: op.method, headers, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const errorName = (error as Error)?.name;
    if (errorName === "TimeoutError" || errorName === "AbortError") {
      return { ok: false, kind: "timeout", message: `no answer from ${settings.endpoint} within ${timeoutMs / 1000} s`, retry: true };
    }
    return { ok: false, kind: "network", message: `cannot reach ${settings.endpoint}: is it running, and is the address right?`, retry: true };
  }
  if (!response.ok) return failureOf(response, settings.endpoint);
  try {
    return { ok: true, value: (await response.json()) as ResponseOf<N> };
  } catch {
    // The answer is streamed: headers and a 200 go first, so a Worker stopped part way (its CPU
    // time or memory, error 1102) or a dropped connection leaves a cut answer, not an error page.
    return { ok: false, kind: "server", message: cutAnswerMessage(settings.endpoint), retry: true };
  }
}

/**
 * Cloudflare's own error page when a Worker runs past its CPU time or memory (error 1102): on the
 * free plan's 10 ms a request that is a few hundred schools (README, "CPU"). Sending it again does
 * not help, and splitting it would rank each part's pool apart; local scoring or the paid plan's
 * longer CPU time does.
 */
const RESOURCE_LIMIT = /\b1102\b[\s\S]*exceeded|exceeded resource limits/i;

const WAY_OUT =
  "On the free plan (10 ms of CPU a request) that happens above a few hundred schools. Sending fewer would change " +
  "the designations, which rank the whole pool: score locally (Local in the add-in's settings, or the command line " +
  "without --api), or run the Worker on the paid plan, which allows more CPU time.";

function resourceLimitMessage(endpoint: string): string {
  return `${endpoint} stopped: the Worker ran past Cloudflare's CPU time or memory limit for this request (error 1102). ${WAY_OUT}`;
}

function cutAnswerMessage(endpoint: string): string {
  return `the answer from ${endpoint} stopped part way: the connection dropped, or the Worker ran past Cloudflare's CPU time or memory limit while writing it. ${WAY_OUT}`;
}

async function failureOf(response: Response, endpoint: string): Promise<{ ok: false } & Failure> {
  const text = await response.text().catch(() => "");
  if (response.status >= 500 && RESOURCE_LIMIT.test(text)) return { ok: false, kind: "refused", message: resourceLimitMessage(endpoint), retry: false };
  let problem: { detail?: string; errors?: Problem[]; more?: unknown } = {};
  try {
    problem = JSON.parse(text) ?? {};
  } catch {
    // Not JSON (a proxy's or the platform's own page): the status says what there is to say.
  }
  const detail = problem.detail ?? response.statusText;
  if (response.status === 400 && Array.isArray(problem.errors)) {
    // `more`: how many problems the API found beyond the ones it lists.
    const more = typeof problem.more === "number" && problem.more > 0 ? problem.more : 0;
    return { ok: false, kind: "invalid", problems: problem.errors, ...(more > 0 && { total: problem.errors.length + more }) };
  }
  if (response.status >= 500) return { ok: false, kind: "server", message: `${endpoint} failed (${response.status}): ${detail}`, retry: true };
  if (response.status === 401) return { ok: false, kind: "refused", message: "the API refused the key: check the API key in settings", retry: false };
  return { ok: false, kind: "refused", message: `${endpoint} answered ${response.status}: ${detail}`, retry: false };
}
