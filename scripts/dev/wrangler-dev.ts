// Starts the Worker under `wrangler dev` on loopback, offline and without a Cloudflare account, and
// stops it again. Used by `npm start`, the end-to-end test, the Worker benchmark and the soak test.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const WRANGLER = path.join(ROOT, "node_modules", ".bin", "wrangler");

export interface WranglerDev {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface WranglerDevOptions {
  port?: number;
  /** Extra `--var NAME:value` settings (e.g. API_KEYS for a test). */
  vars?: Record<string, string>;
  /** Echo wrangler's own output (npm start) rather than keep it quiet (tests, benchmarks). */
  inherit?: boolean;
  timeoutMs?: number;
}

/** No metrics prompt, no fetch of the `cf` object: wrangler dev must work with no network at all. */
export const OFFLINE_ENV = { WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };

export async function startWranglerDev(options: WranglerDevOptions = {}): Promise<WranglerDev> {
  const port = options.port ?? 8787;
  const url = `http://127.0.0.1:${port}`;
  const vars = Object.entries(options.vars ?? {}).flatMap(([name, value]) => ["--var", `${name}:${value}`]);
  // Its own process group: stopping the group also stops workerd, which a plain kill would orphan.
  const child = spawn(WRANGLER, ["dev", "--ip", "127.0.0.1", "--port", String(port), "--log-level", options.inherit ? "info" : "warn", ...vars], {
    cwd: ROOT,
    env: { ...process.env, ...OFFLINE_ENV },
    detached: true,
    stdio: options.inherit ? "inherit" : "ignore",
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        resolve();
      }
    });
  try {
    await waitForHealth(url, options.timeoutMs ?? 60_000, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, process: child, stop };
}

async function waitForHealth(url: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`wrangler dev did not answer ${url}/health within ${timeoutMs} ms`);
}

/** A free loopback port, for tests that must not collide with a running `npm start`. */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
