// The HTTP door (api.md): CORS, auth and body limits around thin handlers that call shared/.
// Nothing here scores, and nothing here logs or keeps a request body.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import { version } from "../package.json";
import { configHash, defaultConfigDocument } from "../shared/contract/config.js";
import { DEFAULT_CONFIG } from "../shared/contract/default-config.js";
import { METHODOLOGY_VERSION } from "../shared/core/model.js";
import { OPERATION_LIST } from "../shared/operations.js";
import { requireKey } from "./auth.js";
import { DOCS_HTML } from "./docs-page.js";
import { type BodyVariables, jsonBody } from "./json-body.js";
import { answerOperation } from "./json-stream.js";
import { documentFor, documentInfo, documentRoutes, GET_ROUTES, KEYED_PREFIX, type OpenApiDocument } from "./openapi.js";
import { type ProblemKind, problemResponse } from "./problem.js";
import { type Env, limitsOf, listOf } from "./settings.js";

type App = { Bindings: Env; Variables: BodyVariables };

/** CORS for the configured origins only; registered before auth so preflights need no key. */
const corsForOrigins: MiddlewareHandler<App> = (c, next) => {
  const origins = listOf(c.env?.ALLOWED_ORIGINS);
  if (origins.length === 0) return next();
  return cors({ origin: origins, allowMethods: ["GET", "POST", "OPTIONS"], allowHeaders: ["Authorization", "Content-Type"], maxAge: 600 })(c as Context, next);
};

const keysOf = (env: Env | undefined) => listOf(env?.API_KEYS);

const KINDS_BY_STATUS: Record<number, ProblemKind> = {
  400: "invalidRequest",
  401: "unauthorized",
  404: "notFound",
  413: "tooLarge",
  415: "unsupportedMediaType",
};

/** Turns an exception Hono throws with a status into a problem of that status, saying nothing more. */
function fromHttpException(error: HTTPException): Response {
  return problemResponse(KINDS_BY_STATUS[error.status] ?? "internal", "the request could not be handled");
}

/** Which methods each path takes, so a wrong method gets 405 with Allow rather than 404. */
const METHODS_BY_PATH = new Map<string, string[]>();
const allow = (path: string, method: string) => METHODS_BY_PATH.set(path, [...(METHODS_BY_PATH.get(path) ?? []), method.toUpperCase()]);
for (const op of OPERATION_LIST) allow(op.path, op.method);
for (const route of GET_ROUTES) allow(route.path, route.method);

/** A route that needs a key when keys are set: under /v1, with a method it takes (HEAD runs GET). */
function isKeyedRoute(method: string, path: string): boolean {
  const methods = path.startsWith(KEYED_PREFIX) ? METHODS_BY_PATH.get(path) : undefined;
  return methods !== undefined && (methods.includes(method) || (method === "HEAD" && methods.includes("GET")));
}

export function createApp(): OpenAPIHono<App> {
  const app = new OpenAPIHono<App>();
  const [requireJson, limitBytes, readJson] = jsonBody(limitsOf);

  app.use("*", corsForOrigins);
  app.use("*", requireKey(keysOf, isKeyedRoute));

  // Every operation of the registry, each behind the same body checks; the handler only answers.
  for (const op of OPERATION_LIST) app.post(op.path, requireJson, limitBytes, readJson, (c) => answerOperation(c, op));
  app.get("/v1/config/default", async (c) => c.json({ ...defaultConfigDocument(), configHash: await configHash(DEFAULT_CONFIG) }));
  app.get("/health", (c) => c.json({ status: "ok", version, methodologyVersion: METHODOLOGY_VERSION }));

  documentRoutes(app);
  // The routes' part of the document is generated once; the server and security differ per Worker.
  let routes: OpenApiDocument | undefined;
  app.get("/openapi.json", (c) => {
    routes ??= app.getOpenAPI31Document(documentInfo(version));
    return c.json(documentFor(routes, { origin: new URL(c.req.url).origin, keyed: keysOf(c.env).length > 0 }));
  });
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
