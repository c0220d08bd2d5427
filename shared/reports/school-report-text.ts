// The school data report's sentences: a designation's reasons, the distance to exit and the partner
// in plain words, built from the numbers the engine gives (its own messages are for analysts), and
// the value an indicator needs for a level. Public reports never name a suppressed group's numbers.
import type { Config, School } from "../contract/requests.js";
import type { Partnerships, SchoolResult } from "../contract/responses.js";
import { INDICATOR_INFO, type Indicator, SUBGROUP_NAMES, type Subgroup } from "../core/model.js";
import { roundHalfAway } from "../core/numbers.js";
import { gradRates, priorIndex } from "../schools/designations.js";
import { type ExitDistance, type ExitRoute, gapSteps, type PoolView } from "../schools/exit-distance.js";
import { codeLabel } from "./report.js";
import type { ExitSection, ExitStep, GroupLine, IndicatorLine, SchoolReport } from "./school-report-model.js";

/** A number as a report prints it: at most `digits` decimals, no trailing zeros (5.666667 → 5.67). */
export function num(x: number, digits = 2): string {
  return String(roundHalfAway(x, digits));
}

/** A difference with its sign, to one decimal, minus as a typographic minus (−24.2, +3). */
export function signed(x: number): string {
  return x > 0 ? `+${num(x, 1)}` : num(x, 1).replace("-", "−");
}

/** An index score always with its one decimal (70 → 70.0). */
export function indexText(x: number): string {
  return roundHalfAway(x, 1).toFixed(1);
}

const ORDINAL_ENDINGS: Record<string, string> = { one: "st", two: "nd", few: "rd", other: "th" };
const ordinals = new Intl.PluralRules("en", { type: "ordinal" });
function ordinal(n: number): string {
  return `${n}${ORDINAL_ENDINGS[ordinals.select(n)]}`;
}

/** "1 level", "0.5 levels", "2 levels". */
function levels(x: number): string {
  return `${num(x)} ${x === 1 ? "level" : "levels"}`;
}

/** "3rd lowest", but "lowest" for the first. */
function rank(n: number, word: string): string {
  return n === 1 ? word : `${ordinal(n)} ${word}`;
}

function listOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * The ALL value that reaches a level `change` away (changeNeeded: signed, in the compared value).
 * For the SpEd identification rate the compared value is the distance from the reference, so the
 * value needed stays on the rate's side of it.
 */
export function valueNeeded(code: Indicator, value: number, change: number, config: Config): number {
  if (INDICATOR_INFO[code].better !== "closer") return roundHalfAway(value + change, 6);
  const reference = config.spedReference;
  const distance = Math.abs(value - reference) + change;
  return roundHalfAway(value >= reference ? reference + distance : reference - distance, 6);
}

const FLAG_LABELS: Record<string, string> = {
  newlyAccountable: "Newly accountable",
  "belowTarget:ela": "Below the ELA target",
  "belowTarget:math": "Below the math target",
  "belowTarget:grad": "Below the graduation target",
  gap: "Far behind the school",
};

export function flagLabel(flag: string): string {
  return FLAG_LABELS[flag] ?? codeLabel(flag);
}

const percent = (share: number) => `${num(share * 100)}%`;

/** The groups at one end of the gap with their academic levels, or null when one of them is suppressed. */
function gapEnd(codes: readonly Subgroup[], groups: readonly GroupLine[]): string | null {
  const lines = codes.map((code) => groups.find((g) => g.code === code));
  if (lines.some((g) => !g || g.suppressed || g.academicLevel === null)) return null;
  return `${listOf(lines.map((g) => g!.name))} (academic level ${num(lines[0]!.academicLevel!)})`;
}

interface ReasonContext {
  result: SchoolResult;
  school: School;
  view: PoolView;
  groups: readonly GroupLine[];
  config: Config;
}

function reasonText(code: string, message: string, { result, school, view, groups, config }: ReasonContext): string {
  const { size, counts, rules } = view;
  const score = result.index ? indexText(result.index.score) : "";
  switch (code) {
    case "lowestIndex":
      return `Its index of ${score} is ${counts.priority === 1 ? "the lowest" : `among the lowest ${counts.priority}`} of the ${size} schools in the Title I pool (the lowest ${percent(rules.priorityShare)}).`;
    case "gradRateTwoYears": {
      const grad = gradRates(school, view.year);
      return `Its graduation rate was under ${rules.gradRateFloor}% two years running: ${grad?.now}% this year and ${grad?.prior}% in ${grad?.priorYear}.`;
    }
    case "sig":
      return "It holds a School Improvement Grant, and every SIG school in the pool is a Priority school.";
    case "largestGap": {
      const high = result.gap ? gapEnd(result.gap.highest, groups) : null;
      const low = result.gap ? gapEnd(result.gap.lowest, groups) : null;
      const among = `among the ${counts.focus} largest in the Title I pool of ${size} (the largest ${percent(rules.focusShare)}, Priority schools aside)`;
      if (!high || !low)
        return `Its achievement gap between student groups is ${among}; its size is not published, as it involves a group of fewer than ${config.suppressBelow} students.`;
      return `Its achievement gap of ${levels(result.gap!.value)}, between ${high} and ${low}, is ${among}.`;
    }
    case "gradRate":
      return `Its graduation rate of ${gradRates(school, view.year)?.now}% is under ${rules.gradRateFloor}%.`;
    case "highestPerforming":
      return `Its index of ${score} is among the top ${counts.reward} of the ${size} schools in the Title I pool, and no student group is far behind the school as a whole.`;
    case "highProgress": {
      const prior = priorIndex(school, view.year);
      const since = prior ? `, from ${indexText(prior.index)} in ${prior.year} to ${score}` : "";
      return `Its index rose${since}: among the largest gains in the Title I pool (the top ${percent(rules.progressShare)} of schools with a prior index).`;
    }
    case "notIdentified":
      return "It is in the Title I pool and met none of the Priority, Focus or Reward criteria.";
    case "notInPool":
      return `Designations are made among Title I ${listOf(rules.pool.map((p) => codeLabel(p).toLowerCase()))} schools; this school's Title I status is ${codeLabel(result.title1).toLowerCase()}.`;
    case "unscored":
      return "It has no index this year, so it was not ranked.";
    default:
      return message;
  }
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Each reason in a few words, for lists of schools. */
const BASIS: Record<string, string> = {
  lowestIndex: "lowest index",
  gradRateTwoYears: "graduation, two years",
  sig: "improvement grant",
  largestGap: "achievement gap",
  gradRate: "graduation",
  highestPerforming: "highest performing",
  highProgress: "high progress",
};

export function designationText(context: ReasonContext): SchoolReport["designation"] {
  const { type, stage, yearsInStatus, reasons } = context.result.designation;
  const label = type === "none" ? "Not designated" : codeLabel(type);
  const stageLabel = stage ? codeLabel(stage) : null;
  const headline = type === "none" ? label : [`${label} school`, `year ${yearsInStatus}`, ...(stageLabel ? [stageLabel] : [])].join(" · ");
  return {
    code: type,
    label,
    stage: stageLabel,
    yearsInStatus,
    headline,
    basis: capitalised(reasons.flatMap((r) => BASIS[r.code] ?? []).join(", ")),
    reasons: reasons.map((r) => reasonText(r.code, r.message, context)),
  };
}

// ---------------------------------------------------------------- distance to exit

function routeShort(route: ExitRoute): string {
  switch (route.code) {
    case "lowestIndex":
      return route.pointsNeeded === null ? "not by the index (small pool)" : `${indexText(route.pointsNeeded)} index points`;
    case "largestGap":
      return route.levelsNeeded === null ? "not by the gap (small pool)" : `gap ${levels(route.levelsNeeded)} narrower`;
    case "gradRate":
    case "gradRateTwoYears":
      return `graduation ${num(route.needed)} points higher`;
    case "sig":
      return "none while a SIG school";
  }
}

function routeLine(route: ExitRoute, view: PoolView): string {
  const { size, counts } = view;
  switch (route.code) {
    case "lowestIndex":
      if (route.target === null || route.cutOff === null || route.pointsNeeded === null)
        return `Priority for its index: in a pool of ${size}, the lowest ${counts.priority} are Priority, so no index leaves it while the pool is this small.`;
      return `Priority for its index. The cut-off is ${indexText(route.cutOff)}, the ${rank(counts.priority, "lowest")} index among the other schools of the pool: an index of ${indexText(route.target)} leaves Priority, ${indexText(route.pointsNeeded)} points above today's ${indexText(route.score)}.`;
    case "largestGap":
      if (route.target === null || route.levelsNeeded === null)
        return `Focus for its achievement gap: too few other schools of the pool have a gap to set a cut-off below it, so no narrowing short of a single counted group leaves Focus.`;
      return `Focus for its achievement gap. The cut-off is ${levels(route.cutOff!)}, the ${rank(counts.focus, "largest")} gap among the other pool schools that are not Priority: a gap of ${levels(route.target)} or less leaves Focus, ${levels(route.levelsNeeded)} narrower than today's ${num(route.gap)}. The index does not decide this designation.`;
    case "gradRate":
      return `Focus for graduation: this year's rate of ${num(route.rate)}% must reach ${num(route.floor)}% (${num(route.needed)} points more).`;
    case "gradRateTwoYears":
      return `Priority for graduation under ${num(route.floor)}% two years running: this year's rate of ${num(route.rate)}% must reach it (${num(route.needed)} points more).`;
    case "sig":
      return "Priority as a School Improvement Grant school: no result changes this while the grant lasts.";
  }
}

/** The fewest indicators, largest gain first (§2 order on ties), whose next level covers `needed`; all of them when none do. */
function coveringSteps(indicators: readonly IndicatorLine[], needed: number): ExitStep[] {
  const candidates = indicators
    .filter((i) => i.gain !== null && i.gain > 0 && i.value !== null && i.allLevel !== null && i.next[0] !== null)
    .map((i) => ({ code: i.code, name: i.name, value: i.value!, allLevel: i.allLevel!, nextValue: i.next[0]!, gain: i.gain! }))
    .sort((a, b) => b.gain - a.gain);
  const steps: ExitStep[] = [];
  let total = 0;
  for (const step of candidates) {
    if (roundHalfAway(total, 6) >= needed) break;
    steps.push(step);
    total += step.gain;
  }
  return steps;
}

export function exitSection(
  result: SchoolResult,
  school: School,
  view: PoolView,
  distance: ExitDistance,
  indicators: readonly IndicatorLine[],
  groups: readonly GroupLine[],
  config: Config,
): ExitSection {
  const section: ExitSection = { short: null, lines: [], steps: [], stepsGain: null, stepsNote: null, pointsNeeded: null, gapGroups: [], notes: [] };
  const type = result.designation.type;
  if (result.index === null) section.lines.push("No index: the school is not ranked, so no designation applies.");
  else if (distance.routes.length === 0 && !distance.abovePriority) section.lines.push("Not in the Title I pool: designations do not apply.");
  else if (type === "reward") section.lines.push("A Reward school: nothing to leave.");
  else if (type === "none") section.lines.push("Not designated: nothing to leave.");
  // A gap that involves a suppressed group is not measured out in public: its size would tell the group's level.
  const suppressed = new Set(groups.filter((g) => g.suppressed).map((g) => g.code));
  const gapHidden = [...(result.gap?.lowest ?? []), ...(result.gap?.highest ?? [])].some((g) => suppressed.has(g));
  const shorts: string[] = [];
  for (const route of distance.routes) {
    if (route.code === "largestGap" && gapHidden) {
      section.lines.push("Focus for its achievement gap: the distance is not published, as the gap involves a group too small to report.");
      shorts.push("not published");
      continue;
    }
    section.lines.push(routeLine(route, view));
    shorts.push(routeShort(route));
    if (route.code === "lowestIndex" && route.pointsNeeded !== null) {
      section.pointsNeeded = route.pointsNeeded;
      section.steps = coveringSteps(indicators, route.pointsNeeded);
      section.stepsGain = roundHalfAway(
        section.steps.reduce((sum, s) => sum + s.gain, 0),
        6,
      );
      section.stepsNote = coverNote(section.steps.length, section.stepsGain, route.pointsNeeded);
    }
    if (route.code === "largestGap") {
      const { groups: gapGroups, note } = bottomOfGap(result, school, config);
      section.gapGroups = gapGroups;
      if (note) section.notes.push(note);
    }
  }
  // A SIG school stays Priority whatever else it reaches: the other distances would mislead in a list.
  if (shorts.length > 0) section.short = distance.routes.some((r) => r.code === "sig") ? routeShort({ code: "sig" }) : shorts.join(" and ");
  if (distance.thenFocus) {
    const { gap, gradRate } = distance.thenFocus;
    const still = [gap ? "achievement gap" : null, gradRate ? "graduation rate" : null].filter(Boolean);
    section.notes.push(
      still.length > 0
        ? `Past the cut-off it would still be a Focus school, for its ${still.join(" and ")}.`
        : "Past the cut-off it would be neither Priority nor Focus.",
    );
  }
  if (distance.abovePriority) (type === "none" || type === "reward" ? section.lines : section.notes).push(priorityMargin(distance.abovePriority));
  return section;
}

/** Whether the listed steps cover the index points needed. */
function coverNote(count: number, gain: number, needed: number): string {
  const which = count === 1 ? "this indicator" : `these ${count} indicators`;
  return gain >= needed
    ? `One level more on ${which} adds ${num(gain)} index points, enough for the ${indexText(needed)} needed (the school's own ALL results; gains of its student groups come on top).`
    : `One level more on every indicator that can still rise adds ${num(gain)} of the ${indexText(needed)} index points needed: more than one level is needed somewhere.`;
}

/** The groups at the bottom of the gap, their ELA and math one level up, and what a level more does to the gap. */
function bottomOfGap(result: SchoolResult, school: School, config: Config): { groups: ExitSection["gapGroups"]; note: string | null } {
  const steps = gapSteps(result, school, config);
  const lowest = result.gap?.lowest ?? [];
  const groups = lowest.map((group) => {
    const of = (indicator: "ela" | "math") => {
      const step = steps.find((s) => s.group === group && s.indicator === indicator);
      return step ? { value: step.value, nextValue: step.nextValue } : null;
    };
    return { group: SUBGROUP_NAMES[group], ela: of("ela"), math: of("math") };
  });
  if (lowest.length > 1) return { groups, note: `${lowest.length} groups share the bottom of the gap: it narrows only when each of them gains a level.` };
  const step = steps[0];
  if (!step) return { groups, note: null };
  return {
    groups,
    note: `Each level more in ${steps.length > 1 ? "ELA or math" : step.indicator === "ela" ? "ELA" : "math"} for ${SUBGROUP_NAMES[step.group]} narrows the gap by up to ${levels(step.narrows)}.`,
  };
}

function priorityMargin({ line, margin }: { line: number; margin: number }): string {
  return `Its index is ${num(margin, 1)} points above the Priority cut-off of ${indexText(line)}.`;
}

// ---------------------------------------------------------------- partner

const nameAndId = (id: string, names: ReadonlyMap<string, string | null>) => {
  const name = names.get(id);
  return name ? `${name} (${id})` : id;
};

function unmatchedText(code: string, message: string, group: string, config: Config): string {
  if (code === "noEligibleReward") return `no Reward school has ${group} accountable at academic level ${num(config.partnerMinLevel)} or above`;
  if (code === "capacityTaken") return `the Reward schools that qualify have each taken their ${config.partnerCapacity} partners`;
  return message;
}

/** A school's pairs (either side) and unmatched entries. */
export type PartnersOf = (id: string) => Partnerships;

/** The partnerships by school, looked up once rather than scanned for every school's report. */
export function partnersOf({ pairs, unmatched }: Partnerships): PartnersOf {
  const by = new Map<string, Partnerships>();
  const entry = (id: string) => by.get(id) ?? by.set(id, { pairs: [], unmatched: [] }).get(id)!;
  for (const pair of pairs) {
    entry(pair.school).pairs.push(pair);
    if (pair.partner !== pair.school) entry(pair.partner).pairs.push(pair);
  }
  for (const u of unmatched) entry(u.school).unmatched.push(u);
  return (id) => by.get(id) ?? { pairs: [], unmatched: [] };
}

/** Who the school is paired with, in either direction, or why it has no partner (§9). */
export function partnerLines(result: SchoolResult, partnerships: PartnersOf, names: ReadonlyMap<string, string | null>, config: Config): string[] {
  const { pairs, unmatched } = partnerships(result.id);
  const lines = [
    ...pairs.filter((p) => p.school === result.id).map((p) => `Reward school ${nameAndId(p.partner, names)}, for ${SUBGROUP_NAMES[p.subgroup]}.`),
    ...pairs.filter((p) => p.partner === result.id).map((p) => `Partner to ${nameAndId(p.school, names)}, for ${SUBGROUP_NAMES[p.subgroup]}.`),
    ...unmatched
      .filter((u) => u.school === result.id)
      .map(
        (u) => `No Reward partner for ${SUBGROUP_NAMES[u.subgroup]}: ${unmatchedText(u.reason.code, u.reason.message, SUBGROUP_NAMES[u.subgroup], config)}.`,
      ),
  ];
  if (lines.length > 0) return lines;
  const { type, stage } = result.designation;
  if (type === "focus" && stage === "communityOfPractice")
    return ["None yet: in its first two years a Focus school works in a community of practice; a Reward partner comes in years 3 and 4."];
  if (type === "focus" && stage === "districtTurnaround") return ["None: from its fifth year the district leads the turnaround of a Focus school."];
  if (type === "reward") return ["No school was paired with it this year."];
  return ["None: Reward partners are for Priority schools and for Focus schools in years 3 and 4."];
}
