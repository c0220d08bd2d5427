import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { freePort } from "../../scripts/dev/wrangler-dev.js";
import { callEngine } from "../../shared/client/api-client.js";
import type { EducatorsResponse } from "../../shared/contract/educators.js";
import type { CutPointsResponse, ScenariosResponse, ScoreResponse } from "../../shared/contract/responses.js";
import { OPERATION_LIST } from "../../shared/operations.js";

// A stand-in API on loopback: each path answers one way.
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const send = (status: number, body: unknown, type = "application/json") => {
      res.writeHead(status, { "content-type": type });
      res.end(type === "text/html" ? String(body) : JSON.stringify(body));
    };
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => {
      if (req.url === "/ok/v1/score") return send(200, { echo: JSON.parse(text), auth: req.headers.authorization ?? null });
      if (req.url?.startsWith("/paths/")) return send(200, { method: req.method, url: req.url });
      if (req.url === "/bad/v1/score")
        return send(
          400,
          { status: 400, detail: "1 problem", errors: [{ path: "schools[0].id", message: "expected a school id" }] },
          "application/problem+json",
        );
      if (req.url === "/flood/v1/score")
        return send(
          400,
          {
            status: 400,
            detail: "1002 problems found",
            errors: [
              { path: "a", message: "x" },
              { path: "b", message: "y" },
            ],
            more: 1000,
          },
          "application/problem+json",
        );
      if (req.url === "/keyed/v1/score") return send(401, { status: 401, detail: "send Authorization" }, "application/problem+json");
      if (req.url === "/down/v1/score") return send(503, { status: 503, detail: "busy" }, "application/problem+json");
      // Cloudflare's own page when the Worker runs out of CPU time (not the API's problem+json).
      if (req.url === "/cpu/v1/score")
        return send(
          503,
          "<html><title>Worker exceeded resource limits | api.example</title><h1>Error 1102</h1> Worker exceeded resource limits</html>",
          "text/html",
        );
      // A streamed answer cut part way: the 200 and the first bytes went out, then the Worker stopped.
      if (req.url === "/cut/v1/score") return send(200, '{"methodologyVersion":"x","results":[{"id":"A"', "text/html");
      if (req.url === "/reset/v1/score") {
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"results":[');
        setTimeout(() => res.destroy(), 20);
        return;
      }
      if (req.url === "/html500/v1/score") return send(502, "<html><h1>502 Bad Gateway</h1></html>", "text/html");
      if (req.url === "/big/v1/score") return send(413, { status: 413, detail: "25000 schools sent; at most 20000" }, "application/problem+json");
      // /slow: never answers
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("callEngine", () => {
  it("posts JSON with the key and returns the answer", async () => {
    const out = await callEngine("score", { schools: [] }, { endpoint: `${base}/ok/`, apiKey: "k1" });
    expect(out).toEqual({ ok: true, value: { echo: { schools: [] }, auth: "Bearer k1" } });
  });

  it("turns a 400 into the problems to show at their cells", async () => {
    expect(await callEngine("score", {}, { endpoint: `${base}/bad` })).toEqual({
      ok: false,
      kind: "invalid",
      problems: [{ path: "schools[0].id", message: "expected a school id" }],
    });
  });

  it("keeps the count of the problems a 400 found but did not list", async () => {
    expect(await callEngine("score", {}, { endpoint: `${base}/flood` })).toMatchObject({ ok: false, kind: "invalid", total: 1002 });
  });

  it("says whether a retry can help", async () => {
    expect(await callEngine("score", {}, { endpoint: `${base}/keyed` })).toMatchObject({
      ok: false,
      kind: "refused",
      retry: false,
      message: expect.stringContaining("API key"),
    });
    expect(await callEngine("score", {}, { endpoint: `${base}/big` })).toMatchObject({
      ok: false,
      kind: "refused",
      retry: false,
      message: expect.stringContaining("at most 20000"),
    });
    expect(await callEngine("score", {}, { endpoint: `${base}/down` })).toMatchObject({
      ok: false,
      kind: "server",
      retry: true,
      message: expect.stringContaining("busy"),
    });
    // Out of CPU on Cloudflare: the same request fails again; the way out is local mode or the paid plan.
    expect(await callEngine("score", {}, { endpoint: `${base}/cpu` })).toMatchObject({
      ok: false,
      kind: "refused",
      retry: false,
      message: expect.stringMatching(/error 1102.*free plan.*Local in the add-in's settings/s),
    });
    for (const cut of ["cut", "reset"]) {
      expect(await callEngine("score", {}, { endpoint: `${base}/${cut}` })).toMatchObject({
        ok: false,
        kind: "server",
        retry: true,
        message: expect.stringMatching(/stopped part way.*CPU time or memory.*score locally/s),
      });
    }
    // Another page that is not JSON: a server error, retryable, said with its status.
    expect(await callEngine("score", {}, { endpoint: `${base}/html500` })).toMatchObject({
      ok: false,
      kind: "server",
      retry: true,
      message: expect.stringContaining("(502)"),
    });
    expect(await callEngine("score", {}, { endpoint: `${base}/slow`, timeoutMs: 300 })).toMatchObject({
      ok: false,
      kind: "timeout",
      retry: true,
      message: expect.stringContaining("0.3 s"),
    });
    const closed = `http://127.0.0.1:${await freePort()}`;
    expect(await callEngine("score", {}, { endpoint: closed })).toMatchObject({ ok: false, kind: "network", retry: true });
  });

  it("local mode runs the engine with no network, problems in the same shape", async () => {
    const ok = await callEngine("score", { schools: [] }, { endpoint: "local" });
    expect(ok.ok && ok.value.results).toEqual([]);
    const bad = await callEngine("score", { schools: [{ id: "A" }] }, { endpoint: "local" });
    expect(bad).toMatchObject({
      ok: false,
      kind: "invalid",
      problems: expect.arrayContaining([expect.objectContaining({ path: "schools[0].level", schoolId: "A" })]),
    });
    const scenarios = await callEngine("scenarios", { schools: [], scenarios: [{ name: "base" }] }, { endpoint: "local" });
    expect(scenarios.ok && scenarios.value.scenarios.map((s) => s.name)).toEqual(["base"]);
  });

  it("runs every registry operation locally, typed by its name", async () => {
    const score = await callEngine("score", { schools: [] }, { endpoint: "local" });
    const scenarios = await callEngine("scenarios", { schools: [], scenarios: [{ name: "base" }] }, { endpoint: "local" });
    const cutPoints = await callEngine("cutPoints", { schools: [] }, { endpoint: "local" });
    const educators = await callEngine("educators", { educators: [] }, { endpoint: "local" });
    if (!score.ok || !scenarios.ok || !cutPoints.ok || !educators.ok) throw new Error("a local run failed");
    // Checked by the type-check (npm run typecheck): the answer's type follows from the name alone.
    expectTypeOf(score.value).toEqualTypeOf<ScoreResponse>();
    expectTypeOf(scenarios.value).toEqualTypeOf<ScenariosResponse>();
    expectTypeOf(cutPoints.value).toEqualTypeOf<CutPointsResponse>();
    expectTypeOf(educators.value).toEqualTypeOf<EducatorsResponse>();
    expect(cutPoints.value.skipped.ela).toContain("only 0 schools");
    expect(educators.value.results).toEqual([]);
  });

  it("posts each operation to the registry's path", async () => {
    for (const op of OPERATION_LIST) {
      const out = await callEngine(op.name, {}, { endpoint: `${base}/paths` });
      expect(out).toEqual({ ok: true, value: { method: op.method, url: `/paths${op.path}` } });
    }
  });
});
