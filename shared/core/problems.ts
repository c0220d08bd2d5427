// One shape for every input problem, whichever door it came through (api.md "Errors").
import type { z } from "zod";

export interface Problem {
  /** Where, as a path into the request: `schools[3].subgroups.HI.ela`. */
  path: string;
  /** The school the problem belongs to, when there is one. */
  schoolId?: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

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

function unknownKeyMessage(message: string, key: string): string {
  return message.startsWith("unknown") ? `${message} (got ${JSON.stringify(key)})` : `unknown field ${JSON.stringify(key)}`;
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
