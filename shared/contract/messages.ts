// How the contract words a problem: what was expected, and what arrived. Each schema of the
// contract builds its values with these helpers, so every message names the range or the choices
// and the value received, the way analysts read them next to their cells. Where a schema has no
// message of its own, the fallback below words the problem the same way: no zod default text
// ("Invalid input: expected array, received undefined") reaches a user.
// A namespace import, not `{ z }`: `{ z }` is zod's namespace as one value, which esbuild keeps
// whole (all its locales too); property reads on `* as z` let the task pane's bundle keep only what it uses.
import * as z from "zod";
import { UNKNOWN_FIELD } from "../core/problems.js";

/** A value as a message quotes it: text quoted and cut at 40 characters, a missing value as "nothing". */
export function describeValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (v === undefined) return "nothing";
  if (typeof v === "number" || typeof v === "boolean" || v === null) return String(v);
  return Array.isArray(v) ? "a list" : "an object";
}

/** How many items a list that is too long or too short has, for its message. */
export function listLength(v: unknown): string {
  return Array.isArray(v) ? String(v.length) : describeValue(v);
}

type IssueInput = { code?: string; input?: unknown };

/** A number in [min, max]; the message names the range and the value received. */
export function boundedNumber(min: number, max: number, what = "a number") {
  const expected = `expected ${what} from ${min} to ${max}`;
  const error = (iss: IssueInput) => `${expected}, got ${describeValue(iss.input)}`;
  return z.number({ error }).min(min, { error }).max(max, { error });
}

/** A whole number ≥ min, and ≤ max when there is one (a setting; student counts have no upper bound). */
export function wholeNumber(min: number, what = "a whole number", max?: number) {
  const expected = max === undefined ? `expected ${what} ≥ ${min}` : `expected ${what}: a whole number from ${min} to ${max}`;
  const error = (iss: IssueInput) => `${expected}, got ${describeValue(iss.input)}`;
  const atLeast = z.number({ error }).int({ error }).min(min, { error });
  return max === undefined ? atLeast : atLeast.max(max, { error });
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: (iss) => `expected one of ${values.join(", ")}, got ${describeValue(iss.input)}` });
}

/** For an object or list schema: says what was expected when something else arrived. */
export function expecting(what: string) {
  return { error: (iss: IssueInput) => (iss.code === "invalid_type" ? `expected ${what}, got ${describeValue(iss.input)}` : undefined) };
}

// ---------------------------------------------------------------- the fallback

/** Zod's names of the types it expected, as a sentence says them. */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "an object",
  record: "an object",
  array: "a list",
  null: "null",
  nonoptional: "a value",
};

/** "1 item", "2 items". */
const count = (n: number | bigint, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/** A limit of a too_small or too_big issue in words: `at least 1 item`, `a number ≤ 4`. */
function limitText(origin: string, bound: number | bigint, inclusive: boolean | undefined, side: "at least" | "at most"): string {
  if (origin === "array" || origin === "set") return `${side} ${count(bound, "item")}`;
  if (origin === "string") return `text of ${side} ${count(bound, "character")}`;
  return `a number ${side === "at least" ? (inclusive ? "≥" : ">") : inclusive ? "≤" : "<"} ${bound}`;
}

/**
 * The message of a problem whose schema has none: what was expected, and what arrived. Unknown keys
 * get UNKNOWN_FIELD, which problemsFromZod words per key (`unknown field "colour"`).
 */
export function fallbackMessage(issue: z.core.$ZodRawIssue): string {
  const got = `got ${issue.code === "too_small" || issue.code === "too_big" ? listLength(issue.input) : describeValue(issue.input)}`;
  switch (issue.code) {
    case "invalid_type":
      return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, ${got}`;
    case "invalid_value":
      return issue.values.length === 1 ? `expected ${JSON.stringify(issue.values[0])}, ${got}` : `expected one of ${issue.values.join(", ")}, ${got}`;
    case "too_small":
      return `expected ${limitText(issue.origin, issue.minimum as number | bigint, issue.inclusive, "at least")}, ${got}`;
    case "too_big":
      return `expected ${limitText(issue.origin, issue.maximum as number | bigint, issue.inclusive, "at most")}, ${got}`;
    case "unrecognized_keys":
      return UNKNOWN_FIELD;
    case "invalid_format":
      return `expected ${issue.format} text, ${got}`;
    case "not_multiple_of":
      return `expected a multiple of ${issue.divisor}, ${got}`;
    case "invalid_key":
      return `expected a different key than ${describeValue(issue.input)}`;
    default:
      // invalid_union, invalid_element, custom: the contract has no such schema without a message of its own.
      return `not an accepted value: ${got}`;
  }
}

// Set when the contract loads, for every schema built with it; a schema's own message comes first.
z.config({ customError: fallbackMessage });
