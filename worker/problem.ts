// RFC 9457 problem details: the one error shape of the API (api.md "Errors"), for every status.
import { type Problem, type Rejected, unlisted } from "../shared/core/problems.js";

export const PROBLEM_TYPE = "application/problem+json";

/** Each kind of problem has a stable `type` URI that clients can switch on. */
export const PROBLEMS = {
  invalidRequest: { status: 400, title: "The request has problems" },
  malformedJson: { status: 400, title: "The body is not valid JSON" },
  unauthorized: { status: 401, title: "Missing or invalid API key" },
  notFound: { status: 404, title: "No such route" },
  methodNotAllowed: { status: 405, title: "Method not allowed" },
  tooLarge: { status: 413, title: "The request is too large" },
  unsupportedMediaType: { status: 415, title: "The body must be uncompressed UTF-8 JSON" },
  internal: { status: 500, title: "Something went wrong on our side" },
} as const;

export type ProblemKind = keyof typeof PROBLEMS;

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: Problem[];
  /** How many problems were found beyond those in `errors` (a 400 lists the first 1,000); absent when none. */
  more?: number;
}

/** The `type` URI of a kind of problem. */
export const problemType = (kind: ProblemKind) => `urn:sqii:problem:${kind}`;

export function problemBody(kind: ProblemKind, detail: string, errors?: Problem[], more = 0): ProblemBody {
  const { status, title } = PROBLEMS[kind];
  return { type: problemType(kind), title, status, detail, ...(errors && { errors }), ...(more > 0 && { more }) };
}

export function problemResponse(kind: ProblemKind, detail: string, errors?: Problem[], headers: HeadersInit = {}, more = 0): Response {
  const body = problemBody(kind, detail, errors, more);
  const out = new Headers(headers);
  out.set("content-type", PROBLEM_TYPE);
  return new Response(JSON.stringify(body), { status: body.status, headers: out });
}

/** The 400 of a rejected request: the problems the engine lists (at most MAX_PROBLEMS), and how many more it found. */
export function invalidRequest(rejection: Rejected): Response {
  const more = unlisted(rejection);
  const count = rejection.problems.length + more;
  const listed = more > 0 ? `; the first ${rejection.problems.length} are listed` : "";
  return problemResponse("invalidRequest", `${count} problem${count === 1 ? "" : "s"} found${listed}; nothing was scored`, rejection.problems, {}, more);
}
