// The fixed vocabulary of the methodology (§1, §2): codes, their order, and what each indicator means.
// Orders here are part of the contract: ties "follow the order of §1's list" (§12).

export const METHODOLOGY_VERSION = "sqii-2013.1";

export const SCHOOL_LEVELS = ["elementary", "middle", "high", "span"] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];

export const TITLE1_STATUSES = ["participating", "eligible", "none"] as const;
export type Title1Status = (typeof TITLE1_STATUSES)[number];

/** Student groups in §1 order; ALL first. */
export const SUBGROUPS = ["ALL", "AA", "AI", "AS", "FI", "HI", "PI", "WH", "MR", "SED", "EL", "SWD", "FY", "HOM"] as const;
export type Subgroup = (typeof SUBGROUPS)[number];

export const SUBGROUP_NAMES: Record<Subgroup, string> = {
  ALL: "All Students",
  AA: "Black/African American",
  AI: "American Indian/Alaska Native",
  AS: "Asian",
  FI: "Filipino",
  HI: "Hispanic/Latino",
  PI: "Pacific Islander",
  WH: "White",
  MR: "Two or More Races",
  SED: "Socioeconomically Disadvantaged",
  EL: "English Learners",
  SWD: "Students with Disabilities",
  FY: "Foster Youth",
  HOM: "Homeless",
};

export const DOMAINS = ["academic", "secc"] as const;
export type Domain = (typeof DOMAINS)[number];

/** Indicators in §2 order. */
export const INDICATORS = [
  "ela",
  "math",
  "growth",
  "grad",
  "hsReady",
  "chronicAbsence",
  "suspension",
  "sel",
  "climate",
  "elRedesignation",
  "spedIdentification",
] as const;
export type Indicator = (typeof INDICATORS)[number];

export type Direction = "higher" | "lower" | "closer";

export interface IndicatorInfo {
  name: string;
  domain: Domain;
  better: Direction;
  /** Valid input range (inclusive). */
  min: number;
  max: number;
  /** Uses the ALL value alone, no subgroup share (§12 school-only indicators). */
  schoolOnly: boolean;
}

export const INDICATOR_INFO: Record<Indicator, IndicatorInfo> = {
  ela: { name: "ELA % met/exceeded", domain: "academic", better: "higher", min: 0, max: 100, schoolOnly: false },
  math: { name: "Math % met/exceeded", domain: "academic", better: "higher", min: 0, max: 100, schoolOnly: false },
  growth: { name: "Academic growth percentile", domain: "academic", better: "higher", min: 1, max: 99, schoolOnly: false },
  grad: { name: "Four-year graduation rate", domain: "academic", better: "higher", min: 0, max: 100, schoolOnly: false },
  hsReady: { name: "High-school readiness (grade 8)", domain: "academic", better: "higher", min: 0, max: 100, schoolOnly: false },
  chronicAbsence: { name: "Chronic absenteeism rate", domain: "secc", better: "lower", min: 0, max: 100, schoolOnly: false },
  suspension: { name: "Suspension/expulsion rate", domain: "secc", better: "lower", min: 0, max: 100, schoolOnly: false },
  sel: { name: "Social-emotional skills % favorable", domain: "secc", better: "higher", min: 0, max: 100, schoolOnly: false },
  climate: { name: "Culture-climate % favorable", domain: "secc", better: "higher", min: 0, max: 100, schoolOnly: false },
  elRedesignation: { name: "EL re-designation rate", domain: "secc", better: "higher", min: 0, max: 100, schoolOnly: true },
  spedIdentification: { name: "Special-education identification rate", domain: "secc", better: "closer", min: 0, max: 100, schoolOnly: true },
};

export const BANDS = ["belowAverage", "average", "aboveAverage"] as const;
export type Band = (typeof BANDS)[number];

export const DESIGNATION_TYPES = ["priority", "focus", "reward", "none"] as const;
export type DesignationType = (typeof DESIGNATION_TYPES)[number];

export const STAGES = ["communityOfPractice", "rewardPartnership", "districtTurnaround", "peerReview", "turnaroundPrinciples", "districtAction"] as const;
export type Stage = (typeof STAGES)[number];

/** §13: status of a current ALL level, lowest first. */
export const STATUSES = ["veryLow", "low", "medium", "high", "veryHigh"] as const;
export type Status = (typeof STATUSES)[number];

/** §13: change class of a level difference, most declined first. */
export const CHANGE_CLASSES = ["declinedSignificantly", "declined", "maintained", "increased", "increasedSignificantly"] as const;
export type ChangeClass = (typeof CHANGE_CLASSES)[number];

/** §13: the performance colours, lowest first (the order the summary counts them in). */
export const COLORS = ["red", "orange", "yellow", "green", "blue"] as const;
export type Color = (typeof COLORS)[number];

/** §13, §9: why a Reward school could take a partner for a subgroup. */
export const EVIDENCE = ["raised", "levelOnly"] as const;
export type Evidence = (typeof EVIDENCE)[number];
