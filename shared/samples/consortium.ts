// A synthetic CORE consortium: schools shaped like the eight districts' real ones (sizes, levels,
// Title I mix, student groups, typical achievement gaps), with values spread across the default cut
// points so every index level occurs. Deterministic from a seed, so examples and benchmarks are
// reproducible. Nothing here is real student data.
import { DEFAULT_CONFIG } from "../contract/default-config.js";
import type { HistoryEntry, School, ScoreRequest, SubgroupResult } from "../contract/requests.js";
import { INDICATOR_INFO, type Indicator, type SchoolLevel, type Subgroup, type Title1Status } from "../core/model.js";
import { levelOf, scalesFor } from "../schools/levels.js";

export interface ConsortiumOptions {
  schools: number;
  /** District names; by default the eight CORE districts, plus synthetic ones for large requests. */
  districts?: string[];
  seed?: number;
  /** The scored year (spring of the school year); history covers the two years before. */
  year?: number;
}

/** The checked-in example and the benchmark's statewide request. */
export const SAMPLE_OPTIONS = { schools: 1500, seed: 2014, year: 2014 } as const;
export const STATEWIDE_OPTIONS = { schools: 10_000, seed: 20_140, year: 2014 } as const;
/** Where the statewide request is kept (tmp/ is git-ignored: ~20 MB, regenerated on demand). */
export const STATEWIDE_JSON = "tmp/statewide.json";

// ---------------------------------------------------------------- seeded randomness

/** mulberry32: tiny, fast and good enough for test data; the same seed gives the same stream. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  int(min: number, max: number): number {
    return Math.floor(this.uniform(min, max + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Box–Muller; one draw per call keeps the stream easy to reason about. */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next(); // (0, 1], so the log is finite
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A key drawn with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [key, w] of entries) {
      r -= w;
      if (r < 0) return key;
    }
    return entries.at(-1)![0];
  }
}

// ---------------------------------------------------------------- districts

type Race = "AA" | "AI" | "AS" | "FI" | "HI" | "PI" | "WH" | "MR";
type RaceMix = Record<Race, number>;

interface DistrictProfile {
  name: string;
  /** County (2) + district (5) digits of the CDS code; school ids extend it. */
  cds: string;
  /** Roughly how many schools the district ran around 2013–14. */
  schools: number;
  /** Enrollment shares by race/ethnicity, in percent (roughly the district's 2013–14 mix). */
  mix: RaceMix;
}

const CORE_DISTRICTS: readonly DistrictProfile[] = [
  { name: "Fresno Unified", cds: "1062166", schools: 100, mix: { AA: 9, AI: 0.6, AS: 12, FI: 0.5, HI: 66, PI: 0.2, WH: 10, MR: 1.7 } },
  { name: "Long Beach Unified", cds: "1964725", schools: 85, mix: { AA: 14, AI: 0.3, AS: 8, FI: 3, HI: 55, PI: 1.5, WH: 15, MR: 3 } },
  { name: "Los Angeles Unified", cds: "1964733", schools: 880, mix: { AA: 9, AI: 0.4, AS: 4, FI: 2, HI: 74, PI: 0.4, WH: 9, MR: 1.2 } },
  { name: "Oakland Unified", cds: "0161259", schools: 90, mix: { AA: 30, AI: 0.4, AS: 13, FI: 0.8, HI: 41, PI: 1.1, WH: 10, MR: 3.7 } },
  { name: "Sacramento City Unified", cds: "3467439", schools: 80, mix: { AA: 17, AI: 0.7, AS: 18, FI: 1, HI: 38, PI: 2, WH: 18, MR: 5 } },
  { name: "San Francisco Unified", cds: "3868478", schools: 115, mix: { AA: 9, AI: 0.4, AS: 40, FI: 5, HI: 27, PI: 0.8, WH: 12, MR: 5.8 } },
  { name: "Santa Ana Unified", cds: "3066670", schools: 57, mix: { AA: 0.6, AI: 0.1, AS: 2.5, FI: 0.3, HI: 93, PI: 0.2, WH: 2.9, MR: 0.4 } },
  { name: "Sanger Unified", cds: "1062414", schools: 20, mix: { AA: 1, AI: 0.5, AS: 7, FI: 0.5, HI: 79, PI: 0.1, WH: 11, MR: 0.9 } },
];

const CORE_TOTAL = CORE_DISTRICTS.reduce((sum, d) => sum + d.schools, 0);
const GENERIC_MIX: RaceMix = { AA: 7, AI: 0.6, AS: 10, FI: 3, HI: 52, PI: 0.6, WH: 24, MR: 3 };

const PLACES = [
  "Alder Creek",
  "Arroyo Verde",
  "Bayshore",
  "Bear Valley",
  "Cedar Grove",
  "Coastline",
  "Del Oro",
  "Eastfield",
  "El Camino",
  "Fairview",
  "Foothill",
  "Golden Plains",
  "Harbor View",
  "Hillcrest",
  "Kings River",
  "Lakeside",
  "Las Palmas",
  "Live Oak",
  "Madrone",
  "Mesa Vista",
  "Mission Valley",
  "Monte Alto",
  "North Ridge",
  "Oak Park",
  "Pacific Bluffs",
  "Palo Seco",
  "Pine Hollow",
  "Rancho Seco",
  "Redwood Flats",
  "Rio Bravo",
  "Riverbend",
  "Sage Hills",
  "San Benito Valley",
  "Sierra Vista",
  "Silver Lake",
  "Sunnyslope",
  "Tierra Linda",
  "Valle Grande",
  "Westbrook",
  "Willow Glen",
];

/** Splits `total` in proportion to the weights; the largest remainder keeps the sum exact. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    counts[i]!++;
  }
  return counts;
}

const QUARTERS = ["", " North", " South", " East", " West", " Central"];

/** "Riverbend Unified", then "Riverbend North Unified"…, numbered once the combinations run out. */
function syntheticName(index: number): string {
  const place = PLACES[index % PLACES.length]!;
  const round = Math.floor(index / PLACES.length);
  const quarter = QUARTERS[round % QUARTERS.length]!;
  const number = round >= QUARTERS.length ? ` ${Math.floor(round / QUARTERS.length) + 1}` : "";
  return `${place}${quarter}${number} Unified`;
}

function syntheticDistrict(index: number, rng: Random): DistrictProfile {
  const name = syntheticName(index);
  const county = String(1 + ((index * 7) % 58)).padStart(2, "0");
  const mix = { ...GENERIC_MIX };
  for (const race of Object.keys(mix) as Race[]) mix[race] *= Math.exp(rng.normal(0, 0.6));
  // Long-tailed sizes, as in the state: many districts of a few dozen schools, some much larger.
  const schools = Math.max(8, Math.round(Math.exp(rng.normal(3.4, 0.8))));
  return { name, cds: county + String(70000 + index * 13).padStart(5, "0"), schools, mix };
}

/**
 * The districts and how many schools each gets. Up to 1.5× the consortium's real size the eight
 * CORE districts are scaled; beyond that they keep their real size and synthetic districts take
 * the rest (a statewide run).
 */
function planDistricts(total: number, rng: Random, names?: string[]): { profile: DistrictProfile; count: number }[] {
  let profiles: DistrictProfile[];
  if (names && names.length > 0) {
    // A CORE name ("Oakland" or "Oakland Unified") brings its real size and mix; others get a typical one.
    const average = CORE_TOTAL / CORE_DISTRICTS.length;
    profiles = names.map((name, i) => {
      const core = CORE_DISTRICTS.find((d) => d.name === name || d.name.startsWith(`${name} `));
      return { ...(core ?? { ...syntheticDistrict(i, rng), schools: average }), name };
    });
  } else if (total <= CORE_TOTAL * 1.5) {
    profiles = [...CORE_DISTRICTS];
  } else {
    profiles = [...CORE_DISTRICTS];
    let planned = CORE_TOTAL;
    for (let i = 0; planned < total; i++) {
      const extra = syntheticDistrict(i, rng);
      profiles.push(extra);
      planned += extra.schools;
    }
  }
  const counts = apportion(
    total,
    profiles.map((p) => p.schools),
  );
  return profiles.map((profile, i) => ({ profile, count: counts[i]! }));
}

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
interface Traits {
  /** Latent school quality, about N(0, 1); drives every indicator. */
  quality: number;
  /** How wide this school's subgroup gaps are, relative to typical (log-normal around 1). */
  gapScale: number;
  /** A Title I high school with a graduation rate under 60% this year and the two before. */
  lowGrad: boolean;
}

interface Profile {
  level: SchoolLevel;
  title1: Title1Status;
  sed: number;
  traits: Traits;
}

function drawProfile(rng: Random): Profile {
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
function drawAllN(rng: Random, level: SchoolLevel): number {
  const [lo, hi] = TESTED_RANGE[level];
  return Math.round(lo + (hi - lo) * rng.next() ** 1.4);
}

/** Students per group: race shares vary a lot school to school around the district's mix. */
function drawGroupSizes(rng: Random, allN: number, mix: RaceMix, profile: Profile): Partial<Record<Subgroup, number>> {
  const races = Object.keys(mix) as Race[];
  const raw = races.map((race) => mix[race] * Math.exp(rng.normal(0, 0.7)));
  const total = raw.reduce((a, b) => a + b, 0);
  const sizes: Partial<Record<Subgroup, number>> = {};
  races.forEach((race, i) => (sizes[race] = Math.round((raw[i]! / total) * allN)));
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
function reportedIndicators(rng: Random, level: SchoolLevel): Indicator[] {
  const codes = APPLIES[level];
  const r = rng.next();
  if (r < MISSING_SECC_DOMAIN) return codes.filter((c) => INDICATOR_INFO[c].domain !== "secc"); // no surveys, no absence data
  if (r < MISSING_SECC_DOMAIN + MISSING_ACADEMIC_DOMAIN) return codes.filter((c) => INDICATOR_INFO[c].domain !== "academic"); // new school, no tests yet
  return [...codes];
}

function buildSubgroups(rng: Random, profile: Profile, sizes: Partial<Record<Subgroup, number>>, allN: number, codes: Indicator[]): School["subgroups"] {
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

// ---------------------------------------------------------------- names and ids

const NAMESAKES = [
  "Lincoln",
  "Washington",
  "Roosevelt",
  "Jefferson",
  "Garfield",
  "Cesar Chavez",
  "Dolores Huerta",
  "Sequoia",
  "Madison",
  "Franklin",
  "Emerson",
  "Thoreau",
  "John Muir",
  "Sally Ride",
  "Harriet Tubman",
  "Frederick Douglass",
  "Malcolm X",
  "Rosa Parks",
  "Martin Luther King Jr.",
  "Hoover",
  "Grant",
  "Kennedy",
  "Marshall",
  "Stevenson",
  "Bret Harte",
  "Jack London",
  "Mark Twain",
  "Luther Burbank",
  "Juan Cabrillo",
  "Junipero Serra",
  "Fremont",
  "Carver",
  "Edison",
  "Whittier",
  "Longfellow",
  "Hawthorne",
  "Audubon",
  "Bancroft",
  "Cleveland",
  "Sutter",
  "Vista del Mar",
  "Rancho",
  "Mountain View",
  "Sunset",
  "Pacific",
  "Westlake",
  "Oak Grove",
  "Palm Crest",
  "Maple",
  "Sycamore",
  "Jacaranda",
  "Magnolia",
  "Willow",
  "Cypress",
  "Orchard",
  "Harbor",
];

const LEVEL_SUFFIX: Record<SchoolLevel, readonly string[]> = {
  elementary: ["Elementary", "Elementary", "Elementary", "Primary Center", "Academy"],
  middle: ["Middle", "Middle", "Junior High", "Academy"],
  high: ["High", "High", "Senior High", "Early College High"],
  span: ["K-8", "K-8 Academy", "K-12 Community", "Span School"],
};

function schoolName(rng: Random, level: SchoolLevel): string {
  return `${rng.pick(NAMESAKES)} ${rng.pick(LEVEL_SUFFIX[level])}`;
}

/** A CDS-style 14-digit code; the running number keeps ids unique across districts. */
function schoolId(district: DistrictProfile, sequence: number): string {
  return district.cds + String(6_000_000 + sequence).padStart(7, "0");
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

function buildHistory(rng: Random, school: School, traits: Traits, percentile: number, year: number): HistoryEntry[] {
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
function poolPercentiles(schools: School[]): Map<string, number> {
  const pool = schools.filter((s) => s.title1 === "participating").map((s) => ({ id: s.id, index: estimateIndex(s) }));
  pool.sort((a, b) => a.index - b.index || (a.id < b.id ? -1 : 1));
  return new Map(pool.map((s, rank) => [s.id, rank / Math.max(1, pool.length)]));
}

// ---------------------------------------------------------------- the consortium

/** SIG schools were the persistently lowest achieving Title I schools. */
function isSig(rng: Random, profile: Profile): boolean {
  return profile.title1 === "participating" && profile.traits.quality < -0.9 && rng.chance(0.08);
}

function generateSchool(rng: Random, district: DistrictProfile, sequence: number): { school: School; traits: Traits } {
  const profile = drawProfile(rng);
  const allN = drawAllN(rng, profile.level);
  const sizes = drawGroupSizes(rng, allN, district.mix, profile);
  const codes = reportedIndicators(rng, profile.level);
  const school: School = {
    id: schoolId(district, sequence),
    name: schoolName(rng, profile.level),
    district: district.name,
    level: profile.level,
    title1: profile.title1,
    subgroups: buildSubgroups(rng, profile, sizes, allN, codes),
  };
  if (isSig(rng, profile)) school.sig = true;
  return { school, traits: profile.traits };
}

export function generateConsortium(options: ConsortiumOptions): ScoreRequest {
  const rng = new Random(options.seed ?? 1);
  const year = options.year ?? 2014;
  const generated: { school: School; traits: Traits }[] = [];
  for (const { profile, count } of planDistricts(options.schools, rng, options.districts)) {
    for (let i = 0; i < count; i++) generated.push(generateSchool(rng, profile, generated.length + 1));
  }
  const percentiles = poolPercentiles(generated.map((g) => g.school));
  const schools = generated.map(({ school, traits }) => {
    const history = buildHistory(rng, school, traits, percentiles.get(school.id) ?? 0.5, year);
    // Key order as a person would read it: identity, then history, then results.
    const { subgroups, ...identity } = school;
    return { ...identity, history, subgroups };
  });
  return { year, schools };
}

/** One school per line: compact, yet a diff of the example file stays readable. */
export function formatRequestJson(request: ScoreRequest): string {
  const { schools, ...rest } = request;
  const head = JSON.stringify(rest).slice(0, -1);
  const lines = schools.map((s) => JSON.stringify(s));
  return `${head}${head.length > 1 ? "," : ""}"schools":[\n${lines.join(",\n")}\n]}\n`;
}

/** Rows of the long-format workbook: one per school × student group. */
export function countGroupRows(request: ScoreRequest): number {
  return request.schools.reduce((sum, s) => sum + Object.keys(s.subgroups).length, 0);
}
