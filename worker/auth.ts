// API keys (api.md "Auth and CORS"). When the Worker has API_KEYS, a route under /v1 needs
// `Authorization: Bearer <key>`. Every way of not sending one good key (no header, another scheme,
// an empty token, several tokens, a wrong key) is the same 401 problem with a Bearer challenge, so a
// client has one status to handle; Hono's bearerAuth answers a malformed header with a bare 400.
// A path or method that is no route is left to the 404/405 answers: the routes are public in
// /openapi.json, so saying which exist tells a caller without a key nothing new.
import type { MiddlewareHandler } from "hono";
import { timingSafeEqual } from "hono/utils/buffer";
import { problemResponse } from "./problem.js";

/** RFC 6750's b64token after one "Bearer" (any case) and spaces: one token, nothing else. */
const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;
const HOW = "send Authorization: Bearer <one of the API keys>";
const REALM = 'Bearer realm="sqii"';

export type AuthFailure = "missing" | "malformed" | "wrongKey";

/** What is wrong with an Authorization header, or null when it carries one of the keys. */
export async function authFailure(header: string | undefined, keys: readonly string[]): Promise<AuthFailure | null> {
  if (header === undefined || header.trim() === "") return "missing";
  const token = BEARER.exec(header)?.[1];
  if (token === undefined) return "malformed";
  // Every key is compared, in constant time each, so the time taken does not say which one matched.
  let matched = false;
  for (const key of keys) matched = (await timingSafeEqual(key, token)) || matched;
  return matched ? null : "wrongKey";
}

const ANSWERS: Record<AuthFailure, { detail: string; challenge: string }> = {
  missing: { detail: `no API key was sent; ${HOW}`, challenge: REALM },
  malformed: { detail: `the Authorization header is not one Bearer token; ${HOW}`, challenge: `${REALM}, error="invalid_request"` },
  wrongKey: { detail: `the API key is not one of this Worker's keys; ${HOW}`, challenge: `${REALM}, error="invalid_token"` },
};

export function unauthorized(failure: AuthFailure): Response {
  const { detail, challenge } = ANSWERS[failure];
  return problemResponse("unauthorized", detail, undefined, { "www-authenticate": challenge });
}

/**
 * Checks the key on the requests `isKeyedRoute` picks, when `keysOf` finds any keys in the
 * Worker's environment; otherwise lets the request through untouched.
 */
export function requireKey<E extends object>(
  keysOf: (env: E) => string[],
  isKeyedRoute: (method: string, path: string) => boolean,
): MiddlewareHandler<{ Bindings: E }> {
  return async (c, next) => {
    const keys = keysOf(c.env);
    if (keys.length === 0 || !isKeyedRoute(c.req.method, c.req.path)) return next();
    const failure = await authFailure(c.req.header("authorization"), keys);
    if (failure !== null) return unauthorized(failure);
    await next();
  };
}
