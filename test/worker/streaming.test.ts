// /v1/score and /v1/scenarios are streamed a school at a time (worker/json-stream.ts): the bytes
// must be exactly JSON.stringify of the whole answer, across chunks and multi-byte text.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { operation } from "../../shared/operations.js";
import { generateConsortium } from "../../shared/samples/consortium.js";
import { textStream } from "../../worker/json-stream.js";

const post = (path: string, body: unknown) =>
  SELF.fetch(`https://api.test${path}`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });

/** A consortium whose names and districts need more than one byte a character, and escapes. */
function request(schools: number) {
  const body = generateConsortium({ schools, seed: 11, year: 2014 });
  body.schools.forEach((school, i) => {
    school.name = `Escuela Niño ${i} «Ñandú» 学校 😀 "quoted" \\ \u2028`;
    if (i % 3 === 0) school.district = "Distrito Año";
  });
  return body;
}

async function whole(name: "score" | "scenarios", body: unknown): Promise<string> {
  const parsed = await operation(name).run(body);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 3)));
  return JSON.stringify(parsed.value);
}

describe("streamed answers", () => {
  it("POST /v1/score: the same bytes as JSON.stringify of the whole answer, over many chunks", async () => {
    const body = request(120);
    const response = await post("/v1/score", body);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    const bytes = new Uint8Array(await response.arrayBuffer());
    const expected = new TextEncoder().encode(await whole("score", body));
    expect(bytes.length).toBeGreaterThan(4 * 64 * 1024);
    expect(bytes).toEqual(expected);
  });

  it("POST /v1/scenarios: the same bytes as JSON.stringify of the whole answer", async () => {
    const body = {
      ...request(60),
      scenarios: [{ name: "base" }, { name: "minN 11", config: { minN: 11 } }, { name: "50/50", config: { domainWeights: { academic: 0.5, secc: 0.5 } } }],
    };
    const response = await post("/v1/scenarios", body);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(await whole("scenarios", body));
  });

  it("problems are still answered whole, as problem+json", async () => {
    const response = await post("/v1/score", { schools: [{ id: "A" }] });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });

  it("textStream encodes pieces whole, so no character is split between chunks", async () => {
    const pieces = Array.from({ length: 5000 }, (_, i) => `"${"é😀".repeat(i % 7)}${i}",`);
    const text = await new Response(textStream(pieces)).text();
    expect(text).toBe(pieces.join(""));
  });

  it("textStream keeps every piece in order around chunk edges: 1-, 2-, 3- and 4-byte characters, pieces larger than a chunk, empty ones", async () => {
    const pieces = [
      "a".repeat(21_845),
      "学".repeat(21_845), // 65,535 bytes: one short of a chunk
      "",
      "学".repeat(21_846), // 65,538 bytes: more than a chunk
      "é".repeat(32_768), // exactly a chunk
      "😀".repeat(20_000),
      "a".repeat(65_536),
      "x",
      "é学😀".repeat(30_000),
      "",
      "end",
    ];
    for (const order of [pieces, [...pieces].reverse()]) {
      const chunks: Uint8Array[] = [];
      const reader = textStream(order).getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
      expect(chunks.every((c) => c.length > 0 && c.length <= 64 * 1024)).toBe(true);
      expect(new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(await new Blob(chunks).arrayBuffer())).toBe(order.join(""));
      // Each chunk ends on a whole character: decoded alone, none is cut.
      for (const chunk of chunks) expect(() => new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(chunk)).not.toThrow();
    }
  });
});
