// A measuring entry (generated into tmp/, never part of worker/) run in workerd by wrangler's
// unstable_dev with the production wrangler.jsonc, for the benchmarks that time code inside workerd
// (bench:worker, bench:free-plan). Each entry answers GET with its timer probe: how far
// performance.now() moved over a fixed spin, which is 0 where workerd's timers stand still.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { unstable_dev } from "wrangler";
import { freePort, OFFLINE_ENV } from "../dev/wrangler-dev.js";

/**
 * Writes `source` to `entry`, starts it, reads its probe, and when the timers move hands its URL
 * to `measure`; null (and the probe) when they do not. The Worker is stopped in every case.
 */
export async function withMeasuringWorker<T>(
  entry: string,
  source: string,
  timeoutMs: number,
  measure: (url: string) => Promise<T>,
): Promise<{ probeMs: number; result: T | null }> {
  await mkdir(dirname(entry), { recursive: true });
  await writeFile(entry, source);
  Object.assign(process.env, OFFLINE_ENV); // unstable_dev runs wrangler in this process
  const worker = await unstable_dev(entry, {
    config: "wrangler.jsonc", // the production compatibility date, flags and limits
    ip: "127.0.0.1",
    port: await freePort(),
    inspect: false,
    logLevel: "warn",
    experimental: { disableExperimentalWarning: true },
  });
  try {
    const url = `http://127.0.0.1:${worker.port}/`;
    const probe = (await (await fetch(url, { signal: AbortSignal.timeout(timeoutMs) })).json()) as { elapsed: number };
    if (!(probe.elapsed > 0)) return { probeMs: probe.elapsed, result: null };
    return { probeMs: probe.elapsed, result: await measure(url) };
  } finally {
    await worker.stop();
  }
}
