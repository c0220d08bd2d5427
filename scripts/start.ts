// `npm start`: the scoring API under wrangler dev on http://127.0.0.1:8787, offline, no account;
// then the sample workbook is scored against it, through the same command line a user would run.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startWranglerDev } from "./wrangler-dev.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SAMPLE = "examples/core-sample.xlsx";

const dev = await startWranglerDev({ inherit: true });
console.log(`\nScoring ${SAMPLE} against ${dev.url} …`);
spawnSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/score.ts", SAMPLE, "--api", dev.url], { cwd: ROOT, stdio: "inherit" });
console.log(`
SQII scoring API running at ${dev.url}  (docs: ${dev.url}/docs, OpenAPI: ${dev.url}/openapi.json)

Score a workbook against it, from another terminal:
  npm run score -- examples/core-sample.xlsx --api ${dev.url}
or send the JSON request yourself:
  curl -s -H 'content-type: application/json' --data-binary @examples/core-sample.json ${dev.url}/v1/score | head -c 400

Ctrl-C stops it.`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void dev.stop().then(() => process.exit(0)));
}
dev.process.on("exit", (code) => process.exit(code ?? 0));
