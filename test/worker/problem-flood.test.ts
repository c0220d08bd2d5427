// The flood of issue 9 through the real route inside workerd, where zod runs interpreted: 20,000
// schools with 7 bad values each (a 3.7 MB body) is a 400 listing the first 1,000 problems and
// saying how many more there were, not a 500.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

describe("a flood of problems", () => {
  it("answers 400 with the first 1,000 problems and the count of the rest", async () => {
    const bad = { n: 100, ela: 105, math: 105, growth: 0, chronicAbsence: 105, suspension: 105, sel: 105, climate: 105 };
    const schools = Array.from({ length: 20_000 }, (_, i) => ({ id: `S${i}`, level: "elementary", title1: "participating", subgroups: { ALL: bad } }));
    const response = await SELF.fetch("https://api.test/v1/score", {
      method: "POST",
      body: JSON.stringify({ schools }),
      headers: { "content-type": "application/json" },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const body = (await response.json()) as { detail: string; errors: { path: string }[]; more: number };
    expect(body.detail).toBe("140000 problems found; the first 1000 are listed; nothing was scored");
    expect(body.errors).toHaveLength(1000);
    expect(body.errors[0]!.path).toBe("schools[0].subgroups.ALL.ela");
    expect(body.more).toBe(139_000);
  });
});
