// A synthetic CORE consortium: schools shaped like the eight districts' real ones (sizes, levels,
// Title I mix, student groups, typical achievement gaps), with values spread across the default cut
// points so every index level occurs. Deterministic from a seed, so examples and benchmarks are
// reproducible. Nothing here is real student data. This module plans the districts, names the
// schools and assembles the request; each school's data is drawn in school-data.ts, from the one
// seeded stream in random.ts (the order of draws is the reproducibility contract: keep it). The
// prior years (prior-year.ts) come from a second stream of the same seed, so asking for them
// leaves every school's data of the year scored as it was.
import type { School, ScoreRequest } from "../contract/requests.js";
import type { SchoolLevel } from "../core/model.js";
import { buildPrior } from "./prior-year.js";
import { Random } from "./random.js";
import {
  buildHistory,
  buildSubgroups,
  drawAllN,
  drawGroupSizes,
  drawProfile,
  isSig,
  poolPercentiles,
  type Race,
  type RaceMix,
  reportedIndicators,
  type Traits,
} from "./school-data.js";

export interface ConsortiumOptions {
  schools: number;
  /** District names; by default the eight CORE districts, plus synthetic ones for large requests. */
  districts?: string[];
  seed?: number;
  /** The scored year (spring of the school year); history covers the two years before. */
  year?: number;
  /**
   * The year before's results, each school's `prior` (methodology §13): `most` gives them to all
   * but a few schools (about 3%: new schools, or last year's results missing), `every` to every
   * school (benchmarks); `none` (the default) to none.
   */
  priors?: "none" | "most" | "every";
}

/** The checked-in example (with prior years) and the benchmark's statewide request (without; --prior for one with). */
export const SAMPLE_OPTIONS = { schools: 1500, seed: 2014, year: 2014, priors: "most" } as const;
/** The add-in template's sample: 40 schools, most with their prior year. */
export const TEMPLATE_SAMPLE_OPTIONS = { schools: 40, seed: 2014, year: 2014, priors: "most" } as const;
export const STATEWIDE_OPTIONS = { schools: 10_000, seed: 20_140, year: 2014 } as const;
/** The statewide request with a prior year for every school, for benchmarking §13. */
export const STATEWIDE_PRIOR_OPTIONS = { ...STATEWIDE_OPTIONS, priors: "every" } as const;
/** Where the statewide requests are kept (tmp/ is git-ignored: ~20 MB, ~40 MB with priors; regenerated on demand). */
export const STATEWIDE_JSON = "tmp/statewide.json";
export const STATEWIDE_PRIOR_JSON = "tmp/statewide-prior.json";
/** Of `priors: "most"`, the share of schools without a prior year. */
const WITHOUT_PRIOR = 0.03;

// ---------------------------------------------------------------- districts

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

// ---------------------------------------------------------------- the consortium

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
  // Its own stream, so that prior years change nothing else.
  const priorRng = new Random((options.seed ?? 1) ^ 0x5eed_9e37);
  const priors = options.priors ?? "none";
  const year = options.year ?? 2014;
  const generated: { school: School; traits: Traits }[] = [];
  for (const { profile, count } of planDistricts(options.schools, rng, options.districts)) {
    for (let i = 0; i < count; i++) generated.push(generateSchool(rng, profile, generated.length + 1));
  }
  const percentiles = poolPercentiles(generated.map((g) => g.school));
  const schools = generated.map(({ school, traits }) => {
    const history = buildHistory(rng, school, traits, percentiles.get(school.id) ?? 0.5, year);
    // Key order as a person would read it: identity, then history, then results, then last year's.
    const { subgroups, ...identity } = school;
    const withHistory: School = { ...identity, history, subgroups };
    if (priors === "none" || (priors === "most" && priorRng.chance(WITHOUT_PRIOR))) return withHistory;
    return { ...withHistory, prior: buildPrior(priorRng, withHistory, year) };
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

/** Rows of the long-format workbook: one per school × student group, of the year scored and of the prior year. */
export function countGroupRows(request: ScoreRequest): number {
  return request.schools.reduce((sum, s) => sum + Object.keys(s.subgroups).length + Object.keys(s.prior?.subgroups ?? {}).length, 0);
}
