// RFC 9457 problem details: the one error shape of the API (api.md "Errors"), for every status.
import type { Problem } from "../shared/core/problems.js";

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
}

/** The `type` URI of a kind of problem. */
export const problemType = (kind: ProblemKind) => `urn:sqii:problem:${kind}`;

export function problemBody(kind: ProblemKind, detail: string, errors?: Problem[]): ProblemBody {
  const { status, title } = PROBLEMS[kind];
  return { type: problemType(kind), title, status, detail, ...(errors && { errors }) };
}

export function problemResponse(kind: ProblemKind, detail: string, errors?: Problem[], headers: HeadersInit = {}): Response {
  const body = problemBody(kind, detail, errors);
  const out = new Headers(headers);
  out.set("content-type", PROBLEM_TYPE);
  return new Response(JSON.stringify(body), { status: body.status, headers: out });
}

export function invalidRequest(problems: Problem[]): Response {
  const count = problems.length;
  return problemResponse("invalidRequest", `${count} problem${count === 1 ? "" : "s"} found; nothing was scored`, problems);
}
