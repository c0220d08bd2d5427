// An unexpected error: 500 in the problem shape, with nothing of the request in the answer or the log.
import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../worker/app.js";

afterEach(() => vi.restoreAllMocks());

describe("unexpected errors", () => {
  it("answer 500 without internals, echo nothing and log only the error's name", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const app = createApp();
    // A handler that fails with the request's own data in its message, as a bug might.
    app.post("/v1/explode", async (c) => {
      throw new TypeError(`cannot read ${await c.req.text()}`);
    });
    const secret = "student-ela-value-73.4";
    const response = await app.request("/v1/explode", { method: "POST", body: secret, headers: { "content-type": "application/json" } }, env);
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ type: "urn:sqii:problem:internal", status: 500 });
    expect(text).not.toContain(secret);
    expect(text).not.toContain("TypeError");
    expect(logged).toHaveBeenCalledWith("unhandled TypeError");
    expect(JSON.stringify(logged.mock.calls)).not.toContain(secret);
  });
});
