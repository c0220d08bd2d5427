// The one parse pipeline of every operation: the zod shape, the checks that need the whole request
// (unique ids and names, history years) and the config the operation runs with. All three read the
// raw body, so every problem is found and reported in one go, even when the shape is wrong.
import type { z } from "zod";
import { type Parsed, type Problem, problemAt, problemsFromZod } from "../core/problems.js";
import { resolveConfig } from "./config.js";
import type { Config } from "./requests.js";
import { isValidSchool } from "./school-check.js";

/** What an operation's request is checked against. */
export interface RequestParser<T, C> {
  schema: z.ZodType<T>;
  /** Problems zod cannot see in one value alone. Must read the raw body defensively: it may be any JSON. */
  crossChecks: (body: unknown) => Problem[];
  /** The resolved config, from the raw body. Its problems may repeat the shape's: the list is deduplicated. */
  config: (body: unknown) => Parsed<C>;
}

/** Shape, cross checks and config, all of them computed; the problems in that order, each once. */
export function parseWith<T, C>(parser: RequestParser<T, C>, body: unknown): Parsed<{ request: T; config: C }> {
  const shape = safeParseFast(parser.schema, body);
  const config = parser.config(body);
  const problems = uniqueProblems([
    ...(shape.success ? [] : problemsFromZod(shape.error.issues, body)),
    ...parser.crossChecks(body),
    ...(config.ok ? [] : config.problems),
  ]);
  if (!shape.success || !config.ok || problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { request: shape.data, config: config.value } };
}

/** A request over schools with one config of its own (score, cut points). */
export function parseRequest<T>(schema: z.ZodType<T>, body: unknown): Parsed<{ request: T; config: Config }> {
  return parseWith({ schema, crossChecks, config: requestConfig }, body);
}

/** The request's `config` merged over the default. A patch of the wrong shape gives the same problems as the request's shape. */
export function requestConfig(body: unknown): Parsed<Config> {
  return resolveConfig([{ patch: (body as { config?: unknown } | null)?.config, at: ["config"] }], body);
}

/** Several checks can find the same thing (a bad top-level config, once per scenario): say it once. */
function uniqueProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * `schema.safeParse(body)`, faster for the common case: when every school passes `isValidSchool`
 * (which implies SchoolSchema accepts it unchanged), zod checks the rest of the request with an
 * empty school list and the schools are used as sent. Otherwise zod parses everything, so every
 * problem gets zod's message. A request without schools is simply parsed.
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

/**
 * A text field that must be unique in a list of the body (`scenarios[].name`, `educators[].id`):
 * one problem at each repeat, with the index of the first. Reads the raw body defensively.
 */
export function duplicatesIn(body: unknown, list: string, field: string, message: (value: string, first: number) => string): Problem[] {
  const items = (body as Record<string, unknown> | null)?.[list];
  if (!Array.isArray(items)) return [];
  const firstIndex = new Map<string, number>();
  const problems: Problem[] = [];
  items.forEach((item: Record<string, unknown> | null, i) => {
    const value = item?.[field];
    if (typeof value !== "string") return;
    const first = firstIndex.get(value);
    if (first === undefined) firstIndex.set(value, i);
    else problems.push(problemAt([list, i, field], body, message(value, first)));
  });
  return problems;
}
