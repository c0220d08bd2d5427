// What designation reads of each school besides its score and gap — id order, Title I status, SIG,
// prior index, graduation rates, the designations of the years before — for the request's year.
// Read once from the schools' objects and histories into arrays, shared by every scenario.

import type { HistoryEntry, School } from "../contract/requests.js";
import { DESIGNATION_TYPES, type DesignationType, TITLE1_STATUSES } from "../core/model.js";

export interface SchoolFacts {
  schools: readonly School[];
  year: number | undefined;
  ids: string[];
  title1: string[];
  /** Position of each school's Title I status in TITLE1_STATUSES. */
  title1Position: Uint8Array;
  /** Each school's position in id order (ties keep input order): every ranking breaks ties on it. */
  idRank: Int32Array;
  sig: Uint8Array;
  /** The most recent prior index (§12 high-progress) and its year; NaN when there is none. */
  priorIndex: Float64Array;
  priorIndexYear: Float64Array;
  /** A high school's ALL graduation rate, and the prior year's from history, and that year; NaN when none. */
  gradNow: Float64Array;
  gradPrior: Float64Array;
  gradPriorYear: Float64Array;
  /**
   * The designation of the prior year's history entry (its position in DESIGNATION_TYPES; −1 when
   * there is none), and how many consecutive years back from the prior year carry it.
   */
  streakType: Int8Array;
  streakYears: Int32Array;
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The prior year is `year − 1`, or the most recent history entry when the request has no year. */
export function priorYear(history: readonly HistoryEntry[] | undefined, year?: number): number | null {
  if (year !== undefined) return year - 1;
  if (!history || history.length === 0) return null;
  return Math.max(...history.map((h) => h.year));
}

/** 1 + the consecutive most-recent prior years with the same designation; a missing year breaks it. */
export function yearsIn(type: DesignationType, history: readonly HistoryEntry[] | undefined, year?: number): number {
  let y = priorYear(history, year);
  let years = 1;
  while (y !== null) {
    const entry = history?.find((h) => h.year === y);
    if (!entry || entry.designation !== type) break;
    years++;
    y--;
  }
  return years;
}

/** yearsIn(type, the school's history, year), from the facts. */
export function yearsInStatus(facts: SchoolFacts, s: number, type: number): number {
  return facts.streakType[s] === type ? 1 + facts.streakYears[s]! : 1;
}

export function schoolFacts(schools: readonly School[], year?: number): SchoolFacts {
  const count = schools.length;
  const facts: SchoolFacts = {
    schools,
    year,
    ids: schools.map((school) => school.id),
    title1: schools.map((school) => school.title1),
    title1Position: Uint8Array.from(schools, (school) => TITLE1_STATUSES.indexOf(school.title1)),
    idRank: new Int32Array(count),
    sig: new Uint8Array(count),
    priorIndex: new Float64Array(count).fill(Number.NaN),
    priorIndexYear: new Float64Array(count).fill(Number.NaN),
    gradNow: new Float64Array(count).fill(Number.NaN),
    gradPrior: new Float64Array(count).fill(Number.NaN),
    gradPriorYear: new Float64Array(count).fill(Number.NaN),
    streakType: new Int8Array(count).fill(-1),
    streakYears: new Int32Array(count),
  };
  const byId = Array.from({ length: count }, (_, s) => s).sort((a, b) => compareIds(facts.ids[a]!, facts.ids[b]!) || a - b);
  for (const [rank, s] of byId.entries()) facts.idRank[s] = rank;
  schools.forEach((school, s) => {
    if (school.sig) facts.sig[s] = 1;
    const { history } = school;
    // The most recent prior index, before `year` when the request names one.
    for (const h of history ?? []) {
      if (h.index == null || (year !== undefined && h.year >= year)) continue;
      if (Number.isNaN(facts.priorIndexYear[s]!) || h.year > facts.priorIndexYear[s]!) {
        facts.priorIndex[s] = h.index;
        facts.priorIndexYear[s] = h.year;
      }
    }
    const py = priorYear(history, year);
    const now = school.subgroups.ALL.grad;
    if (school.level === "high" && now != null) {
      facts.gradNow[s] = now;
      facts.gradPrior[s] = history?.find((h) => h.year === py)?.gradRate ?? Number.NaN;
      facts.gradPriorYear[s] = py ?? Number.NaN;
    }
    const streak = py === null ? undefined : history?.find((h) => h.year === py)?.designation;
    if (streak != null) {
      facts.streakType[s] = DESIGNATION_TYPES.indexOf(streak);
      facts.streakYears[s] = yearsIn(streak, history, year) - 1;
    }
  });
  return facts;
}
