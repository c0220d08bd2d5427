// One shape for every input problem, whichever door it came through (api.md "Errors").
import type { z } from "zod";

export interface Problem {
  /** Where, as a path into the request: `schools[3].subgroups.HI.ela`. */
  path: string;
  /** The school the problem belongs to, when there is one. */
  schoolId?: string;
  message: string;
}

/**
 * A value, or why there is none. `total` is there when the list was cut at MAX_PROBLEMS: how many
 * problems were found in all (the list holds the first ones).
 */
export type Parsed<T> = { ok: true; value: T } | Rejected;
export type Rejected = { ok: false; problems: Problem[]; total?: number };

/**
 * Appends problems one by one. Not `into.push(...more)`: a spread passes each item as a call
 * argument, and ~120,000 of them overflow the stack (the flood of issue 9 answered 500 that way).
 */
export function pushAll(into: Problem[], more: readonly Problem[]): void {
  for (const problem of more) into.push(problem);
}

/** A 400 lists every problem up to this many, then says how many more there were (api.md "Errors"). */
export const MAX_PROBLEMS = 1000;

/** The answer to a request with these problems: the first MAX_PROBLEMS, and the total when there were more. */
export function rejected(problems: Problem[]): Rejected {
  if (problems.length <= MAX_PROBLEMS) return { ok: false, problems };
  return { ok: false, problems: problems.slice(0, MAX_PROBLEMS), total: problems.length };
}

/** How many problems a rejection found but does not list. */
export function unlisted(rejection: Rejected): number {
  return (rejection.total ?? rejection.problems.length) - rejection.problems.length;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Turns zod issues into problems, naming the school of any `schools[i]` path. */
export function problemsFromZod(issues: readonly z.core.$ZodIssue[], input: unknown, prefix: PropertyKey[] = []): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    const message = issue.message;
    if (issue.code === "unrecognized_keys") {
      // One problem per unknown key, so each can point at its own cell or field.
      for (const key of issue.keys) out.push(problemAt([...path, key], input, unknownKeyMessage(message, key)));
      continue;
    }
    out.push(problemAt(path, input, message));
  }
  return out;
}

/** What the contract's fallback wording says of an unknown key; it names the key here, one problem per key. */
export const UNKNOWN_FIELD = "unknown field";

/** `unknown field "colour"`; a schema's own wording (`unknown student group; expected one of …`) gets the key appended. */
function unknownKeyMessage(message: string, key: string): string {
  return message.startsWith("unknown") && message !== UNKNOWN_FIELD ? `${message} (got ${JSON.stringify(key)})` : `${UNKNOWN_FIELD} ${JSON.stringify(key)}`;
}

export function problemAt(path: readonly PropertyKey[], input: unknown, message: string): Problem {
  const problem: Problem = { path: formatPath(path), message };
  const schoolId = schoolIdAt(path, input);
  if (schoolId !== undefined) problem.schoolId = schoolId;
  return problem;
}

function schoolIdAt(path: readonly PropertyKey[], input: unknown): string | undefined {
  if (path[0] !== "schools" || typeof path[1] !== "number") return undefined;
  const schools = (input as { schools?: unknown } | null)?.schools;
  if (!Array.isArray(schools)) return undefined;
  const id = (schools[path[1]] as { id?: unknown } | null)?.id;
  return typeof id === "string" || typeof id === "number" ? String(id) : undefined;
}
