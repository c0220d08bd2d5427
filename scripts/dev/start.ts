// `npm start`: the scoring API under wrangler dev on http://127.0.0.1:8787 (offline, no account)
// and the task pane over HTTPS on https://localhost:3000; then the sample workbook is scored
// against the API through the same command line a user would run.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildAddin } from "./build-addin.js";
import { type PaneServer, serveHttps } from "./serve-addin.js";
import { startWranglerDev } from "./wrangler-dev.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SAMPLE = "examples/core-sample.xlsx";

const dev = await startWranglerDev({ inherit: true });
let pane: (PaneServer & { caTrusted: boolean }) | null = null;
try {
  pane = await serveHttps(await buildAddin());
} catch (error) {
  console.error(`The task pane could not be served on https://localhost:3000: ${(error as Error).message}`);
}

console.log(`\nScoring ${SAMPLE} against ${dev.url} …`);
spawnSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/cli/score.ts", SAMPLE, "--api", dev.url], {
  cwd: ROOT,
  stdio: "inherit",
});

console.log(`
SQII scoring API running at ${dev.url}  (docs: ${dev.url}/docs, OpenAPI: ${dev.url}/openapi.json)
${pane ? `SQII task pane served at ${pane.origin}/taskpane.html` : "Task pane: not served (see above)."}${pane && !pane.caTrusted ? "\n  (its certificate's CA is not trusted yet: this machine could not install it without sudo)" : ""}

Score a workbook against the API, from another terminal:
  npm run score -- examples/core-sample.xlsx --api ${dev.url}

Use the pane in Excel (manifest.xml points at ${pane?.origin ?? "https://localhost:3000"}):
  Excel on the web: Insert > Add-ins > More Add-ins > Upload My Add-in > choose manifest.xml.
  Excel desktop (Windows/Mac): share a folder holding manifest.xml as a trusted add-in catalog
    (File > Options > Trust Center > Trusted Add-in Catalogs), then Insert > My Add-ins > Shared Folder.
  The certificate is from office-addin-dev-certs: trust its CA once (npx office-addin-dev-certs install).
  Then Home > SQII Scoring opens the pane. In Settings, the API address is ${dev.url}.

Ctrl-C stops everything.`);

const stop = async () => {
  await pane?.close();
  await dev.stop();
  process.exit(0);
};
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop());
dev.process.on("exit", (code) => process.exit(code ?? 0));
