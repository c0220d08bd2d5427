// `npm run bench:memory`: the Worker's own handler (createApp().fetch, the code path workerd runs)
// answering POST /v1/score for 1,500, 10,000 and 20,000 schools, and POST /v1/scenarios for the
// statewide file under the ten scenarios of `npm run bench`, each in a fresh Node process capped
// like a Worker isolate (`--max-old-space-size=128`). Prints the status, the peak heap seen (the
// largest heap in use when a garbage collection started, from --trace-gc), the same plus the
// array buffers alive then (request bytes, response chunks: outside the heap, and perhaps counted
// by Cloudflare's 128 MB too), the time to the whole answer, and its size. Timings on a shared
// machine are noisy, so each size runs REPEATS times: the median time and the largest peaks are shown.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { dirname } from "node:path";
import { build } from "esbuild";
import {
  formatRequestJson,
  generateConsortium,
  SAMPLE_OPTIONS,
  STATEWIDE_JSON,
  STATEWIDE_OPTIONS,
  STATEWIDE_PRIOR_OPTIONS,
} from "../../shared/samples/consortium.js";
import { DEFAULT_LIMITS } from "../../worker/settings.js";
import { SWEEP_SCENARIOS } from "./sweep.js";

const HEAP_MB = Number(process.env.HEAP_MB ?? 128); // a Worker isolate's memory, on every plan (HEAP_MB=1024 to see past it)
const REPEATS = Number(process.env.REPEATS ?? 3);
const HANDLER = "tmp/bench-memory/handler.mjs";

interface Size {
  schools: number;
  file: string;
  options: Parameters<typeof generateConsortium>[0];
  /** Said after the number of schools, e.g. "with prior years". */
  note?: string;
  /** POST /v1/score, or /v1/scenarios with these scenarios added to the request. */
  path: "/v1/score" | "/v1/scenarios";
  scenarios?: { name: string; config?: object }[];
}

const SIZES: Size[] = [
  { schools: 1_500, file: "examples/core-sample.json", options: SAMPLE_OPTIONS, path: "/v1/score" },
  { schools: 10_000, file: STATEWIDE_JSON, options: STATEWIDE_OPTIONS, path: "/v1/score" },
  { schools: 20_000, file: "tmp/bench-memory/schools-20000.json", options: { schools: 20_000, seed: 20_140, year: 2014 }, path: "/v1/score" },
  // §13: a prior year for every school about doubles a request; 8,500 such schools are about the most under MAX_BODY_BYTES.
  {
    schools: 8_500,
    file: "tmp/bench-memory/prior-8500.json",
    options: { ...STATEWIDE_PRIOR_OPTIONS, schools: 8_500 },
    path: "/v1/score",
    note: "with prior years",
  },
  { schools: 10_000, file: "tmp/bench-memory/prior-10000.json", options: STATEWIDE_PRIOR_OPTIONS, path: "/v1/score", note: "with prior years" },
  { schools: 10_000, file: "tmp/bench-memory/sweep-10000.json", options: STATEWIDE_OPTIONS, path: "/v1/scenarios", scenarios: SWEEP_SCENARIOS },
];

interface Run {
  ok: boolean;
  status: number | null;
  bytes: number | null;
  totalMs: number | null;
  peakHeapMb: number;
  /** Heap in use when a collection began plus the array buffers' backing stores then. */
  peakWithBuffersMb: number;
  maxRssMb: number | null;
  error: string | null;
}

async function ensureInput(size: Size): Promise<number> {
  if (!existsSync(size.file)) {
    console.log(`generating ${size.file} …`);
    await mkdir(dirname(size.file), { recursive: true });
    const request = generateConsortium(size.options);
    await writeFile(size.file, size.scenarios ? JSON.stringify({ ...request, scenarios: size.scenarios }) : formatRequestJson(request));
  }
  return (await readFile(size.file)).length;
}

/** The handler and everything it imports in one file, bundled like wrangler bundles the Worker. */
async function bundleHandler(): Promise<void> {
  await build({
    entryPoints: ["scripts/bench/memory-handler.ts"],
    outfile: HANDLER,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
  });
}

// `[pid:0x…]   123 ms: Mark-Compact 95.3 (120.2) -> 80.1 (110.3) MB, …`: the heap in use when the GC began.
const GC_LINE = /: (?:Scavenge|Mark-Compact|Mark-sweep|Minor Mark-Compact|Mark-Compact \(reduce\))[^\d]*([\d.]+) \(([\d.]+)\) -> ([\d.]+)/;
// --trace-gc-verbose, after each collection: `Backing store memory:   8977 KB` (array buffers).
const BACKING_LINE = /Backing store memory:\s+(\d+) KB/;

function runOnce(file: string, path: string, env: Record<string, string>, heapMb = HEAP_MB): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, "--trace-gc", "--trace-gc-verbose", HANDLER, file, path, JSON.stringify(env)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let peak = 0;
    let peakWithBuffers = 0;
    let heapBefore = 0;
    let buffersBefore = 0;
    let result: Record<string, number> | null = null;
    let stderr = "";
    let buffered = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (data: string) => {
      buffered += data;
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) {
        const gc = GC_LINE.exec(line);
        const backing = BACKING_LINE.exec(line);
        if (gc) {
          heapBefore = Number(gc[1]);
          peak = Math.max(peak, heapBefore);
        } else if (backing) {
          // The buffers alive at a collection's start: at least those it left, and those the last one left.
          const buffers = Number(backing[1]) / 1024;
          peakWithBuffers = Math.max(peakWithBuffers, heapBefore + Math.max(buffers, buffersBefore));
          buffersBefore = buffers;
        } else if (line.startsWith("RESULT ")) result = JSON.parse(line.slice(7));
      }
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (data: string) => {
      stderr += data;
    });
    child.on("close", (code) => {
      const r = result as Record<string, number> | null;
      if (r) peak = Math.max(peak, r.heapUsedEnd! / 2 ** 20);
      const oom = /heap out of memory|Allocation failed/i.test(stderr);
      resolve({
        ok: code === 0 && r !== null && r.status === 200,
        status: r ? r.status! : null,
        bytes: r ? r.bytes! : null,
        totalMs: r ? r.totalMs! : null,
        peakHeapMb: peak,
        peakWithBuffersMb: Math.max(peak, peakWithBuffers),
        maxRssMb: r ? r.maxRssKb! / 1024 : null,
        error: code === 0 ? null : oom ? "out of memory" : `exit ${code}: ${stderr.trim().split("\n").slice(-1)[0] ?? ""}`,
      });
    });
  });
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The smallest old-space cap (to 4 MB) at which the handler still answers 200: what a request
 * needs, where the peak heap seen also counts garbage not yet collected. Each step is a fresh run.
 */
async function smallestHeap(size: Size, env: Record<string, string>): Promise<string> {
  let fails = 16;
  let fits = 512;
  if (!(await runOnce(size.file, size.path, env, fits)).ok) return `> ${fits} MB`;
  while (fits - fails > 4) {
    const mid = Math.round((fails + fits) / 2);
    if ((await runOnce(size.file, size.path, env, mid)).ok) fits = mid;
    else fails = mid;
  }
  return `${fits} MB`;
}

async function main(): Promise<void> {
  console.log(`Node ${process.version} · ${cpus()[0]?.model ?? "unknown CPU"} (${cpus().length} threads)`);
  // The limits of wrangler.jsonc unless overridden, e.g. MAX_BODY_BYTES=67108864 to look past the byte limit.
  const search = process.argv.includes("--smallest-heap");
  const env: Record<string, string> = {};
  for (const name of ["MAX_BODY_BYTES", "MAX_SCHOOLS"]) if (process.env[name]) env[name] = process.env[name]!;
  console.log(`POST through createApp().fetch under node --max-old-space-size=${HEAP_MB}; ${REPEATS} run(s) per size, each in a fresh process`);
  if (Object.keys(env).length > 0) console.log(`Worker vars: ${JSON.stringify(env)}`);
  console.log();
  await bundleHandler();
  const rows: string[][] = [];
  // SIZES=20000 (comma-separated) runs only those sizes.
  const only = process.env.SIZES?.split(",").map(Number);
  for (const size of SIZES.filter((s) => !only || only.includes(s.schools))) {
    const requestBytes = await ensureInput(size);
    // A request over the byte limit would be refused (413) before it is read: to see its memory, the
    // limit is lifted for that row (unless MAX_BODY_BYTES is given), and the row says so.
    const lifted = env.MAX_BODY_BYTES === undefined && requestBytes > DEFAULT_LIMITS.maxBytes;
    const rowEnv = lifted ? { ...env, MAX_BODY_BYTES: String(2 * requestBytes) } : env;
    const runs: Run[] = [];
    for (let i = 0; i < REPEATS; i++) runs.push(await runOnce(size.file, size.path, rowEnv));
    const done = runs.filter((r) => r.totalMs !== null);
    const failed = runs.find((r) => !r.ok);
    rows.push([
      size.path,
      size.schools.toLocaleString("en-US") + (size.scenarios ? ` × ${size.scenarios.length} scenarios` : "") + (size.note ? ` ${size.note}` : ""),
      `${(requestBytes / 1e6).toFixed(1)} MB`,
      (failed ? (failed.error ?? `status ${failed.status}`) : "200") + (lifted ? "*" : ""),
      `${Math.max(...runs.map((r) => r.peakHeapMb)).toFixed(0)} MB`,
      `${Math.max(...runs.map((r) => r.peakWithBuffersMb)).toFixed(0)} MB`,
      done.length > 0 ? `${Math.max(...done.map((r) => r.maxRssMb!)).toFixed(0)} MB` : "",
      done.length > 0 ? median(done.map((r) => r.totalMs!)).toFixed(0) : "",
      done[0]?.bytes != null ? `${(done[0].bytes / 1e6).toFixed(1)} MB` : "",
      failed ? "MISS" : "PASS",
      ...(search ? [await smallestHeap(size, rowEnv)] : []),
    ]);
  }
  const header = [
    "route",
    "schools",
    "request",
    "answer",
    "peak heap",
    "+ buffers",
    "max RSS",
    "ms (median)",
    "reply",
    `200 within ${HEAP_MB} MB`,
    ...(search ? ["smallest cap"] : []),
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i === 1 || i === 7 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
  if (rows.some((r) => r[3]!.endsWith("*"))) {
    console.log(
      `\n* over MAX_BODY_BYTES (${DEFAULT_LIMITS.maxBytes.toLocaleString("en-US")} bytes): the Worker answers it 413 unless the limit is raised; lifted here to see its memory.`,
    );
  }
  console.log(
    "\npeak heap: the most JS heap in use when a collection began (--trace-gc), or at the end: it counts garbage not yet\n" +
      "collected and the young generation, which the old-space cap leaves out. + buffers: that heap plus the array buffers alive\n" +
      "then (--trace-gc-verbose), which the cap does not limit: the request's bytes (twice over while Node's fetch gathers\n" +
      "them) and the answer's chunks. smallest cap (with --smallest-heap): the smallest\n" +
      "--max-old-space-size that still answers 200, to 4 MB — what the request needs.",
  );
}

await main();
