// The Worker serves exactly the operation registry (shared/operations.ts): its POST routes, the
// 405 Allow table, and the OpenAPI document's paths, summaries and schemas all come from it.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { OPERATION_LIST } from "../../shared/operations.js";

const GET_PATHS = ["/v1/config/default", "/health", "/openapi.json", "/docs"];

interface OpenApiOperation {
  operationId?: string;
  summary?: string;
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
  responses: Record<string, unknown>;
}

async function openapi() {
  return (await (await SELF.fetch("https://api.test/openapi.json")).json()) as { paths: Record<string, Record<string, OpenApiOperation>> };
}

describe("the Worker serves the operation registry", () => {
  it.each(OPERATION_LIST.map((op) => [op.path, op]))("%s answers a GET with 405 and Allow: its method", async (_, op) => {
    const response = await SELF.fetch(`https://api.test${op.path}`);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe(op.method);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });

  it.each(OPERATION_LIST.map((op) => [op.path, op]))("%s takes its method, and answers problems in one list", async (_, op) => {
    const response = await SELF.fetch(`https://api.test${op.path}`, { method: op.method, body: "{}", headers: { "content-type": "application/json" } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { type: string; errors: unknown[] };
    expect(body.type).toBe("urn:sqii:problem:invalidRequest");
    expect(body.errors).toEqual((await op.run({}).then((out) => (out.ok ? [] : out.problems))) as unknown[]);
  });

  it("/openapi.json lists exactly the registry's POST paths and the GET routes", async () => {
    const { paths } = await openapi();
    expect(Object.keys(paths).sort()).toEqual([...OPERATION_LIST.map((op) => op.path), ...GET_PATHS].sort());
    for (const path of GET_PATHS) expect(Object.keys(paths[path]!)).toEqual(["get"]);
  });

  it("documents each operation with the registry's method, name, summary and request fields", async () => {
    const { paths } = await openapi();
    for (const op of OPERATION_LIST) {
      expect(Object.keys(paths[op.path]!)).toEqual([op.method.toLowerCase()]);
      const documented = paths[op.path]![op.method.toLowerCase()]!;
      expect(documented.operationId).toBe(op.name);
      expect(documented.summary).toBe(op.summary);
      const fields = Object.keys(documented.requestBody!.content["application/json"]!.schema.properties!);
      expect(fields).toEqual(Object.keys(op.request.shape));
      // wrangler.jsonc sets no API_KEYS, so no 401 (test/worker/security.test.ts has the keyed document).
      expect(Object.keys(documented.responses)).toEqual(["200", "400", "413", "415", "500"]);
    }
  });
});
