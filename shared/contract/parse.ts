// Request parsing shared by every endpoint: the zod shape, the merged config, and the checks that
// need the whole request (unique ids, history years). Every problem is reported in one go.
import type { z } from "zod";
import { type Parsed, type Problem, problemAt, problemsFromZod } from "../core/problems.js";
import { resolveConfig } from "./config.js";
import type { Config } from "./requests.js";
import { isValidSchool } from "./school-check.js";

export function parseRequest<T>(schema: z.ZodType<T>, body: unknown): Parsed<{ request: T; config: Config }> {
  const shape = safeParseFast(schema, body);
  const problems = shape.success ? [] : problemsFromZod(shape.error.issues, body);
  problems.push(...crossChecks(body));
  // A patch of the wrong shape is already among the request's problems; else report the merged config's.
  const config = resolveConfig([{ patch: (body as { config?: unknown } | null)?.config, at: ["config"] }], body);
  if (!config.ok && !problems.some((p) => p.path.startsWith("config"))) problems.push(...config.problems);
  if (problems.length > 0 || !shape.success || !config.ok) return { ok: false, problems };
  return { ok: true, value: { request: shape.data, config: config.value } };
}

/**
 * `schema.safeParse(body)`, faster for the common case: when every school passes `isValidSchool`
 * (which implies SchoolSchema accepts it unchanged), zod checks the rest of the request with an
 * empty school list and the schools are used as sent. Otherwise zod parses everything, so every
 * problem gets zod's message.
 */
function safeParseFast<T>(schema: z.ZodType<T>, body: unknown): ReturnType<z.ZodType<T>["safeParse"]> {
  const schools = (body as { schools?: unknown } | null)?.schools;
  if (!Array.isArray(schools) || !schools.every(isValidSchool)) return schema.safeParse(body);
  const rest = schema.safeParse({ ...(body as object), schools: [] });
  if (!rest.success) return schema.safeParse(body);
  return { success: true, data: { ...rest.data, schools } } as ReturnType<z.ZodType<T>["safeParse"]>;
}

/**
 * Unique school ids, and history years unique and before the request's year. Reads the raw body
 * defensively, so these problems are reported together with any shape problems.
 */
export function crossChecks(body: unknown): Problem[] {
  const problems: Problem[] = [];
  const { schools, year } = (body ?? {}) as { schools?: unknown; year?: unknown };
  if (!Array.isArray(schools)) return problems;
  const firstIndex = new Map<string, number>();
  schools.forEach((school: { id?: unknown; history?: unknown } | null, i) => {
    const id = school?.id;
    if (typeof id === "string") {
      const earlier = firstIndex.get(id);
      if (earlier === undefined) firstIndex.set(id, i);
      else problems.push(problemAt(["schools", i, "id"], body, `duplicate school id ${JSON.stringify(id)} (first at schools[${earlier}])`));
    }
    if (!Array.isArray(school?.history)) return;
    const years = new Set<number>();
    school.history.forEach((h: { year?: unknown } | null, j: number) => {
      const y = h?.year;
      if (typeof y !== "number") return;
      if (years.has(y)) problems.push(problemAt(["schools", i, "history", j, "year"], body, `history has ${y} twice`));
      years.add(y);
      if (typeof year === "number" && y >= year) {
        problems.push(problemAt(["schools", i, "history", j, "year"], body, `history year ${y} is not before the request year ${year}`));
      }
    });
  });
  return problems;
}
