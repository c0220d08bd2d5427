// One synthetic school's data for the consortium generator (consortium.ts): its profile (level,
// Title I, poverty, a latent quality), student-group sizes, the indicator values it reports per
// group, and the invented prior years that escalation and high-progress Reward need. Values are
// spread across the default cut points so every index level occurs. Nothing here is real data.
import { DEFAULT_CONFIG } from "../contract/default-config.js";
import type { HistoryEntry, School, SubgroupResult } from "../contract/requests.js";
import { INDICATOR_INFO, type Indicator, type SchoolLevel, type Subgroup, type Title1Status } from "../core/model.js";
import { levelOf, scalesFor } from "../schools/levels.js";
import type { Random } from "./random.js";

/** The race/ethnicity student groups; a district's mix of them shapes its schools' group sizes. */
export type Race = "AA" | "AI" | "AS" | "FI" | "HI" | "PI" | "WH" | "MR";
export type RaceMix = Record<Race, number>;

// ---------------------------------------------------------------- school traits

const LEVEL_MIX: Record<SchoolLevel, number> = { elementary: 60, middle: 17, high: 15, span: 8 };
const TITLE1_MIX: Record<Title1Status, number> = { participating: 70, eligible: 10, none: 20 };

/** Tested students (ALL n) per level: grades 3–5 in elementary, 6–8 in middle, 9–11 in high. */
const TESTED_RANGE: Record<SchoolLevel, [number, number]> = {
  elementary: [300, 700],
  middle: [450, 1300],
  high: [800, 2500],
  span: [350, 1400],
};

const EL_RANGE: Record<SchoolLevel, [number, number]> = {
  elementary: [0.15, 0.4],
  middle: [0.1, 0.3],
  high: [0.1, 0.25],
  span: [0.1, 0.35],
};

/** Indicators that apply per level (§12 "which indicators apply"). */
const SECC_CODES = ["chronicAbsence", "suspension", "sel", "climate", "elRedesignation", "spedIdentification"] as const;
const APPLIES: Record<SchoolLevel, readonly Indicator[]> = {
  elementary: ["ela", "math", "growth", ...SECC_CODES],
  middle: ["ela", "math", "growth", "hsReady", ...SECC_CODES],
  high: ["ela", "math", "grad", ...SECC_CODES],
  span: ["ela", "math", "growth", "grad", "hsReady", ...SECC_CODES],
};

/** What the second pass (history) needs to know about a school beyond its data. */
export interface Traits {
  /** Latent school quality, about N(0, 1); drives every indicator. */
  quality: number;
  /** How wide this school's subgroup gaps are, relative to typical (log-normal around 1). */
  gapScale: number;
  /** A Title I high school with a graduation rate under 60% this year and the two before. */
  lowGrad: boolean;
}

export interface Profile {
  level: SchoolLevel;
  title1: Title1Status;
  sed: number;
  traits: Traits;
}

export function drawProfile(rng: Random): Profile {
  const level = rng.weighted(LEVEL_MIX);
  const title1 = rng.weighted(TITLE1_MIX);
  // Title I participation follows poverty; CORE schools are mostly high-poverty.
  const sed = title1 === "participating" ? rng.uniform(0.65, 0.95) : title1 === "eligible" ? rng.uniform(0.5, 0.75) : rng.uniform(0.5, 0.65);
  const quality = rng.normal(0, 0.85) - 2.2 * (sed - 0.75);
  const gapScale = Math.exp(rng.normal(0, 0.35));
  const lowGrad = level === "high" && title1 === "participating" && rng.chance(0.04);
  return { level, title1, sed, traits: { quality, gapScale, lowGrad } };
}

/** Tested students, skewed towards the small end of the level's range. */
export function drawAllN(rng: Random, level: SchoolLevel): number {
  const [lo, hi] = TESTED_RANGE[level];
  return Math.round(lo + (hi - lo) * rng.next() ** 1.4);
}

/** Students per group: race shares vary a lot school to school around the district's mix. */
export function drawGroupSizes(rng: Random, allN: number, mix: RaceMix, profile: Profile): Partial<Record<Subgroup, number>> {
  const races = Object.keys(mix) as Race[];
  const raw = races.map((race) => mix[race] * Math.exp(rng.normal(0, 0.7)));
  const total = raw.reduce((a, b) => a + b, 0);
  const sizes: Partial<Record<Subgroup, number>> = {};
  races.forEach((race, i) => {
    sizes[race] = Math.round((raw[i]! / total) * allN);
  });
  sizes.SED = Math.round(profile.sed * allN);
  sizes.EL = Math.round(rng.uniform(...EL_RANGE[profile.level]) * allN);
  sizes.SWD = Math.round(Math.min(0.2, Math.max(0.05, rng.normal(0.11, 0.025))) * allN);
  sizes.FY = Math.round(rng.uniform(0.002, 0.015) * allN);
  sizes.HOM = Math.round(rng.uniform(0.005, 0.05) * allN);
  return sizes;
}

// ---------------------------------------------------------------- indicator values

/**
 * Typical gap from the school's ALL value, in points of the indicator, per group. Academic gaps
 * follow California's pattern (Asian, Filipino and White students above; students with
 * disabilities, English learners and foster youth far below); absence and suspension run the
 * other way for the same groups.
 */
const GAPS: Record<"academic" | "absence" | "suspension" | "survey", Partial<Record<Subgroup, number>>> = {
  academic: { AA: -14, AI: -8, AS: 22, FI: 14, HI: -5, PI: -8, WH: 18, MR: 6, SED: -6, EL: -20, SWD: -26, FY: -22, HOM: -14 },
  absence: { AA: 6, AI: 5, AS: -4, FI: -3, HI: 1, PI: 4, WH: -2, MR: 1, SED: 2, EL: -1, SWD: 6, FY: 12, HOM: 10 },
  suspension: { AA: 4, AI: 2, AS: -1.5, FI: -1, HI: 0, PI: 2, WH: -1, MR: 0.5, SED: 0.8, EL: -0.3, SWD: 3.5, FY: 7, HOM: 4 },
  survey: { AS: 1, WH: 1, SWD: -3, FY: -4, HOM: -3 },
};

/** Which gap table an indicator uses, and how strongly (growth gaps are small by construction). */
const GAP_SOURCE: Partial<Record<Indicator, [keyof typeof GAPS, number]>> = {
  ela: ["academic", 1],
  math: ["academic", 1.1],
  grad: ["academic", 0.5],
  hsReady: ["academic", 0.8],
  growth: ["academic", 0.2],
  chronicAbsence: ["absence", 1],
  suspension: ["suspension", 1],
  sel: ["survey", 1],
  climate: ["survey", 1],
};

const SCALES = scalesFor(DEFAULT_CONFIG);

/**
 * Centre and spread of a school's ALL value (or of its logarithm), read off the default cut points
 * so that the first and last cut points sit near the 10th and 90th percentiles: every level occurs.
 */
function distributionOf(code: Indicator, logScale = false): { mean: number; sd: number } {
  const cuts = DEFAULT_CONFIG.cutPoints[code];
  const c1 = logScale ? Math.log(cuts[0]!) : cuts[0]!;
  const c9 = logScale ? Math.log(cuts[8]!) : cuts[8]!;
  return { mean: (c1 + c9) / 2, sd: (c9 - c1) / 2.56 };
}

function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** The school's ALL value: mostly quality, partly the indicator's own noise. */
function allValue(rng: Random, code: Indicator, traits: Traits, level: SchoolLevel): number {
  const { min, max, better } = INDICATOR_INFO[code];
  if (code === "grad" && traits.lowGrad && level === "high") return round1(rng.uniform(42, 59.5));
  if (better === "closer") {
    // Distance from the reference, half-normal so most schools sit within a few points of it.
    const distance = Math.abs(rng.normal(0, 4));
    return round1(clamp(DEFAULT_CONFIG.spedReference + (rng.chance(0.5) ? distance : -distance), min, max));
  }
  const signal = 0.85 * traits.quality + 0.53 * rng.normal();
  if (better === "lower") {
    // Absence and suspension rates are right-skewed: normal on the log scale, better schools lower.
    const { mean, sd } = distributionOf(code, true);
    return round1(clamp(Math.exp(mean - sd * signal), min, max));
  }
  const { mean, sd } = distributionOf(code);
  return round1(clamp(mean + sd * signal, min, max));
}

/**
 * A group's value: the ALL value shifted by the group's typical gap (wider or narrower in this
 * school), then observed on the group's n students, so small groups are noisy as real ones are.
 */
function groupValue(rng: Random, code: Indicator, group: Subgroup, n: number, all: number, traits: Traits): number {
  const { min, max } = INDICATOR_INFO[code];
  const [table, weight] = GAP_SOURCE[code] ?? ["survey", 0];
  const shift = (GAPS[table][group] ?? 0) * weight * traits.gapScale;
  if (code === "growth") {
    const truth = all + shift + rng.normal(0, 3);
    return round1(clamp(truth + rng.normal(0, 25 / Math.sqrt(n)), min, max));
  }
  const p = clamp(all + shift + rng.normal(0, 4), 0.5, 99.5) / 100;
  return round1((100 * binomial(rng, n, p)) / n);
}

/** Normal approximation of a binomial draw: how many of n students meet a standard of rate p. */
function binomial(rng: Random, n: number, p: number): number {
  return clamp(Math.round(n * p + Math.sqrt(n * p * (1 - p)) * rng.normal()), 0, n);
}

const MISSING_VALUE = 0.02;
const MISSING_SECC_DOMAIN = 0.003;
const MISSING_ACADEMIC_DOMAIN = 0.001;

/** Which indicators this school reports at all: a few lack a whole domain (unscored path). */
export function reportedIndicators(rng: Random, level: SchoolLevel): Indicator[] {
  const codes = APPLIES[level];
  const r = rng.next();
  if (r < MISSING_SECC_DOMAIN) return codes.filter((c) => INDICATOR_INFO[c].domain !== "secc"); // no surveys, no absence data
  if (r < MISSING_SECC_DOMAIN + MISSING_ACADEMIC_DOMAIN) return codes.filter((c) => INDICATOR_INFO[c].domain !== "academic"); // new school, no tests yet
  return [...codes];
}

export function buildSubgroups(rng: Random, profile: Profile, sizes: Partial<Record<Subgroup, number>>, allN: number, codes: Indicator[]): School["subgroups"] {
  const all: SubgroupResult = { n: allN };
  for (const code of codes) {
    if (code === "elRedesignation" && !sizes.EL) continue; // no English learners, nothing to redesignate
    const value = allValue(rng, code, profile.traits, profile.level);
    if (!rng.chance(MISSING_VALUE)) all[code] = value;
  }
  const subgroups: School["subgroups"] = { ALL: all };
  for (const [group, n] of Object.entries(sizes) as [Subgroup, number][]) {
    if (n <= 0) continue;
    const result: SubgroupResult = { n };
    for (const code of codes) {
      const base = all[code];
      // School-only indicators live on ALL alone; a value missing on ALL is missing everywhere.
      if (INDICATOR_INFO[code].schoolOnly || base == null || rng.chance(MISSING_VALUE)) continue;
      result[code] = groupValue(rng, code, group, n, base, profile.traits);
    }
    subgroups[group] = result;
  }
  return subgroups;
}

/** SIG schools were the persistently lowest achieving Title I schools. */
export function isSig(rng: Random, profile: Profile): boolean {
  return profile.title1 === "participating" && profile.traits.quality < -0.9 && rng.chance(0.08);
}

// ---------------------------------------------------------------- history

/**
 * A rough index from the ALL values alone (levels with the default weights), used only to place
 * the invented prior years near where the engine will score this year.
 */
export function estimateIndex(school: School): number {
  const all = school.subgroups.ALL;
  const levels = { academic: [] as number[], secc: [] as number[] };
  for (const code of APPLIES[school.level]) {
    const value = all[code];
    if (value != null) levels[INDICATOR_INFO[code].domain].push(levelOf(SCALES[code], value));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const { academic, secc } = DEFAULT_CONFIG.domainWeights;
  if (levels.academic.length === 0 && levels.secc.length === 0) return 50;
  if (levels.secc.length === 0) return 10 * mean(levels.academic);
  if (levels.academic.length === 0) return 10 * mean(levels.secc);
  return (10 * (academic * mean(levels.academic) + secc * mean(levels.secc))) / (academic + secc);
}

type PriorDesignation = NonNullable<HistoryEntry["designation"]>;

/**
 * Last year's designation and the year before's. Runs are what escalation needs: some Priority
 * and Focus schools carry two prior years in the same status (years in status 3).
 */
function priorDesignations(rng: Random, school: School, traits: Traits, percentile: number): [PriorDesignation, PriorDesignation] {
  if (school.title1 !== "participating") return ["none", "none"];
  const run = (type: PriorDesignation, p1: number, p2: number): [PriorDesignation, PriorDesignation] => {
    if (!rng.chance(p1)) return ["none", rng.chance(0.02) ? type : "none"];
    return [type, rng.chance(p2) ? type : "none"];
  };
  if (school.sig) return run("priority", 0.8, 0.8);
  if (percentile < 0.07) return run("priority", 0.6, 0.6);
  if (traits.gapScale > 1.4) return run("focus", 0.45, 0.6);
  if (percentile > 0.88) return run("reward", 0.3, 0.4);
  return rng.chance(0.03) ? ["focus", "none"] : ["none", "none"];
}

/** Most schools move a point or two a year; a few jump, so high-progress Reward has candidates. */
function drawGain(rng: Random): number {
  const r = rng.next();
  if (r < 0.06) return rng.uniform(8, 18);
  if (r < 0.09) return -rng.uniform(4, 10);
  return rng.normal(1, 3);
}

function priorGradRate(rng: Random, school: School, traits: Traits): number | undefined {
  if (school.level !== "high") return undefined;
  if (traits.lowGrad) return round1(rng.uniform(40, 59.5));
  const current = school.subgroups.ALL.grad ?? distributionOf("grad").mean;
  return round1(clamp(current + rng.normal(-0.8, 2.5), 0, 100));
}

export function buildHistory(rng: Random, school: School, traits: Traits, percentile: number, year: number): HistoryEntry[] {
  const designations = priorDesignations(rng, school, traits, percentile);
  const last = clamp(estimateIndex(school) - drawGain(rng), 10, 100);
  const before = clamp(last - rng.normal(0.8, 3), 10, 100);
  return [before, last].map((index, i) => {
    const entry: HistoryEntry = { year: year - 2 + i, index: round1(index), designation: designations[1 - i]! };
    const gradRate = priorGradRate(rng, school, traits);
    if (gradRate !== undefined) entry.gradRate = gradRate;
    return entry;
  });
}

/** Each participating school's place in the Title I pool by estimated index (0 = lowest). */
export function poolPercentiles(schools: School[]): Map<string, number> {
  const pool = schools.filter((s) => s.title1 === "participating").map((s) => ({ id: s.id, index: estimateIndex(s) }));
  pool.sort((a, b) => a.index - b.index || (a.id < b.id ? -1 : 1));
  return new Map(pool.map((s, rank) => [s.id, rank / Math.max(1, pool.length)]));
}
