// End to end: the Worker under a real `wrangler dev` child process, over HTTP on loopback.
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startWranglerDev, type WranglerDev } from "../../scripts/dev/wrangler-dev.js";
import { generateConsortium } from "../../shared/samples/consortium.js";
import { scoreRequest } from "../../shared/schools/score.js";

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

describe("score --api", () => {
  it("the command line scores through the running Worker, same bytes as in-process", async () => {
    const request = generateConsortium({ schools: 60, seed: 12, year: 2014 });
    const file = path.join(await mkdtemp(path.join(tmpdir(), "sqii-api-")), "schools.json");
    await writeFile(file, JSON.stringify(request));
    const tsx = path.join(import.meta.dirname, "../../node_modules/.bin/tsx");
    const { stdout } = await promisify(execFile)(tsx, ["scripts/cli/score.ts", file, "--api", dev.url, "--key", "e2e-key"], {
      cwd: path.join(import.meta.dirname, "../.."),
      maxBuffer: 1 << 26,
    });
    const local = await scoreRequest(request);
    expect(stdout).toBe(`${JSON.stringify(local.ok && local.value)}\n`);
  });
});
