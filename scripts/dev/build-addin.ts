// Builds the task pane into dist/addin: its bundled scripts (the engine included, for local mode),
// the page, its styles and the icons the manifest names. Run directly, it also prints the size of
// the scripts loaded when the pane opens, and with --analyze what each module adds to them
// (esbuild's metafile).
import { cp, mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { analyzeMetafile, type BuildOptions, build, type Metafile } from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const ADDIN_DIST = path.join(ROOT, "dist", "addin");

/** How the pane's script is bundled; the bundle test builds the engine with the same options. */
export const PANE_SCRIPT_OPTIONS = {
  bundle: true,
  // Modules, so that what is needed only on request (a module the pane reaches by import(): the result
  // sheets, the school report, the templates, sample data, each tab's work) is in chunks of its own.
  format: "esm",
  platform: "browser",
  target: "es2020",
  minify: true,
  logLevel: "warning",
} as const satisfies BuildOptions;

/** Builds the pane into `outDir`; returns the metafile, which says what each module adds to the script. */
export async function buildAddinWithMeta(outDir = ADDIN_DIST): Promise<Metafile> {
  await mkdir(outDir, { recursive: true });
  // Chunk names carry their content's hash: without this, every build would add a set beside the old ones.
  await rm(path.join(outDir, "chunks"), { recursive: true, force: true });
  const result = await build({
    ...PANE_SCRIPT_OPTIONS,
    entryPoints: [path.join(ROOT, "addin", "taskpane.ts")],
    outdir: outDir,
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
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

/**
 * The scripts the pane loads when it opens: taskpane.js and the chunks it imports statically (not
 * those it imports when a feature is first used), as paths relative to the output folder.
 */
export function startupScripts(meta: Metafile, outDir = ADDIN_DIST): string[] {
  const relative = (file: string) => path.relative(outDir, path.resolve(ROOT, file));
  const outputs = new Map(Object.entries(meta.outputs).map(([file, output]) => [relative(file), output]));
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of outputs.get(file)?.imports ?? []) if (imported.kind === "import-statement") visit(relative(imported.path));
  };
  visit("taskpane.js");
  return [...seen];
}

/** What the pane loads when it opens, minified and gzip-compressed, and all scripts together. */
export async function scriptSize(meta: Metafile, outDir = ADDIN_DIST): Promise<{ bytes: number; gzipBytes: number; totalBytes: number }> {
  const startup = await Promise.all(startupScripts(meta, outDir).map((file) => readFile(path.join(outDir, file))));
  const all = Object.keys(meta.outputs).filter((file) => file.endsWith(".js"));
  const total = await Promise.all(all.map((file) => readFile(path.resolve(ROOT, file))));
  const joined = Buffer.concat(startup);
  return { bytes: joined.length, gzipBytes: gzipSync(joined).length, totalBytes: total.reduce((n, b) => n + b.length, 0) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const meta = await buildAddinWithMeta();
  const { bytes, gzipBytes, totalBytes } = await scriptSize(meta);
  process.stderr.write(
    `built the task pane into ${ADDIN_DIST}: ${bytes} bytes minified (${gzipBytes} gzipped) load when it opens; ${totalBytes} with the parts loaded on request\n`,
  );
  if (process.argv.includes("--analyze")) process.stderr.write(await analyzeMetafile(meta));
}
