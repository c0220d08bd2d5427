// Auth, CORS and limits, inside workerd, with the settings varied per test through the env.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import app from "../../worker/index.js";

const ORIGIN = "https://addin.example";
const settings = (extra: Record<string, string>) => ({ ...env, ALLOWED_ORIGINS: ORIGIN, ...extra });
const score = (headers: Record<string, string>, extra: Record<string, string> = {}, body = '{"schools":[]}') =>
  app.request("/v1/score", { method: "POST", body, headers: { "content-type": "application/json", ...headers } }, settings(extra));

describe("authentication (API_KEYS)", () => {
  it("is off without keys", async () => {
    expect((await score({})).status).toBe(200);
  });

  it("with keys, needs Authorization: Bearer <key> on /v1 routes", async () => {
    const keyed = { API_KEYS: "first-key, second-key" };
    const missing = await score({}, keyed);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toBe('Bearer realm="sqii"');
    expect((await score({ authorization: "Bearer second-key" }, keyed)).status).toBe(200);
    expect((await score({ authorization: "bearer  first-key " }, keyed)).status).toBe(200);
    const config = await app.request("/v1/config/default", {}, settings(keyed));
    expect(config.status).toBe(401);
    expect((await app.request("/v1/config/default", { method: "HEAD" }, settings(keyed))).status).toBe(401);
  });

  it("answers every header that is not one good key with the same 401 problem and a Bearer challenge", async () => {
    const keyed = { API_KEYS: "first-key, second-key" };
    const attempts: [string | undefined, string, string][] = [
      [undefined, "no API key was sent", 'Bearer realm="sqii"'],
      ["", "no API key was sent", 'Bearer realm="sqii"'],
      ["Basic Zmlyc3Qta2V5", "is not one Bearer token", 'error="invalid_request"'],
      ["Token first-key", "is not one Bearer token", 'error="invalid_request"'],
      ["Bearer", "is not one Bearer token", 'error="invalid_request"'],
      ["Bearer ", "is not one Bearer token", 'error="invalid_request"'],
      ["Bearer first-key,second-key", "is not one Bearer token", 'error="invalid_request"'],
      ["Bearer first-key second-key", "is not one Bearer token", 'error="invalid_request"'],
      ["Bearerfirst-key", "is not one Bearer token", 'error="invalid_request"'],
      ["Bearer wrong", "is not one of this Worker's keys", 'error="invalid_token"'],
      ["Bearer first-key-and-more", "is not one of this Worker's keys", 'error="invalid_token"'],
    ];
    for (const [header, detail, challenge] of attempts) {
      const response = await score(header === undefined ? {} : { authorization: header }, keyed);
      expect(response.status, String(header)).toBe(401);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(response.headers.get("www-authenticate")).toContain(challenge);
      const body = (await response.json()) as { type: string; title: string; status: number; detail: string; errors?: unknown };
      expect(body).toMatchObject({ type: "urn:sqii:problem:unauthorized", title: "Missing or invalid API key", status: 401 });
      expect(body.detail).toContain(detail);
      expect(body.detail).toContain("send Authorization: Bearer <one of the API keys>");
      expect(body.errors).toBeUndefined();
    }
  });

  it("with keys, still answers an unknown path 404 and a wrong method 405 (the routes are public in /openapi.json)", async () => {
    const keyed = settings({ API_KEYS: "k" });
    const unknown = await app.request("/v1/nothing", { method: "POST" }, keyed);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("www-authenticate")).toBeNull();
    const wrongMethod = await app.request("/v1/score", { method: "GET" }, keyed);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("POST");
    // Nothing ran: a body sent with the wrong method is not read, and no key was needed to learn it.
    expect(await wrongMethod.text()).not.toContain("school");
  });

  it("leaves health, the OpenAPI document and the docs open", async () => {
    for (const path of ["/health", "/openapi.json", "/docs"]) {
      expect((await app.request(path, {}, settings({ API_KEYS: "k" }))).status).toBe(200);
    }
  });
});

describe("the OpenAPI document follows the keys", () => {
  type Doc = {
    servers: { url: string }[];
    security?: unknown;
    components: { securitySchemes?: Record<string, unknown> };
    paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
  };
  const documentOf = async (extra: Record<string, string>) =>
    (await (await app.request("https://sqii.test:8443/openapi.json", {}, settings(extra))).json()) as Doc;

  it("names the request's own origin as the server", async () => {
    expect((await documentOf({})).servers).toEqual([{ url: "https://sqii.test:8443", description: "this Worker" }]);
  });

  it("without keys, has no security scheme, no requirement and no 401 anywhere", async () => {
    const doc = await documentOf({});
    expect(doc.security).toBeUndefined();
    expect(doc.components.securitySchemes).toBeUndefined();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const op of Object.values(item)) {
        expect(op.security, path).toEqual([]);
        expect(Object.keys(op.responses), path).not.toContain("401");
      }
    }
  });

  it("with keys, puts the bearer requirement and a 401 on the /v1 routes only", async () => {
    const doc = await documentOf({ API_KEYS: "k" });
    expect(doc.security).toBeUndefined();
    expect(doc.components.securitySchemes).toEqual({ apiKey: { type: "http", scheme: "bearer", description: "One of the Worker's API_KEYS" } });
    for (const [path, item] of Object.entries(doc.paths)) {
      const keyed = path.startsWith("/v1/");
      for (const op of Object.values(item)) {
        expect(op.security, path).toEqual(keyed ? [{ apiKey: [] }] : []);
        expect(Object.keys(op.responses).includes("401"), path).toBe(keyed);
      }
    }
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith("/v1/"))).toEqual(["/health", "/openapi.json", "/docs"]);
  });
});

describe("CORS (ALLOWED_ORIGINS)", () => {
  const preflight = (origin: string, extra: Record<string, string> = {}) =>
    app.request(
      "/v1/score",
      { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" } },
      settings(extra),
    );

  it("answers the add-in's preflight even with auth on", async () => {
    const response = await preflight(ORIGIN, { API_KEYS: "k" });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(response.headers.get("access-control-allow-headers")).toContain("Authorization");
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
  });

  it("gives other origins no CORS grant", async () => {
    const response = await preflight("https://elsewhere.example");
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    const simple = await score({ origin: "https://elsewhere.example" });
    expect(simple.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("grants the allowed origin on the real request, errors included", async () => {
    const response = await score({ origin: ORIGIN }, { API_KEYS: "k" });
    expect(response.status).toBe(401);
    expect(response.headers.get("access-control-allow-origin")).toBe(ORIGIN);
  });
});

describe("limits", () => {
  it("answers a body over MAX_BODY_BYTES with 413", async () => {
    const response = await score({}, { MAX_BODY_BYTES: "100" }, JSON.stringify({ schools: [], pad: "x".repeat(200) }));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ type: "urn:sqii:problem:tooLarge", detail: "the body is larger than 100 bytes" });
  });

  it("answers more schools than MAX_SCHOOLS with 413, before validating them", async () => {
    const response = await score({}, { MAX_SCHOOLS: "3" }, JSON.stringify({ schools: [1, 2, 3, 4] }));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ detail: "4 schools sent; at most 3 in one request" });
    expect((await score({}, { MAX_SCHOOLS: "3" }, JSON.stringify({ schools: [] }))).status).toBe(200);
  });

  it("has the documented defaults: 32 MiB and 20,000 schools", async () => {
    const tooMany = JSON.stringify({ schools: Array.from({ length: 20_001 }, () => 0) });
    expect((await score({}, {}, tooMany)).status).toBe(413);
    const response = await app.request(
      "/v1/score",
      { method: "POST", body: "x", headers: { "content-type": "application/json", "content-length": String(32 * 1024 * 1024 + 1) } },
      settings({}),
    );
    expect(response.status).toBe(413);
  });
});
