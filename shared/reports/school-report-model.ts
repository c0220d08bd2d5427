// The school data report's model, types only: what a page or a sheet of one school's report holds.
// school-report.ts builds it, school-report-text.ts words it, and the renderers draw it.
import type { Config, School } from "../contract/requests.js";
import type { ScoreResponse } from "../contract/responses.js";
import type { Band, ChangeClass, Color, DesignationType, Indicator, Status, Subgroup } from "../core/model.js";

/** What a report is made from: a response, the request's schools (group values, history) and the config they were scored with. */
export interface ReportSource {
  response: ScoreResponse;
  schools: readonly School[];
  config: Config;
}

export interface ReportOptions {
  /** Blank every group under `suppressBelow` (N, values, levels) with "fewer than N students". */
  public?: boolean;
}

export interface IndicatorLine {
  code: Indicator;
  name: string;
  /** The indicator's column header ("ELA", "Chronic Absence"), for narrow tables. */
  short: string;
  domain: string;
  /** The ALL value as sent (null when missing, or withheld in a public report). */
  value: number | null;
  allLevel: number | null;
  /** Mean level of the accountable groups. */
  groupLevel: number | null;
  /** The combined level the index counts. */
  level: number | null;
  band: Band | null;
  weight: number;
  /** The weight's share of the index (weight ÷ the weights of the domains present): 0.2 is a fifth. */
  share: number;
  points: number;
  /** The ALL values that reach one, two and three levels more (null past 10). */
  next: [number | null, number | null, number | null];
  /** Index points one more level of the ALL result adds. */
  gain: number | null;
  /** Why there is no level: "no value", "fewer than 20 students". */
  missing: string | null;
  /** §13: the prior year's ALL value (as sent) and level, when the ALL result has a level in both years. */
  prior: { value: number; allLevel: number } | null;
  /** §13: ALL level now − prior. */
  change: number | null;
  /** §13: its place on the status × change grid and the colour there, codes with their labels. */
  performance: PerformanceLine | null;
}

export interface PerformanceLine {
  status: Status;
  change: ChangeClass;
  color: Color;
  statusLabel: string;
  changeLabel: string;
  colorLabel: string;
}

export interface TargetCell {
  code: "ela" | "math" | "grad";
  value: number | null;
  target: number;
  /** value − target (negative: below). */
  distance: number | null;
}

export interface GroupLine {
  code: Subgroup;
  name: string;
  /** Null when suppressed in a public report. */
  n: number | null;
  accountable: boolean;
  suppressed: boolean;
  /** "fewer than 11 students" (public, suppressed) or "under the minimum of 20: not counted". */
  note: string | null;
  academicLevel: number | null;
  /** §13: academic level now − prior year (null when not accountable in both, or suppressed). */
  academicChange: number | null;
  targets: TargetCell[];
  /** The group's own value and level per indicator it counts in (not the school-only ones). */
  results: Partial<Record<Indicator, { value: number; level: number | null; band: Band | null }>>;
  /** Flags in words, the below-target ones aside (the target cells show those). */
  flags: string[];
}

export interface SchoolReport {
  id: string;
  /** The school's name, or its id when it has none. */
  title: string;
  name: string | null;
  district: string | null;
  level: string;
  title1: string;
  run: { year: number | null; methodologyVersion: string; configHash: string };
  scored: boolean;
  /** Why a school has no index, or how it was scored without a domain. */
  statusNotes: string[];
  designation: {
    code: DesignationType;
    label: string;
    stage: string | null;
    yearsInStatus: number;
    /** "Focus school · year 3 · Reward partnership". */
    headline: string;
    /** The reasons in a few words ("Lowest index, graduation"); empty when not designated. */
    basis: string;
    /** Each reason as a sentence. */
    reasons: string[];
  };
  /** priorScore and change (§13) are null without a scored prior year. */
  index: { score: number; level: number; band: Band; bandLabel: string; priorScore: number | null; change: number | null } | null;
  domains: { label: string; weight: number; meanLevel: number }[];
  /** Every indicator that applies to the school's level, in §2 order. */
  indicators: IndicatorLine[];
  /** The targets that apply to the school's level (ELA, math, graduation), in that order. */
  targets: { code: "ela" | "math" | "grad"; label: string; target: number }[];
  /** Accountable groups first (ALL first), then the others, each in §1 order. */
  groups: GroupLine[];
  partner: string[];
  exit: ExitSection;
  /** Change since the prior year (§13): the status × change grid of the indicators. */
  change: ChangeSection;
  public: boolean;
  suppressBelow: number;
  /** Public, with ALL itself under suppressBelow: nothing of the school's results is shown but this. */
  withheld: string | null;
}

export interface ExitStep {
  code: Indicator;
  name: string;
  value: number;
  allLevel: number;
  nextValue: number;
  gain: number;
}

/** A group's result today and the value that reaches its next level. */
export interface GapResult {
  value: number;
  nextValue: number;
}

export interface ExitSection {
  /** The distance in a few words, for lists of schools ("2.5 index points"); null when nothing holds the school. */
  short: string | null;
  /** One sentence per rule that holds the school, or where it stands when nothing does. */
  lines: string[];
  /** The indicators whose next level would cover most of the index points needed, largest gain first. */
  steps: ExitStep[];
  stepsGain: number | null;
  /** What the steps add up to against the points needed, in words. */
  stepsNote: string | null;
  pointsNeeded: number | null;
  /** For Focus by the gap: the bottom group's ELA and math one level up. */
  gapGroups: { group: string; ela: GapResult | null; math: GapResult | null }[];
  notes: string[];
}

/** One indicator placed in a cell of the grid: "ELA 4 → 6" (its ALL level prior → now). */
export interface GridEntry {
  code: Indicator;
  text: string;
}

export interface GridCell {
  change: ChangeClass;
  color: Color;
  colorLabel: string;
  /** The school's indicators in this cell, §2 order. */
  entries: GridEntry[];
}

export interface ChangeSection {
  /** The year the school's results are compared with, when known (the prior's year, else the run's year − 1). */
  priorYear: number | null;
  /** "Change since 2013", or "Change since the prior year". */
  title: string;
  /** The index against the prior year's, in words; null without both scores. */
  index: string | null;
  /** What the grid shows, or, when there is no grid, why: one line. */
  note: string;
  /** What the rows and the columns measure, for their headings. */
  rowAxis: string;
  columnAxis: string;
  /** Change classes, most declined first, each with the level differences it takes ("−2 or more"). */
  columns: { code: ChangeClass; label: string; levels: string }[];
  /** Statuses, highest first, each with the levels it takes ("9–10"); empty when no indicator has a colour. */
  rows: { code: Status; label: string; levels: string; cells: GridCell[] }[];
}
