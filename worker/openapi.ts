// The OpenAPI 3.1 description of the API, generated from the same zod schemas the engine parses
// with, so the document cannot drift from the code: the POST routes from the operation registry
// (shared/operations.ts), the GET routes and the problem shape from here. It describes the server
// as it runs (api.md "Errors"): its own origin as the server, every status each route can answer,
// and security only where keys apply, which depends on the Worker's settings; so the routes are
// generated once and `documentFor` adds the server and, with keys, the security per request.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { ConfigSchema } from "../shared/contract/requests.js";
import { MAX_PROBLEMS } from "../shared/core/problems.js";
import { OPERATION_LIST, type Operation, type OperationName } from "../shared/operations.js";
import { PROBLEM_TYPE, PROBLEMS, type ProblemKind, problemType } from "./problem.js";

const PROBLEM_URNS = (Object.keys(PROBLEMS) as ProblemKind[]).map(problemType) as [string, ...string[]];

/** Every error of every route, 404 and 405 included, has this shape (RFC 9457). */
const ProblemSchema = z
  .object({
    type: z.enum(PROBLEM_URNS).describe("Stable: switch on it"),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string(),
    errors: z
      .array(z.object({ path: z.string(), schoolId: z.string().optional(), message: z.string() }))
      .max(MAX_PROBLEMS)
      .optional()
      .describe(`invalidRequest only: every problem, with where it is, up to ${MAX_PROBLEMS}`),
    more: z.number().int().min(1).optional().describe(`invalidRequest only: how many problems were found beyond the ${MAX_PROBLEMS} listed in errors`),
  })
  .openapi("Problem");

const text = { schema: { type: "string" as const } };
const problem = (description: string, headers?: Record<string, { description: string; schema: { type: "string" } }>) => ({
  description,
  ...(headers && { headers }),
  content: { [PROBLEM_TYPE]: { schema: ProblemSchema } },
});
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });

const INTERNAL = { 500: problem("internal: something unexpected; nothing internal is returned and nothing was stored") };
const BODY_ERRORS = {
  400: problem("invalidRequest (every problem at once, with its path and school id) or malformedJson (empty, not UTF-8, not JSON)"),
  413: problem("tooLarge: the body is over the byte limit, or `schools` has more entries than the school limit"),
  415: problem("unsupportedMediaType: the body is not sent as application/json, names a charset other than utf-8, or is compressed", {
    "Accept-Encoding": { description: "identity, when the body was compressed", ...text },
  }),
  ...INTERNAL,
};

/**
 * The rules each operation's server checks (answering 400) that its JSON Schema cannot say, given
 * in the operation's description. test/contract checks that each one is really enforced.
 */
const SCHOOL_RULES = ["each school `id` is unique", "within a school, `history` years are unique and, when `year` is sent, before it"];
/** Only where the request has a `year` (score, scenarios). */
const PRIOR_RULE = "a school's `prior.year`, when it and `year` are sent, is `year − 1`";
const CONFIG_RULES = [
  "each `cutPoints` list never falls (every cut point ≥ the one before)",
  "the config merged over the default has `domainWeights.academic + domainWeights.secc` above 0",
];
export const RULES_NOT_IN_SCHEMA: Readonly<Record<OperationName, readonly string[]>> = {
  score: [...SCHOOL_RULES, PRIOR_RULE, ...CONFIG_RULES],
  scenarios: [...SCHOOL_RULES, PRIOR_RULE, ...CONFIG_RULES.map((rule) => `${rule}, for the top-level config and each scenario's`), "scenario names are unique"],
  cutPoints: [...SCHOOL_RULES, ...CONFIG_RULES],
  educators: [
    "each educator `id` is unique",
    "a model's `cuts` rise: developing ≤ effective ≤ highlyEffective",
    "a weighted model's growth weight is at least 20% of its total weight",
  ],
};

const describeRules = (rules: readonly string[]) =>
  `Besides the schema, the server checks (400 when broken; JSON Schema cannot express these): ${rules.join("; ")}.`;

/** An operation of the registry as an OpenAPI route: its JSON body, its answer and the body errors. */
const postRoute = (op: Operation) =>
  createRoute({
    method: "post",
    path: op.path,
    operationId: op.name,
    summary: op.summary,
    description: describeRules(RULES_NOT_IN_SCHEMA[op.name as OperationName]),
    request: { body: { required: true, content: { "application/json": { schema: op.request } } } },
    responses: { 200: json(op.response, "Computed"), ...BODY_ERRORS },
  });

/** The routes that are not operations of the engine: they take no body and compute nothing. */
export const GET_ROUTES = [
  createRoute({
    method: "get",
    path: "/v1/config/default",
    operationId: "defaultConfig",
    summary: "The default config with the methodology version and its hash",
    responses: {
      200: json(z.object({ methodologyVersion: z.string(), configHash: z.string(), config: ConfigSchema }), "The default config"),
      ...INTERNAL,
    },
  }),
  createRoute({
    method: "get",
    path: "/health",
    operationId: "health",
    summary: "Liveness and version; never needs a key",
    responses: { 200: json(z.object({ status: z.literal("ok"), version: z.string(), methodologyVersion: z.string() }), "Alive"), ...INTERNAL },
  }),
  createRoute({
    method: "get",
    path: "/openapi.json",
    operationId: "openapi",
    summary: "This document; never needs a key",
    responses: { 200: json(z.looseObject({ openapi: z.string() }), "The OpenAPI 3.1 document"), ...INTERNAL },
  }),
  createRoute({
    method: "get",
    path: "/docs",
    operationId: "docs",
    summary: "A page that renders this document; never needs a key",
    responses: { 200: { description: "An HTML page", content: { "text/html": { schema: z.string() } } }, ...INTERNAL },
  }),
];

/** Registers every route in the app's OpenAPI registry (documentation only; handlers are in app.ts). */
export function documentRoutes(app: Pick<OpenAPIHono, "openAPIRegistry">): void {
  for (const op of OPERATION_LIST) app.openAPIRegistry.registerPath(postRoute(op));
  for (const route of GET_ROUTES) app.openAPIRegistry.registerPath(route);
}

const ABOUT =
  "The CORE districts' School Quality Improvement Index. Request bodies are JSON objects sent as application/json " +
  "(or another +json type), UTF-8 and uncompressed. Every error is application/problem+json (RFC 9457) in the Problem " +
  "schema: the statuses each route answers are listed with it; besides those, a path not listed here answers 404 " +
  "(notFound) and a listed path with a method it does not take answers 405 (methodNotAllowed) with an Allow header.";

export function documentInfo(version: string) {
  return {
    openapi: "3.1.0",
    info: { title: "SQII scoring API", version, description: ABOUT, license: { name: "MIT", identifier: "MIT" } },
  };
}

export type OpenApiDocument = ReturnType<OpenAPIHono["getOpenAPI31Document"]>;

/** Routes under this prefix need a key when the Worker has API_KEYS; the others never do. */
export const KEYED_PREFIX = "/v1/";
const SECURITY_SCHEME = { type: "http", scheme: "bearer", description: "One of the Worker's API_KEYS" } as const;
const UNAUTHORIZED = {
  description: "unauthorized: no key, a malformed Authorization header (another scheme, an empty token, several tokens) or a wrong key",
  headers: {
    "WWW-Authenticate": { description: 'Bearer realm="sqii", with error="invalid_request" or "invalid_token" when one applies', required: true, ...text },
  },
  content: { [PROBLEM_TYPE]: { schema: { $ref: "#/components/schemas/Problem" } } },
};

/**
 * The document as this request's Worker serves it: its own origin as the only server and, only when
 * it has keys, the bearer scheme, with security and a 401 on each route under /v1. Every other route
 * says `security: []` (no key), so a client generated from it sends no Authorization there, and the
 * linter sees that being open is meant.
 */
export function documentFor(base: OpenApiDocument, { origin, keyed }: { origin: string; keyed: boolean }): OpenApiDocument {
  const servers = [{ url: origin, description: "this Worker" }];
  const access = keyed
    ? ` This Worker has API keys: routes under ${KEYED_PREFIX} need Authorization: Bearer <key> (401 otherwise); /health, /openapi.json and /docs stay open.`
    : " This Worker has no API keys: no route needs Authorization.";
  const info = { ...base.info, description: `${base.info.description ?? ""}${access}` };
  const paths = Object.fromEntries(
    Object.entries(base.paths ?? {}).map(([path, item]) => {
      const needsKey = keyed && path.startsWith(KEYED_PREFIX);
      const operations = Object.entries(item).map(([method, op]) => [
        method,
        needsKey ? { ...op, security: [{ apiKey: [] }], responses: { ...op.responses, 401: UNAUTHORIZED } } : { ...op, security: [] },
      ]);
      return [path, Object.fromEntries(operations)];
    }),
  );
  const components = keyed ? { ...base.components, securitySchemes: { apiKey: SECURITY_SCHEME } } : base.components;
  return { ...base, info, servers, paths, components };
}
