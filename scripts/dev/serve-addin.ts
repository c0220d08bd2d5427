// Serves the built task pane (dist/addin): over HTTPS on localhost:3000 for Excel (npm start), or
// plain HTTP on a free loopback port for the browser test.

import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer as createHttp, type Server } from "node:http";
import { createServer as createHttps } from "node:https";
import { homedir } from "node:os";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".png": "image/png",
  ".map": "application/json",
  ".xml": "application/xml",
};

function handler(dir: string) {
  const root = path.resolve(dir);
  return async (
    req: { url?: string },
    res: { writeHead(status: number, headers?: Record<string, string>): { end(body?: Buffer | string): void }; end(body?: Buffer): void },
  ) => {
    const wanted = path.resolve(root, `.${path.normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname))}`);
    if (!wanted.startsWith(root + path.sep)) return void res.writeHead(404).end(); // no path traversal
    try {
      const body = await readFile(wanted);
      res.writeHead(200, { "content-type": TYPES[path.extname(wanted)] ?? "application/octet-stream", "cache-control": "no-store" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  };
}

export interface PaneServer {
  origin: string;
  server: Server;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string, origin: string): Promise<PaneServer> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve({ origin, server, close: () => new Promise((done) => server.close(() => done())) }));
  });
}

export function serveHttp(dir: string, port: number): Promise<PaneServer> {
  return listen(createHttp(handler(dir)), port, "127.0.0.1", `http://127.0.0.1:${port}`);
}

/**
 * HTTPS with the Office dev certificates (created on first use in ~/.office-addin-dev-certs).
 * Trusting their CA needs sudo, which a dev box may not have: then the pane is still served with
 * the generated certificate, and `caTrusted` says the CA must be trusted by hand.
 */
export async function serveHttps(dir: string, port = 3000): Promise<PaneServer & { caTrusted: boolean }> {
  const certs = await import("office-addin-dev-certs");
  let options: { key: Buffer | string; cert: Buffer | string; ca?: Buffer | string };
  let caTrusted = true;
  try {
    options = await certs.getHttpsServerOptions();
  } catch {
    caTrusted = false;
    const folder = path.join(homedir(), ".office-addin-dev-certs");
    if (!existsSync(path.join(folder, "localhost.key"))) await certs.generateCertificates();
    options = {
      key: await readFile(path.join(folder, "localhost.key")),
      cert: await readFile(path.join(folder, "localhost.crt")),
      ca: await readFile(path.join(folder, "ca.crt")),
    };
  }
  const served = await listen(createHttps(options, handler(dir)) as unknown as Server, port, "localhost", `https://localhost:${port}`);
  return { ...served, caTrusted };
}
