// `npm run bench:memory`: the Worker's own handler (createApp().fetch, the code path workerd runs)
// answering POST /v1/score for 1,500, 10,000 and 20,000 schools, each in a fresh Node process capped
// like a Worker isolate (`--max-old-space-size=128`). Prints the status, the peak heap seen (the
// largest heap in use when a garbage collection started, from --trace-gc), the time to the whole
// answer, and its size. Figures are per run; timings on a shared machine are noisy, so each size
// runs REPEATS times and the median time and the largest peak are shown.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { dirname } from "node:path";
import { build } from "esbuild";
import { formatRequestJson, generateConsortium, SAMPLE_OPTIONS, STATEWIDE_JSON, STATEWIDE_OPTIONS } from "../../shared/samples/consortium.js";

const HEAP_MB = Number(process.env.HEAP_MB ?? 128); // a Worker isolate's memory, on every plan (HEAP_MB=1024 to see past it)
const REPEATS = Number(process.env.REPEATS ?? 3);
const HANDLER = "tmp/bench-memory/handler.mjs";
const PATH = process.env.ROUTE ?? "/v1/score";

interface Size {
  schools: number;
  file: string;
  options: { schools: number; seed: number; year: number };
}

const SIZES: Size[] = [
  { schools: 1_500, file: "examples/core-sample.json", options: SAMPLE_OPTIONS },
  { schools: 10_000, file: STATEWIDE_JSON, options: STATEWIDE_OPTIONS },
  { schools: 20_000, file: "tmp/bench-memory/schools-20000.json", options: { schools: 20_000, seed: 20_140, year: 2014 } },
];

interface Run {
  ok: boolean;
  status: number | null;
  bytes: number | null;
  totalMs: number | null;
  peakHeapMb: number;
  maxRssMb: number | null;
  error: string | null;
}

async function ensureInput(size: Size): Promise<number> {
  if (!existsSync(size.file)) {
    console.log(`generating ${size.file} …`);
    await mkdir(dirname(size.file), { recursive: true });
    await writeFile(size.file, formatRequestJson(generateConsortium(size.options)));
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

function runOnce(file: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, "--trace-gc", HANDLER, file, PATH, JSON.stringify(env)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let peak = 0;
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
        if (gc) peak = Math.max(peak, Number(gc[1]));
        else if (line.startsWith("RESULT ")) result = JSON.parse(line.slice(7));
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

async function main(): Promise<void> {
  console.log(`Node ${process.version} · ${cpus()[0]?.model ?? "unknown CPU"} (${cpus().length} threads)`);
  // The limits of wrangler.jsonc unless overridden, e.g. MAX_BODY_BYTES=67108864 to look past the byte limit.
  const env: Record<string, string> = {};
  for (const name of ["MAX_BODY_BYTES", "MAX_SCHOOLS"]) if (process.env[name]) env[name] = process.env[name]!;
  console.log(`POST ${PATH} through createApp().fetch under node --max-old-space-size=${HEAP_MB}; ${REPEATS} run(s) per size, each in a fresh process`);
  if (Object.keys(env).length > 0) console.log(`Worker vars: ${JSON.stringify(env)}`);
  console.log();
  await bundleHandler();
  const rows: string[][] = [];
  for (const size of SIZES) {
    const requestBytes = await ensureInput(size);
    const runs: Run[] = [];
    for (let i = 0; i < REPEATS; i++) runs.push(await runOnce(size.file, env));
    const done = runs.filter((r) => r.totalMs !== null);
    const failed = runs.find((r) => !r.ok);
    rows.push([
      size.schools.toLocaleString("en-US"),
      `${(requestBytes / 1e6).toFixed(1)} MB`,
      failed ? (failed.error ?? `status ${failed.status}`) : "200",
      `${Math.max(...runs.map((r) => r.peakHeapMb)).toFixed(0)} MB`,
      done.length > 0 ? `${Math.max(...done.map((r) => r.maxRssMb!)).toFixed(0)} MB` : "",
      done.length > 0 ? median(done.map((r) => r.totalMs!)).toFixed(0) : "",
      done[0]?.bytes != null ? `${(done[0].bytes / 1e6).toFixed(1)} MB` : "",
      failed ? "MISS" : "PASS",
    ]);
  }
  const header = ["schools", "request", "answer", "peak heap", "max RSS", "ms (median)", "reply", `200 within ${HEAP_MB} MB`];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i === 0 || i === 5 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
  console.log(
    "\npeak heap: the most JS heap in use when a collection began (--trace-gc), or at the end; the request body's bytes live outside the heap, as in workerd.",
  );
}

await main();
