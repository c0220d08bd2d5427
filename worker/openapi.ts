// The OpenAPI 3.1 description of the API, generated from the same zod schemas the engine parses
// with, so the document cannot drift from the code: the POST routes from the operation registry
// (shared/operations.ts), the GET routes and the problem shape from here.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { ConfigSchema } from "../shared/contract/requests.js";
import { MAX_PROBLEMS } from "../shared/core/problems.js";
import { OPERATION_LIST, type Operation } from "../shared/operations.js";
import { PROBLEM_TYPE } from "./problem.js";

const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z
    .array(z.object({ path: z.string(), schoolId: z.string().optional(), message: z.string() }))
    .max(MAX_PROBLEMS)
    .optional(),
  more: z.number().int().min(1).optional().describe(`How many problems were found beyond the ${MAX_PROBLEMS} listed in errors`),
});

const problem = (description: string) => ({ description, content: { [PROBLEM_TYPE]: { schema: ProblemSchema } } });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });

const bodyErrors = {
  400: problem("Invalid request: every problem, with its path and school id; or malformed JSON"),
  401: problem("Missing or wrong API key (when the Worker has API_KEYS)"),
  413: problem("Body or school count over the limit"),
  415: problem("Body not sent as application/json"),
};

/** An operation of the registry as an OpenAPI route: its JSON body, its answer and the body errors. */
const postRoute = (op: Operation) =>
  createRoute({
    method: "post",
    path: op.path,
    operationId: op.name,
    summary: op.summary,
    request: { body: { required: true, content: { "application/json": { schema: op.request } } } },
    responses: { 200: json(op.response, "Scored"), ...bodyErrors },
  });

/** The routes that are not operations of the engine: they take no body and compute nothing. */
export const GET_ROUTES = [
  createRoute({
    method: "get",
    path: "/v1/config/default",
    summary: "The default config with the methodology version and its hash",
    responses: {
      200: json(z.object({ methodologyVersion: z.string(), configHash: z.string(), config: ConfigSchema }), "The default config"),
      401: bodyErrors[401],
    },
  }),
  createRoute({
    method: "get",
    path: "/health",
    summary: "Liveness and version",
    responses: { 200: json(z.object({ status: z.literal("ok"), version: z.string(), methodologyVersion: z.string() }), "Alive") },
  }),
];

/** Registers every route in the app's OpenAPI registry (documentation only; handlers are in app.ts). */
export function documentRoutes(app: Pick<OpenAPIHono, "openAPIRegistry">): void {
  for (const op of OPERATION_LIST) app.openAPIRegistry.registerPath(postRoute(op));
  for (const route of GET_ROUTES) app.openAPIRegistry.registerPath(route);
  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", { type: "http", scheme: "bearer", description: "One of the Worker's API_KEYS" });
}

export const DOCUMENT_INFO = {
  openapi: "3.1.0",
  info: {
    title: "SQII scoring API",
    version: "0.1.0",
    description:
      "The CORE districts' School Quality Improvement Index. Errors are application/problem+json (RFC 9457). " +
      "When the Worker has API_KEYS, /v1 routes need Authorization: Bearer <key>.",
  },
  security: [{ apiKey: [] }],
};

/** A self-contained viewer for /openapi.json (no CDN: it must work offline and under a strict CSP). */
export const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SQII scoring API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.6rem}code,pre{font:13px ui-monospace,monospace}pre{background:#f4f4f4;padding:.75rem;overflow:auto;max-height:28rem}
.op{border:1px solid #ddd;border-radius:6px;margin:1rem 0;padding:.5rem 1rem}.m{font-weight:700;text-transform:uppercase;margin-right:.5rem}
summary{cursor:pointer}
</style></head><body>
<h1>SQII scoring API</h1><p id="about"></p><p><a href="/openapi.json">openapi.json</a></p><main id="ops">Loading…</main>
<script>
fetch("/openapi.json").then(r => r.json()).then(doc => {
  document.getElementById("about").textContent = doc.info.description;
  const main = document.getElementById("ops"); main.textContent = "";
  for (const [path, item] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(item)) {
    const box = document.createElement("section"); box.className = "op";
    const h = document.createElement("h2"); h.innerHTML = '<span class="m"></span><code></code>';
    h.querySelector(".m").textContent = method; h.querySelector("code").textContent = path; box.append(h);
    const p = document.createElement("p"); p.textContent = op.summary || ""; box.append(p);
    const add = (label, value) => { const d = document.createElement("details"); const s = document.createElement("summary");
      s.textContent = label; const pre = document.createElement("pre"); pre.textContent = JSON.stringify(value, null, 2); d.append(s, pre); box.append(d); };
    if (op.requestBody) add("Request body", op.requestBody.content);
    for (const [status, r] of Object.entries(op.responses)) add(status + " " + r.description, r.content || {});
    main.append(box);
  }
});
</script></body></html>`;
