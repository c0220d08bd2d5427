// One request through the Worker's own fetch handler (createApp().fetch: routing, body checks,
// engine, response), in a process of its own so that its heap is the request's. Bundled by
// bench-memory.ts into tmp/ and run with `node --max-old-space-size=128 --trace-gc`; prints one
// `RESULT {…}` line. Not part of the Worker.
import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { Readable } from "node:stream";
import { createApp } from "../../worker/app.js";

const [file, path = "/v1/score", envJson = "{}"] = process.argv.slice(2);
if (!file) throw new Error("usage: memory-handler <request.json> [path] [env as JSON]");

// The body streamed from disk in chunks, as a request body arrives in workerd: this process holds
// no copy of it; only the handler's own read of it counts.
const app = createApp();
const request = new Request(`http://localhost${path}`, {
  method: "POST",
  headers: { "content-type": "application/json", "content-length": String(statSync(file).size) },
  body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
  duplex: "half",
} as RequestInit);
const start = performance.now();
const response = await app.fetch(request, JSON.parse(envJson));
const headers = performance.now();
// Read the answer as a client would, chunk by chunk, keeping only its length and hash.
let length = 0;
const hash = createHash("sha256");
if (response.body) {
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    length += chunk.length;
    hash.update(chunk);
  }
}
const end = performance.now();
const memory = process.memoryUsage();
console.log(
  `RESULT ${JSON.stringify({
    status: response.status,
    bytes: length,
    sha256: hash.digest("hex"),
    headersMs: headers - start,
    totalMs: end - start,
    heapUsedEnd: memory.heapUsed,
    maxRssKb: process.resourceUsage().maxRSS,
  })}`,
);
