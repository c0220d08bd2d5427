// Builds the task pane into dist/addin: one bundled script (the engine included, for local mode),
// the page, its styles and the icons the manifest names. Run directly, it also prints the script's
// size, and with --analyze what each module adds to it (esbuild's metafile).
import { cp, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { analyzeMetafile, type BuildOptions, build, type Metafile } from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const ADDIN_DIST = path.join(ROOT, "dist", "addin");

/** How the pane's script is bundled; the bundle test builds the engine with the same options. */
export const PANE_SCRIPT_OPTIONS = {
  bundle: true,
  format: "iife",
  platform: "browser",
  target: "es2020",
  minify: true,
  logLevel: "warning",
} as const satisfies BuildOptions;

/** Builds the pane into `outDir`; returns the metafile, which says what each module adds to the script. */
export async function buildAddinWithMeta(outDir = ADDIN_DIST): Promise<Metafile> {
  await mkdir(outDir, { recursive: true });
  const result = await build({
    ...PANE_SCRIPT_OPTIONS,
    entryPoints: [path.join(ROOT, "addin", "taskpane.ts")],
    outfile: path.join(outDir, "taskpane.js"),
    sourcemap: true, // a separate taskpane.js.map: the script itself carries only its URL
    metafile: true,
  });
  for (const file of ["taskpane.html", "taskpane.css", "assets"]) await cp(path.join(ROOT, "addin", file), path.join(outDir, file), { recursive: true });
  return result.metafile;
}

export async function buildAddin(outDir = ADDIN_DIST): Promise<string> {
  await buildAddinWithMeta(outDir);
  return outDir;
}

/** The script's size as shipped (minified) and as sent over a gzip-compressing connection. */
export async function scriptSize(outDir = ADDIN_DIST): Promise<{ bytes: number; gzipBytes: number }> {
  const script = await readFile(path.join(outDir, "taskpane.js"));
  return { bytes: script.length, gzipBytes: gzipSync(script).length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const meta = await buildAddinWithMeta();
  const { bytes, gzipBytes } = await scriptSize();
  process.stderr.write(`built the task pane into ${ADDIN_DIST}: taskpane.js ${bytes} bytes minified, ${gzipBytes} gzipped\n`);
  if (process.argv.includes("--analyze")) process.stderr.write(await analyzeMetafile(meta));
}
