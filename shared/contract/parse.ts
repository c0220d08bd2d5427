// The one parse pipeline of every operation: the zod shape, the checks that need the whole request
// (unique ids and names, history years) and the config the operation runs with. All three read the
// raw body, so every problem is found and reported in one go, even when the shape is wrong; the
// answer lists the first MAX_PROBLEMS of them and counts the rest (api.md "Errors").
//
// However many problems a body has, finding them must not fail. Zod's object parser appends a
// field's issues with `issues.push(...fieldIssues)`, one call argument per issue, so a list field
// with ~120,000 issues (20,000 schools, 7 bad values each) overflows the call stack in workerd,
// where zod cannot compile its faster parser: a RangeError, a 500. So each list of records is
// parsed on its own (its issues are gathered one record at a time), and every other list, and the
// district models, has a maximum checked before its items (history, pool, cut points, scenarios,
// config.models).
import * as z from "zod";
import { type Parsed, type Problem, problemAt, problemsFromZod, pushAll, rejected } from "../core/problems.js";
import { resolveConfig } from "./config.js";
import { type Config, MAX_HISTORY } from "./requests.js";
import { everyItem, isValidSchool } from "./school-check.js";

/** What an operation's request is checked against. */
export interface RequestParser<T, C> {
  /** A JSON object's schema (zod strictObject). */
  schema: z.ZodType<T>;
  /** Problems zod cannot see in one value alone. Must read the raw body defensively: it may be any JSON. */
  crossChecks: (body: unknown) => Problem[];
  /** The resolved config, from the raw body. Its problems may repeat the shape's: the list is deduplicated. */
  config: (body: unknown) => Parsed<C>;
}

/** Shape, cross checks and config, all of them computed; the problems in that order, each once, the first MAX_PROBLEMS listed. */
export function parseWith<T, C>(parser: RequestParser<T, C>, body: unknown): Parsed<{ request: T; config: C }> {
  const shape = parseShape(parser.schema, body);
  const config = parser.config(body);
  const problems = uniqueProblems([shape.problems, parser.crossChecks(body), config.ok ? [] : config.problems]);
  if (problems.length > 0 || shape.data === undefined || !config.ok) return rejected(problems);
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
function uniqueProblems(lists: readonly Problem[][]): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const list of lists) {
    for (const p of list) {
      const key = `${p.path}\u0000${p.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}

// ---------------------------------------------------------------- the shape

type Shape<T> = { data?: T; problems: Problem[] };

/**
 * `schema.safeParse(body)` as problems, with each list field (`schools`, `educators`, `scenarios`)
 * parsed on its own and the rest of the object without it; the problems come in zod's order (field
 * by field, unknown fields last), so the answer is the same as one parse would give. Schools that
 * pass `isValidSchool` (which implies SchoolSchema accepts them unchanged) are used as sent: zod
 * costs several times JSON.parse on a large valid request, and its messages are only needed for
 * the schools that are not valid.
 */
function parseShape<T>(schema: z.ZodType<T>, body: unknown): Shape<T> {
  const lists = schema instanceof z.ZodObject && isPlainObject(body) ? Object.keys(schema.shape).filter((key) => Array.isArray(body[key])) : [];
  if (lists.length === 0) {
    const whole = schema.safeParse(body);
    return whole.success ? { data: whole.data, problems: [] } : { problems: problemsFromZod(whole.error.issues, body) };
  }
  const object = schema as unknown as z.ZodObject;
  const record = body as Record<string, unknown>;
  const rest = withoutFields(object, lists).safeParse(Object.fromEntries(Object.entries(record).filter(([key]) => !lists.includes(key))));
  const restIssues = rest.success ? [] : rest.error.issues;
  const problems: Problem[] = [];
  const data: Record<string, unknown> = {};
  let valid = rest.success;
  for (const key of Object.keys(object.shape)) {
    if (lists.includes(key)) {
      const list = record[key] as unknown[];
      if (key === "schools" && everyItem(list, isValidSchool)) {
        data[key] = list;
        continue;
      }
      const parsed = object.shape[key]!.safeParse(list);
      if (parsed.success) data[key] = parsed.data;
      else {
        valid = false;
        pushAll(problems, problemsFromZod(parsed.error.issues, body, [key]));
      }
      continue;
    }
    pushAll(
      problems,
      problemsFromZod(
        restIssues.filter((issue) => issue.path[0] === key),
        body,
      ),
    );
    if (rest.success && Object.hasOwn(rest.data, key)) data[key] = (rest.data as Record<string, unknown>)[key];
  }
  // Unknown fields: zod reports them after the known ones.
  pushAll(
    problems,
    problemsFromZod(
      restIssues.filter((issue) => issue.path.length === 0),
      body,
    ),
  );
  return valid ? { data: data as T, problems } : { problems };
}

const OMITTED = new WeakMap<z.ZodObject, Map<string, z.ZodObject>>();

/** The object schema without these fields, built once per schema and set of fields. */
function withoutFields(schema: z.ZodObject, fields: readonly string[]): z.ZodObject {
  const key = fields.join("\u0000");
  const bySet = OMITTED.get(schema) ?? new Map<string, z.ZodObject>();
  OMITTED.set(schema, bySet);
  const omitted = bySet.get(key) ?? schema.omit(Object.fromEntries(fields.map((f) => [f, true])) as Record<string, true> & Record<number, never>);
  bySet.set(key, omitted);
  return omitted;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Unique school ids, history years unique and before the request's year, the prior year the one before it. Reads the raw body
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
    // §13: the prior year is the year before the one scored.
    const priorYear = (school as { prior?: { year?: unknown } } | null)?.prior?.year;
    if (isYear(year) && isYear(priorYear) && priorYear !== year - 1) {
      problems.push(
        problemAt(["schools", i, "prior", "year"], body, `prior year ${priorYear} is not the year before the request year ${year} (expected ${year - 1})`),
      );
    }
    // Over its maximum, a history is one problem of the shape, and its entries are not checked.
    if (!Array.isArray(school?.history) || school.history.length > MAX_HISTORY) return;
    const years = new Set<number>();
    school.history.forEach((h: { year?: unknown } | null, j: number) => {
      const y = h?.year;
      if (typeof y !== "number") return;
      if (years.has(y)) problems.push(problemAt(["schools", i, "history", j, "year"], body, `history has ${y} twice`));
      years.add(y);
      // Only years that are years: a bad one is a shape problem already, and comparing it says nothing more.
      if (isYear(year) && isYear(y) && y >= year) {
        problems.push(problemAt(["schools", i, "history", j, "year"], body, `history year ${y} is not before the request year ${year}`));
      }
    });
  });
  return problems;
}

const isYear = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 1900;

/**
 * A text field that must be unique in a list of the body (`scenarios[].name`, `educators[].id`):
 * one problem at each repeat, with the index of the first. Reads the raw body defensively. A list
 * longer than `max` is already a problem of the shape, whose items are not checked; nor are they here.
 */
export function duplicatesIn(body: unknown, list: string, field: string, message: (value: string, first: number) => string, max = Infinity): Problem[] {
  const items = (body as Record<string, unknown> | null)?.[list];
  if (!Array.isArray(items) || items.length > max) return [];
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
