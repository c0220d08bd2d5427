// Caller-chosen text is data at the Worker too (api.md "Errors"): the cases of
// test/shared/hostile-names.ts through the real routes inside workerd. Never a 5xx; each record
// comes back in its place, or a 400 problem names the key.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { operation } from "../../shared/operations.js";
import { NAME_CASES } from "../shared/hostile-names.js";

describe("names are data, on every route", () => {
  it.each(NAME_CASES.map((c) => [c.title, c] as const))("%s", async (_, c) => {
    const response = await SELF.fetch(`https://api.test${operation(c.operation).path}`, {
      method: "POST",
      body: c.body,
      headers: { "content-type": "application/json" },
    });
    const body = (await response.json()) as Record<string, unknown> & { errors?: { path: string; message: string }[] };
    if ("answered" in c.outcome) {
      expect(response.status, JSON.stringify(body.errors)).toBe(200);
      c.outcome.answered(body);
      return;
    }
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const { rejectedAt, mentioning } = c.outcome;
    const problem = body.errors?.find((p) => p.path === rejectedAt);
    expect(problem, `no problem at ${rejectedAt} in ${JSON.stringify(body.errors)}`).toBeDefined();
    if (mentioning !== undefined) expect(problem!.message).toContain(mentioning);
  });
});
