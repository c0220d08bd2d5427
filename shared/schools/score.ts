// The engine's front: parse a request (every problem at once), then run the stages in order —
// levels and index per school, flags and gaps, designations over the pool, partnerships, summary.
import { configHash } from "../contract/config.js";
import { parseRequest } from "../contract/parse.js";
import { type Config, type School, type ScoreRequest, ScoreRequestSchema } from "../contract/requests.js";
import type { Partnerships, SchoolResult, ScoreResponse } from "../contract/responses.js";
import { METHODOLOGY_VERSION, SUBGROUPS, type Subgroup } from "../core/model.js";
import type { Parsed } from "../core/problems.js";
import { type DesignationInput, designate } from "./designations.js";
import { subgroupFlags } from "./flags.js";
import { scalesFor } from "./levels.js";
import { assignPartners, type PartnerNeed, type RewardCandidate } from "./partnerships.js";
import { groupLevels, indexOutput, schoolIndex, tidyIndicators } from "./school-index.js";
import { summarize } from "./summary.js";

/** Checks a request whole: shape and ranges, config, and what zod cannot see alone. */
export function parseScoreRequest(body: unknown): Parsed<{ request: ScoreRequest; config: Config }> {
  return parseRequest(ScoreRequestSchema, body);
}

export interface Evaluation {
  results: SchoolResult[];
  /** Unrounded index scores, in input order; null for unscored schools. */
  scores: (number | null)[];
  poolSize: number;
}

/** Levels, index, flags and designations for every school sent, in input order. */
export function evaluateSchools(schools: readonly School[], config: Config, year?: number): Evaluation {
  const scales = scalesFor(config);
  const results: SchoolResult[] = [];
  const scores: (number | null)[] = [];
  const inputs: DesignationInput[] = [];
  for (const school of schools) {
    const levels = groupLevels(school, config, scales);
    const index = schoolIndex(school, levels, config, scales);
    const flags = subgroupFlags(school, levels, config);
    const score = index.meanLevel === null ? null : 10 * index.meanLevel;
    tidyIndicators(index.indicators, index.domains);
    scores.push(score);
    inputs.push({
      school,
      score,
      gapValue: flags.gapValue,
      gapLowest: flags.gap?.lowest ?? [],
      gapHighest: flags.gap?.highest ?? [],
      hasGapFlag: flags.hasGapFlag,
    });
    results.push({
      id: school.id,
      name: school.name ?? null,
      district: school.district ?? null,
      level: school.level,
      title1: school.title1,
      status: score === null ? "unscored" : "scored",
      reasons: index.reasons,
      index: indexOutput(index.meanLevel),
      domains: index.domains,
      indicators: index.indicators,
      subgroups: flags.subgroups,
      gap: flags.gap,
      designation: { type: "none", reasons: [], stage: null, yearsInStatus: 1 },
    });
  }
  const { designations, poolSize } = designate(inputs, config, year);
  for (const [i, d] of designations.entries()) results[i]!.designation = d;
  return { results, scores, poolSize };
}

/**
 * §9: every Priority school and every Focus school at stage rewardPartnership, each with the
 * subgroup that identified it, offered to the Reward schools that raised that subgroup.
 */
export function findPartnerships(evaluation: Evaluation, config: Config): Partnerships {
  const needs: PartnerNeed[] = [];
  const rewards: RewardCandidate[] = [];
  for (const r of evaluation.results) {
    const { type, stage } = r.designation;
    if (type === "priority" || (type === "focus" && stage === "rewardPartnership")) {
      needs.push({ id: r.id, level: r.level, district: r.district, subgroup: identifyingSubgroup(r) });
    } else if (type === "reward") {
      rewards.push({ id: r.id, level: r.level, district: r.district, academicLevels: academicLevels(r) });
    }
  }
  return assignPartners(needs, rewards, { capacity: config.partnerCapacity, minLevel: config.partnerMinLevel });
}

/** Focus for a gap → the group at the gap's minimum; otherwise the lowest accountable group, or ALL. */
function identifyingSubgroup(r: SchoolResult): Subgroup {
  const byGap = r.designation.type === "focus" && r.designation.reasons.some((x) => x.code === "largestGap");
  if (byGap && r.gap) return r.gap.lowest[0]!;
  let lowest: Subgroup = "ALL";
  let lowestLevel = Infinity;
  for (const group of SUBGROUPS) {
    const level = r.subgroups[group]?.academicLevel;
    if (group !== "ALL" && level != null && level < lowestLevel) {
      lowest = group;
      lowestLevel = level;
    }
  }
  return lowest;
}

function academicLevels(r: SchoolResult): RewardCandidate["academicLevels"] {
  const out: RewardCandidate["academicLevels"] = {};
  for (const group of SUBGROUPS) {
    const report = r.subgroups[group];
    if (report?.accountable && report.academicLevel !== null) out[group] = report.academicLevel;
  }
  return out;
}

export async function scoreSchools(request: ScoreRequest, config: Config): Promise<ScoreResponse> {
  const evaluation = evaluateSchools(request.schools, config, request.year);
  return {
    methodologyVersion: METHODOLOGY_VERSION,
    configHash: await configHash(config),
    year: request.year ?? null,
    results: evaluation.results,
    summary: summarize(request.schools, evaluation.results, evaluation.scores, evaluation.poolSize, config),
    partnerships: findPartnerships(evaluation, config),
  };
}

/** Parse and score: the whole of `POST /v1/score`. */
export async function scoreRequest(body: unknown): Promise<Parsed<ScoreResponse>> {
  const parsed = parseScoreRequest(body);
  if (!parsed.ok) return parsed;
  return { ok: true, value: await scoreSchools(parsed.value.request, parsed.value.config) };
}
