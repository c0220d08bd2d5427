// The engine's front: parse a request (every problem at once), then run the stages in order —
// levels and index per school, flags and gaps, designations over the pool, partnerships, summary.
// The response comes whole (`scoreSchools`) or with its results made one at a time as they are
// written out (`scoreResponse` + json-pieces.ts), which is how the Worker answers a statewide file.
import { configHash } from "../contract/config.js";
import { parseRequest } from "../contract/parse.js";
import { type Config, type School, type ScoreRequest, ScoreRequestSchema } from "../contract/requests.js";
import type { Partnerships, SchoolResult, ScoreResponse } from "../contract/responses.js";
import { METHODOLOGY_VERSION } from "../core/model.js";
import type { Parsed } from "../core/problems.js";
import { type Assessment, assessSchools, partnershipsOf, resultMaker } from "./assessment.js";
import { jsonPieces, type Lazy, LazyList, whole } from "./json-pieces.js";
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
  /** The numbers the results were made from. */
  assessment: Assessment;
}

/** Levels, index, flags and designations for every school sent, in input order, as result objects. */
export function evaluateSchools(schools: readonly School[], config: Config, year?: number): Evaluation {
  const assessment = assessSchools(schools, config, year);
  const results = new LazyList(schools.length, resultMaker(assessment)).toArray();
  return { results, scores: assessment.scores, poolSize: assessment.poolSize, assessment };
}

/**
 * §9: every Priority school and every Focus school at stage rewardPartnership, each with the
 * subgroup that identified it, offered to the Reward schools that raised that subgroup.
 */
export function findPartnerships(evaluation: Pick<Evaluation, "assessment">, config: Config): Partnerships {
  return partnershipsOf(evaluation.assessment, config);
}

/** The response with its results made as they are read: for writing out with `jsonPieces`. */
export async function scoreResponse(request: ScoreRequest, config: Config): Promise<Lazy<ScoreResponse, "results">> {
  const assessment = assessSchools(request.schools, config, request.year);
  return {
    methodologyVersion: METHODOLOGY_VERSION,
    configHash: await configHash(config),
    year: request.year ?? null,
    results: new LazyList(request.schools.length, resultMaker(assessment)),
    summary: summarize(assessment),
    partnerships: partnershipsOf(assessment),
  };
}

export async function scoreSchools(request: ScoreRequest, config: Config): Promise<ScoreResponse> {
  return whole<ScoreResponse>(await scoreResponse(request, config));
}

/** Parse and score: the whole of `POST /v1/score`. */
export async function scoreRequest(body: unknown): Promise<Parsed<ScoreResponse>> {
  const parsed = parseScoreRequest(body);
  if (!parsed.ok) return parsed;
  return { ok: true, value: await scoreSchools(parsed.value.request, parsed.value.config) };
}

/** The same answer as `scoreRequest`, as JSON text in pieces (joined: JSON.stringify of its value). */
export async function scoreRequestJson(body: unknown): Promise<Parsed<Iterable<string>>> {
  const parsed = parseScoreRequest(body);
  if (!parsed.ok) return parsed;
  return { ok: true, value: jsonPieces(await scoreResponse(parsed.value.request, parsed.value.config)) };
}
