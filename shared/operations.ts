// The API's operations, each defined once: name, method and path, summary, request and response
// schemas, and the function that parses and computes it. The Worker registers its routes and its
// OpenAPI document from this list, and the client calls or runs it locally from the same entries.
import type { z } from "zod";
import { EducatorsRequestSchema, EducatorsResponseSchema } from "./contract/educators.js";
import { CutPointsRequestSchema, ScenariosRequestSchema, ScoreRequestSchema } from "./contract/requests.js";
import { CutPointsResponseSchema, ScenariosResponseSchema, ScoreResponseSchema } from "./contract/responses.js";
import type { Parsed } from "./core/problems.js";
import { scoreEducators } from "./educators/rating.js";
import { cutPointsRequest } from "./schools/cut-points.js";
import { runScenarios, runScenariosJson } from "./schools/scenarios.js";
import { scoreRequest, scoreRequestJson } from "./schools/score.js";

export interface Operation<Name extends string = string, Response = unknown> {
  name: Name;
  method: "POST";
  path: `/v1/${string}`;
  /** One line, for the OpenAPI document and /docs. */
  summary: string;
  /** A JSON object: every body is one. */
  request: z.ZodObject;
  /** Its output type is what `run` answers with: the two cannot disagree. */
  response: z.ZodType<Response>;
  /** Parse (every problem at once) and compute. */
  run: (body: unknown) => Promise<Parsed<Response>>;
  /**
   * The same answer as `run`, as JSON text in pieces that join to JSON.stringify of run's value, made
   * as they are read: a door can send a statewide answer without holding it whole.
   */
  json?: (body: unknown) => Promise<Parsed<Iterable<string>>>;
}

export const OPERATIONS = {
  score: {
    name: "score",
    method: "POST",
    path: "/v1/score",
    summary: "Score schools: levels, index, flags, designations, partnerships, summary",
    request: ScoreRequestSchema,
    response: ScoreResponseSchema,
    run: scoreRequest,
    json: scoreRequestJson,
  },
  scenarios: {
    name: "scenarios",
    method: "POST",
    path: "/v1/scenarios",
    summary: "Score the same schools under several configs; changes against the first",
    request: ScenariosRequestSchema,
    response: ScenariosResponseSchema,
    run: runScenarios,
    json: runScenariosJson,
  },
  cutPoints: {
    name: "cutPoints",
    method: "POST",
    path: "/v1/cut-points",
    summary: "Norm cut points from a reference year, ready for config.cutPoints",
    request: CutPointsRequestSchema,
    response: CutPointsResponseSchema,
    run: async (body) => cutPointsRequest(body),
  },
  educators: {
    name: "educators",
    method: "POST",
    path: "/v1/educators/score",
    summary: "Educator evaluation (weighted or check model per district) with the public distribution report",
    request: EducatorsRequestSchema,
    response: EducatorsResponseSchema,
    run: scoreEducators,
  },
} as const satisfies Record<string, Operation>;

export type OperationName = keyof typeof OPERATIONS;
/** What an operation answers with, from its response schema: `ResponseOf<"scenarios">` is ScenariosResponse. */
export type ResponseOf<N extends OperationName> = z.output<(typeof OPERATIONS)[N]["response"]>;

/**
 * The registry typed by name, so that `operation(name).run` answers with that operation's response.
 * The assignment also checks that each entry's name is its key and that `run` answers what `response` describes.
 */
const BY_NAME: { [N in OperationName]: Operation<N, ResponseOf<N>> } = OPERATIONS;

export function operation<N extends OperationName>(name: N): Operation<N, ResponseOf<N>> {
  return BY_NAME[name];
}

/** Every operation, in the order the API lists them. */
export const OPERATION_LIST: readonly Operation<OperationName>[] = Object.values(BY_NAME);
