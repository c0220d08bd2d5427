// End to end: the Worker under a real `wrangler dev` child process, over HTTP on loopback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoreRequest } from "../../shared/score.js";
import { generateConsortium } from "../../scripts/sample-data.js";
import { freePort, startWranglerDev, type WranglerDev } from "../../scripts/wrangler-dev.js";

let dev: WranglerDev;
beforeAll(async () => {
  dev = await startWranglerDev({ port: await freePort(), vars: { API_KEYS: "e2e-key" } });
}, 90_000);
afterAll(async () => {
  await dev?.stop();
});

const post = (path: string, body: string, key = "e2e-key") =>
  fetch(`${dev.url}${path}`, { method: "POST", body, headers: { "content-type": "application/json", authorization: `Bearer ${key}` } });

describe("wrangler dev", () => {
  it("answers exactly what the engine answers in-process (api.md: byte-identical)", async () => {
    const request = generateConsortium({ schools: 300, seed: 11, year: 2014 });
    const response = await post("/v1/score", JSON.stringify(request));
    expect(response.status).toBe(200);
    const local = await scoreRequest(request);
    if (!local.ok) throw new Error("the sample should be valid");
    expect(await response.text()).toBe(JSON.stringify(local.value));
  });

  it("needs the key it was started with, and answers problems over HTTP", async () => {
    expect((await post("/v1/score", '{"schools":[]}', "wrong")).status).toBe(401);
    const bad = await post("/v1/score", '{"schools":[{"id":"A"}]}');
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
  });
});
