// A quick yes/no check that a school is valid by SchoolSchema, without building anything.
//
// Zod validating 10,000 schools (140,000 student-group objects) costs several times JSON.parse;
// this check costs a fraction of it. It only ever says "valid" for input that SchoolSchema accepts
// unchanged (test/shared/school-check.test.ts checks that on random and mutated schools), so the
// parse can skip zod for valid schools and fall back to it — and its messages — for anything else.
// Keys are visited with for…in, which allocates nothing (Object.keys made an array per object) and
// sees every key Object.keys would, and inherited ones too: it can only say "not valid" more often.
import { DESIGNATION_TYPES, INDICATOR_INFO, INDICATORS, SCHOOL_LEVELS, SUBGROUPS, TITLE1_STATUSES } from "../core/model.js";

const RANGES = new Map<string, readonly [number, number]>(INDICATORS.map((code) => [code, [INDICATOR_INFO[code].min, INDICATOR_INFO[code].max]]));
const GROUPS = new Set<string>(SUBGROUPS);
const LEVELS = new Set<string>(SCHOOL_LEVELS);
const TITLE1 = new Set<string>(TITLE1_STATUSES);
const DESIGNATIONS = new Set<string>(DESIGNATION_TYPES);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function inRange(v: unknown, min: number, max: number): boolean {
  return typeof v === "number" && v >= min && v <= max; // NaN fails both comparisons
}

/** `{ n, ela?, … }`: n a whole number ≥ 0, each value absent, null or in its range, no other key. */
function isValidResult(r: unknown): boolean {
  if (!isRecord(r)) return false;
  let hasN = false;
  for (const key in r) {
    const v = r[key];
    if (key === "n") {
      if (!Number.isSafeInteger(v) || (v as number) < 0) return false;
      hasN = true;
      continue;
    }
    const range = RANGES.get(key);
    if (range === undefined) return false;
    if (v != null && !inRange(v, range[0], range[1])) return false;
  }
  return hasN;
}

function isValidHistoryEntry(h: unknown): boolean {
  if (!isRecord(h) || !Number.isSafeInteger(h.year) || (h.year as number) < 1900) return false;
  for (const key in h) {
    const v = h[key];
    if (key === "year") continue;
    if (key === "designation") {
      if (v != null && (typeof v !== "string" || !DESIGNATIONS.has(v))) return false;
    } else if (key === "index" || key === "gradRate") {
      if (v != null && !inRange(v, 0, 100)) return false;
    } else return false;
  }
  return true;
}

function isValidSubgroups(s: unknown): boolean {
  if (!isRecord(s) || s.ALL === undefined) return false;
  for (const key in s) {
    if (!GROUPS.has(key)) return false;
    const v = s[key];
    if (v === undefined ? key === "ALL" : !isValidResult(v)) return false;
  }
  return true;
}

/**
 * Array.prototype.every skips the holes of a sparse array, which zod reads as `undefined`: a list
 * built in JavaScript (local mode) with a hole must not pass as valid.
 */
export function everyItem(list: readonly unknown[], valid: (item: unknown) => boolean): boolean {
  for (let i = 0; i < list.length; i++) if (!valid(list[i])) return false;
  return true;
}

function isValidPrior(p: unknown): boolean {
  if (!isRecord(p) || !isValidSubgroups(p.subgroups)) return false;
  for (const key in p) {
    if (key === "subgroups") continue;
    if (key !== "year" || (p.year !== undefined && !(Number.isSafeInteger(p.year) && (p.year as number) >= 1900))) return false;
  }
  return true;
}

export function isValidSchool(s: unknown): boolean {
  if (!isRecord(s)) return false;
  if (typeof s.id !== "string" || s.id.length === 0) return false;
  if (typeof s.level !== "string" || !LEVELS.has(s.level)) return false;
  if (typeof s.title1 !== "string" || !TITLE1.has(s.title1)) return false;
  if (!isValidSubgroups(s.subgroups)) return false;
  for (const key in s) {
    const v = s[key];
    switch (key) {
      case "id":
      case "level":
      case "title1":
      case "subgroups":
        break;
      case "name":
      case "district":
        if (v !== undefined && typeof v !== "string") return false;
        break;
      case "sig":
        if (v !== undefined && typeof v !== "boolean") return false;
        break;
      case "prior":
        if (v !== undefined && !isValidPrior(v)) return false;
        break;
      case "history":
        if (v !== undefined && !(Array.isArray(v) && everyItem(v, isValidHistoryEntry))) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
