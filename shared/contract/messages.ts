// How the contract words a problem: what was expected, and what arrived. Each schema of the
// contract builds its values with these helpers, so every message names the range or the choices
// and the value received, the way analysts read them next to their cells.
// A namespace import, not `{ z }`: `{ z }` is zod's namespace as one value, which esbuild keeps
// whole (all its locales too); property reads on `* as z` let the task pane's bundle keep only what it uses.
import * as z from "zod";

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
