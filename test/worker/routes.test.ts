// Every route and every error status, inside workerd, through the Worker as wrangler.jsonc configures it.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

const school = (id: string, ela = 40) => ({ id, level: "high", title1: "participating", subgroups: { ALL: { n: 50, ela, sel: 70 } } });
const post = (path: string, body: BodyInit | null, type = "application/json") =>
  SELF.fetch(`https://api.test${path}`, { method: "POST", body, headers: type ? { "content-type": type } : {} });

async function problem(response: Response) {
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  return (await response.json()) as {
    type: string;
    title: string;
    status: number;
    detail: string;
    errors?: { path: string; schoolId?: string; message: string }[];
  };
}

describe("POST /v1/score", () => {
  it("scores every school sent, in order, with the methodology version and config hash", async () => {
    const response = await post("/v1/score", JSON.stringify({ year: 2014, schools: [school("B"), school("A", 60)] }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { methodologyVersion: string; configHash: string; results: { id: string; status: string }[] };
    expect(body.methodologyVersion).toBe("sqii-2013.1");
    expect(body.configHash).toMatch(/^[0-9a-f]{64}$/);
    expect(body.results.map((r) => [r.id, r.status])).toEqual([
      ["B", "scored"],
      ["A", "scored"],
    ]);
  });

  it("answers 400 with every problem, its path and school id", async () => {
    const bad = { schools: [school("A", 140), { ...school("B"), level: "college" }, school("A")] };
    const body = await problem(await post("/v1/score", JSON.stringify(bad)));
    expect(body).toMatchObject({ status: 400, type: "urn:sqii:problem:invalidRequest", detail: "3 problems found; nothing was scored" });
    expect(body.errors).toEqual([
      { path: "schools[0].subgroups.ALL.ela", schoolId: "A", message: "expected a number from 0 to 100, got 140" },
      { path: "schools[1].level", schoolId: "B", message: 'expected one of elementary, middle, high, span, got "college"' },
      { path: "schools[2].id", schoolId: "A", message: 'duplicate school id "A" (first at schools[0])' },
    ]);
  });

  it("answers malformed, empty and non-UTF-8 bodies with 400 in the same shape, without echoing them", async () => {
    for (const [sent, detail] of [
      ['{"schools": [', "the body is not valid JSON"],
      ["", "the body is empty; expected a JSON object"],
      [new Uint8Array([0x7b, 0xff, 0x7d]), "the body is not UTF-8 text"],
    ] as const) {
      const body = await problem(await post("/v1/score", sent));
      expect(body.status).toBe(400);
      expect(body.detail.startsWith(detail)).toBe(true);
      expect(JSON.stringify(body)).not.toContain("schools");
    }
  });

  it("answers a non-JSON content type with 415", async () => {
    expect((await problem(await post("/v1/score", "{}", "text/csv"))).status).toBe(415);
    expect((await problem(await post("/v1/score", "{}", ""))).status).toBe(415);
    expect((await post("/v1/score", '{"schools":[]}', "application/json; charset=utf-8")).status).toBe(200);
  });

  it("takes UTF-8 JSON only: another charset is a 415 that says so, utf-8 in any case or quoted is fine", async () => {
    for (const type of ["application/json; charset=utf-16", "application/json;charset=ISO-8859-1", 'application/json; charset="utf-16le"']) {
      const body = await problem(await post("/v1/score", '{"schools":[]}', type));
      expect(body, type).toMatchObject({ status: 415, type: "urn:sqii:problem:unsupportedMediaType" });
      expect(body.detail).toContain("must be UTF-8 JSON, not charset");
      expect(body.detail).toContain("charset=utf-8");
    }
    for (const type of ["application/json; charset=UTF-8", 'application/json; charset="utf-8"', "application/problem+json;charset=Utf-8"]) {
      expect((await post("/v1/score", '{"schools":[]}', type)).status, type).toBe(200);
    }
  });

  it("refuses a compressed body with a 415 that asks for identity, not a UTF-8 complaint", async () => {
    const gzipped = new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]);
    for (const encoding of ["gzip", "br", "deflate", "GZIP", "identity, gzip"]) {
      const response = await SELF.fetch("https://api.test/v1/score", {
        method: "POST",
        body: gzipped,
        headers: { "content-type": "application/json", "content-encoding": encoding },
      });
      expect(response.status, encoding).toBe(415);
      expect(response.headers.get("accept-encoding")).toBe("identity");
      const body = await problem(response);
      expect(body.detail).toMatch(/^compressed bodies are not accepted \(Content-Encoding "[a-z, ]+"\); send the JSON uncompressed \(identity\)$/);
    }
    const identity = await SELF.fetch("https://api.test/v1/score", {
      method: "POST",
      body: '{"schools":[]}',
      headers: { "content-type": "application/json", "content-encoding": "identity" },
    });
    expect(identity.status).toBe(200);
  });
});

describe("POST /v1/scenarios and /v1/cut-points", () => {
  it("compares scenarios against the first", async () => {
    const response = await post(
      "/v1/scenarios",
      JSON.stringify({ schools: [school("A")], scenarios: [{ name: "base" }, { name: "academic", config: { domainWeights: { secc: 0 } } }] }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { scenarios: { name: string }[]; schools: { changes: { scenario: string }[] }[] };
    expect(body.scenarios.map((s) => s.name)).toEqual(["base", "academic"]);
    expect(body.schools[0]!.changes[0]!.scenario).toBe("academic");
  });

  it("computes norm cut points, and says which indicators had too few schools", async () => {
    const schools = Array.from({ length: 12 }, (_, i) => school(`S${i}`, i + 1));
    const body = (await (await post("/v1/cut-points", JSON.stringify({ schools }))).json()) as {
      cutPoints: Record<string, number[]>;
      skipped: Record<string, string>;
    };
    expect(body.cutPoints.ela).toEqual([2, 3, 4, 5, 6, 8, 9, 10, 11]);
    expect(body.skipped.math).toContain("only 0 schools");
  });
});

describe("GET routes", () => {
  it("/v1/config/default gives the config with version and hash", async () => {
    const body = (await (await SELF.fetch("https://api.test/v1/config/default")).json()) as {
      methodologyVersion: string;
      configHash: string;
      config: { minN: number };
    };
    expect(body.config.minN).toBe(20);
    expect(body.configHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("/health is alive", async () => {
    expect(await (await SELF.fetch("https://api.test/health")).json()).toMatchObject({ status: "ok", methodologyVersion: "sqii-2013.1" });
  });

  it("/openapi.json is OpenAPI 3.1 with every route, generated from the schemas", async () => {
    const doc = (await (await SELF.fetch("https://api.test/openapi.json")).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } }>>;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/docs",
      "/health",
      "/openapi.json",
      "/v1/config/default",
      "/v1/cut-points",
      "/v1/educators/score",
      "/v1/scenarios",
      "/v1/score",
    ]);
    const schema = doc.paths["/v1/score"]!.post!.requestBody!.content["application/json"]!.schema;
    expect(Object.keys(schema.properties)).toEqual(["year", "config", "schools"]);
  });

  it("/docs is a page that reads /openapi.json", async () => {
    const response = await SELF.fetch("https://api.test/docs");
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(await response.text()).toContain('fetch("/openapi.json")');
  });
});

describe("unknown routes and methods", () => {
  it("404 in the problem shape", async () => {
    expect(await problem(await SELF.fetch("https://api.test/v2/score"))).toMatchObject({ status: 404, type: "urn:sqii:problem:notFound" });
  });

  it("405 with Allow for a known path", async () => {
    const response = await SELF.fetch("https://api.test/v1/score");
    expect(response.headers.get("allow")).toBe("POST");
    expect((await problem(response)).status).toBe(405);
  });
});

describe("POST /v1/educators/score", () => {
  const teacher = (id: string, school: string, growth?: number) => ({
    id,
    role: "teacher",
    school,
    district: "Oakland",
    measures: { practice: 3, ...(growth !== undefined && { growth }) },
  });

  it("rates educators and reports the distribution, suppressing small groups", async () => {
    const educators = [
      ...Array.from({ length: 12 }, (_, i) => teacher(`A${i}`, "A", 3)),
      ...Array.from({ length: 3 }, (_, i) => teacher(`B${i}`, "B", 3)),
      teacher("C0", "C"),
    ];
    const response = await post("/v1/educators/score", JSON.stringify({ educators }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      results: { id: string; status: string }[];
      distribution: { schools: Record<string, { teacher: { suppressed: boolean } }> };
    };
    expect(body.results).toHaveLength(16);
    expect(body.results.at(-1)).toMatchObject({ id: "C0", status: "unrated" });
    expect(body.distribution.schools.B!.teacher.suppressed).toBe(true);
    // C (only an unrated educator: 0 rated) is hidden too, so two groups hide each other: A stays shown.
    expect(body.distribution.schools.A!.teacher.suppressed).toBe(false);
  });

  it("rejects a model whose growth weight is under 20%, naming the district, as problem+json", async () => {
    const bad = { config: { models: { Oakland: { model: "weighted", weights: { growth: 0.05 } } } }, educators: [teacher("A0", "A", 3)] };
    const body = await problem(await post("/v1/educators/score", JSON.stringify(bad)));
    expect(body.status).toBe(400);
    expect(body.errors![0]!.message).toContain('district "Oakland"');
  });
});
