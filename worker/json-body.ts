// Reads a JSON request body with the API's own answers for every way it can be wrong: not JSON, not
// UTF-8 by its charset, or compressed (415), too big (413: bytes through Hono's bodyLimit, then the
// school count), empty, not UTF-8 or not parseable (400). Hono's validator would answer malformed
// JSON with its own body; this answers in problem+json and never echoes the body back.
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { problemResponse } from "./problem.js";

export interface BodyLimits {
  maxBytes: number;
  maxSchools: number;
}

type LimitsOf = (env: unknown) => BodyLimits;
export type BodyVariables = { body: unknown };

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
/** A charset parameter, quoted or not (RFC 9110 §5.6.6). */
const CHARSET = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i;

export function isJsonContentType(header: string | undefined): boolean {
  return header !== undefined && JSON_TYPE.test(header);
}

/** The charset a Content-Type names, lower-cased, or undefined when it names none. */
export function charsetOf(header: string): string | undefined {
  const match = CHARSET.exec(header);
  return match ? (match[1] ?? match[2] ?? "").toLowerCase() : undefined;
}

/** The codings of a Content-Encoding header other than identity (RFC 9110 §8.4), lower-cased. */
export function compressionOf(header: string | undefined): string[] {
  return (header ?? "")
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== "identity");
}

/** A value the caller chose, shortened for a message: a header can be long. */
const shown = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);

export interface MediaTypeProblem {
  detail: string;
  headers: Record<string, string>;
}

/**
 * What is wrong with a body's Content-Type and Content-Encoding, or null. The body is read as UTF-8
 * JSON as sent: another charset would be misread, not converted, and a compressed body is bytes
 * this reader does not inflate, so both are refused up front with what to send instead.
 */
export function mediaTypeProblem(type: string | undefined, encoding: string | undefined): MediaTypeProblem | null {
  if (!isJsonContentType(type)) return { detail: "send the body as application/json", headers: {} };
  const charset = charsetOf(type as string);
  if (charset !== undefined && charset !== "utf-8") {
    return { detail: `the body must be UTF-8 JSON, not charset ${shown(charset)}; send application/json with no charset or charset=utf-8`, headers: {} };
  }
  const codings = compressionOf(encoding);
  if (codings.length === 0) return null;
  return {
    detail: `compressed bodies are not accepted (Content-Encoding ${shown(codings.join(", "))}); send the JSON uncompressed (identity)`,
    // RFC 9110 §15.5.16: a 415 for a content coding names the codings the server takes.
    headers: { "accept-encoding": "identity" },
  };
}

/** Where JSON.parse stopped, without quoting the body (V8's message quotes it). */
function parseFailure(error: unknown): string {
  const position = /position (\d+)/.exec(String((error as Error)?.message))?.[1];
  return position === undefined ? "the body is not valid JSON" : `the body is not valid JSON (error at byte ${position})`;
}

const requireJson: MiddlewareHandler = async (c, next) => {
  const problem = mediaTypeProblem(c.req.header("content-type"), c.req.header("content-encoding"));
  if (problem !== null) return problemResponse("unsupportedMediaType", problem.detail, undefined, problem.headers);
  await next();
};

function limitBytes(limitsOf: LimitsOf): MiddlewareHandler {
  return (c, next) => {
    const { maxBytes } = limitsOf(c.env);
    return bodyLimit({ maxSize: maxBytes, onError: () => problemResponse("tooLarge", `the body is larger than ${maxBytes} bytes`) })(c, next);
  };
}

/** The body's bytes as text; or the answer when they are none or not UTF-8. The bytes are dropped on return. */
async function bodyText(request: Request): Promise<string | Response> {
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.length === 0) return problemResponse("malformedJson", "the body is empty; expected a JSON object");
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return problemResponse("malformedJson", "the body is not UTF-8 text");
  }
}

/**
 * The body parsed, or the answer when it is not JSON. Read from the raw request (Hono's c.req would
 * keep a copy of the bytes) in frames of their own, so that neither the bytes nor the text outlive
 * their use: a statewide request's 20–40 MB of each are not held while it is parsed and scored.
 */
async function parseBody(request: Request): Promise<{ body: unknown } | Response> {
  const text = await bodyText(request);
  if (typeof text !== "string") return text;
  try {
    return { body: JSON.parse(text) };
  } catch (error) {
    return problemResponse("malformedJson", parseFailure(error));
  }
}

function readJson(limitsOf: LimitsOf): MiddlewareHandler<{ Bindings: object; Variables: BodyVariables }> {
  return async (c, next) => {
    const read = await parseBody(c.req.raw);
    if (read instanceof Response) return read;
    const { body } = read;
    const { maxSchools } = limitsOf(c.env);
    const schools = (body as { schools?: unknown } | null)?.schools;
    if (Array.isArray(schools) && schools.length > maxSchools) {
      return problemResponse("tooLarge", `${schools.length} schools sent; at most ${maxSchools} in one request`);
    }
    c.set("body", body);
    await next();
  };
}

/** The middleware chain, in order, for a route that takes a JSON body. */
export function jsonBody(limitsOf: LimitsOf) {
  return [requireJson, limitBytes(limitsOf), readJson(limitsOf)] as const;
}
