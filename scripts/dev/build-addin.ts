// Builds the task pane into dist/addin: one bundled script (the engine included, for local mode),
// the page, its styles and the icons the manifest names.
import { cp, mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const ADDIN_DIST = path.join(ROOT, "dist", "addin");

export async function buildAddin(): Promise<string> {
  await mkdir(ADDIN_DIST, { recursive: true });
  await build({
    entryPoints: [path.join(ROOT, "addin", "taskpane.ts")],
    outfile: path.join(ADDIN_DIST, "taskpane.js"),
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: true,
    sourcemap: true,
    logLevel: "warning",
  });
  for (const file of ["taskpane.html", "taskpane.css", "assets"]) await cp(path.join(ROOT, "addin", file), path.join(ADDIN_DIST, file), { recursive: true });
  return ADDIN_DIST;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await buildAddin();
  process.stderr.write(`built the task pane into ${out}\n`);
}
