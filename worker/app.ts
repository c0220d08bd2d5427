// The HTTP door (api.md): CORS, auth and body limits around thin handlers that call shared/.
// Nothing here scores, and nothing here logs or keeps a request body.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import { version } from "../package.json";
import { configHash, defaultConfigDocument } from "../shared/contract/config.js";
import { DEFAULT_CONFIG } from "../shared/contract/default-config.js";
import { METHODOLOGY_VERSION } from "../shared/core/model.js";
import { OPERATION_LIST } from "../shared/operations.js";
import { type BodyVariables, jsonBody } from "./json-body.js";
import { answerOperation } from "./json-stream.js";
import { DOCS_HTML, DOCUMENT_INFO, documentRoutes, GET_ROUTES } from "./openapi.js";
import { type ProblemKind, problemResponse } from "./problem.js";
import { type Env, limitsOf, listOf } from "./settings.js";

type App = { Bindings: Env; Variables: BodyVariables };

/** CORS for the configured origins only; registered before auth so preflights need no key. */
const corsForOrigins: MiddlewareHandler<App> = (c, next) => {
  const origins = listOf(c.env?.ALLOWED_ORIGINS);
  if (origins.length === 0) return next();
  return cors({ origin: origins, allowMethods: ["GET", "POST", "OPTIONS"], allowHeaders: ["Authorization", "Content-Type"], maxAge: 600 })(c as Context, next);
};

/** Bearer auth when API_KEYS is set; Hono compares tokens in constant time. */
const authWhenKeyed: MiddlewareHandler<App> = (c, next) => {
  const keys = listOf(c.env?.API_KEYS);
  if (keys.length === 0) return next();
  return bearerAuth({ token: keys })(c as Context, next);
};

const KINDS_BY_STATUS: Record<number, ProblemKind> = {
  400: "invalidRequest",
  401: "unauthorized",
  404: "notFound",
  413: "tooLarge",
  415: "unsupportedMediaType",
};

/** Turns Hono's own exceptions (bearerAuth's 401, a bad Authorization header's 400) into problems. */
function fromHttpException(error: HTTPException): Response {
  const kind = KINDS_BY_STATUS[error.status] ?? "internal";
  const headers: Record<string, string> = {};
  const challenge = error.getResponse().headers.get("www-authenticate");
  if (challenge) headers["www-authenticate"] = challenge;
  const detail = kind === "unauthorized" ? "send Authorization: Bearer <one of the API keys>" : "the request could not be handled";
  return problemResponse(kind, detail, undefined, headers);
}

/** Which methods each path takes, so a wrong method gets 405 with Allow rather than 404. */
const METHODS_BY_PATH = new Map<string, string[]>();
const allow = (path: string, method: string) => METHODS_BY_PATH.set(path, [...(METHODS_BY_PATH.get(path) ?? []), method.toUpperCase()]);
for (const op of OPERATION_LIST) allow(op.path, op.method);
for (const route of GET_ROUTES) allow(route.path, route.method);
for (const path of ["/openapi.json", "/docs"]) allow(path, "GET");

export function createApp(): OpenAPIHono<App> {
  const app = new OpenAPIHono<App>();
  const [requireJson, limitBytes, readJson] = jsonBody(limitsOf);

  app.use("*", corsForOrigins);
  app.use("/v1/*", authWhenKeyed);

  // Every operation of the registry, each behind the same body checks; the handler only answers.
  for (const op of OPERATION_LIST) app.post(op.path, requireJson, limitBytes, readJson, (c) => answerOperation(c, op));
  app.get("/v1/config/default", async (c) => c.json({ ...defaultConfigDocument(), configHash: await configHash(DEFAULT_CONFIG) }));
  app.get("/health", (c) => c.json({ status: "ok", version, methodologyVersion: METHODOLOGY_VERSION }));

  documentRoutes(app);
  app.doc31("/openapi.json", DOCUMENT_INFO);
  app.get("/docs", (c) => c.html(DOCS_HTML));

  app.notFound((c) => {
    const allowed = METHODS_BY_PATH.get(c.req.path);
    if (allowed)
      return problemResponse("methodNotAllowed", `${c.req.method} is not allowed here; use ${allowed.join(" or ")}`, undefined, { allow: allowed.join(", ") });
    return problemResponse("notFound", "no route here; see /docs for the API");
  });
  app.onError((error) => {
    if (error instanceof HTTPException) return fromHttpException(error);
    // The error's name only: its message or stack could carry request values.
    console.error(`unhandled ${error?.name ?? "error"}`);
    return problemResponse("internal", "the request could not be completed; nothing was stored");
  });
  return app;
}
