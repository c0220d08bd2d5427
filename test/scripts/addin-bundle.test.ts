// The task pane's script stays small. It bundles the engine for local mode, hence zod, and zod
// brings some forty locales along unless it is imported so that the bundler can drop them. The
// real build runs into a temp dir; the engine bundled with the same options must then answer
// exactly as it does unbundled, zod's English messages included.
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { analyzeMetafile, build, type Metafile } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { buildAddinWithMeta, PANE_SCRIPT_OPTIONS, scriptSize, startupScripts } from "../../scripts/dev/build-addin.js";
import { callEngine } from "../../shared/client/api-client.js";
import { generateConsortium } from "../../shared/samples/consortium.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const LIMIT = 250 * 1024;
const LOCAL = { endpoint: "local" };

let dir: string;
let meta: Metafile;
/** The engine's entry (callEngine, local mode included) bundled with the pane's options, as a module. */
let bundled: { callEngine: typeof callEngine };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sqii-pane-bundle-"));
  meta = await buildAddinWithMeta(dir);
  const engine = await build({ ...PANE_SCRIPT_OPTIONS, format: "esm", entryPoints: [path.join(ROOT, "shared/client/api-client.ts")], write: false });
  const file = path.join(dir, "engine.mjs");
  await writeFile(file, engine.outputFiles[0]!.text);
  bundled = await import(pathToFileURL(file).href);
}, 60_000);

describe("the task pane's script", () => {
  it("a rebuild leaves only its own chunks: an earlier build's hashed chunks do not pile up", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "sqii-pane-rebuild-"));
    await mkdir(path.join(out, "chunks"), { recursive: true });
    await writeFile(path.join(out, "chunks", "old-ABCDEF12.js"), "// an earlier build's chunk");
    const rebuilt = await buildAddinWithMeta(out);
    const chunks = (await readdir(path.join(out, "chunks"))).filter((f) => f.endsWith(".js"));
    const built = Object.keys(rebuilt.outputs).filter((f) => f.includes("/chunks/") && f.endsWith(".js"));
    expect(chunks.sort()).toEqual(built.map((f) => path.basename(f)).sort());
    expect(chunks).not.toContain("old-ABCDEF12.js");
  }, 60_000);

  it("is at most 250 KB minified when the pane opens; the result sheets and each tab's work load on request", async () => {
    const { bytes } = await scriptSize(meta, dir);
    // On failure, the table of what each module adds says where the growth came from.
    expect(bytes, `the pane's startup scripts are ${bytes} bytes:\n${await analyzeMetafile(meta)}`).toBeLessThanOrEqual(LIMIT);
    const startup = startupScripts(meta, dir);
    const lazy = Object.keys(meta.outputs).filter((file) => file.endsWith(".js") && !startup.some((s) => file.endsWith(s)));
    // Each a module the pane imports when its button is first pressed, never at open.
    const onRequest = [
      "result-sheets", // Score: the result sheets and the sheet writer
      "school-report-flow",
      "history", // Roll forward, and the Template tab's SQII History
      "cut-points",
      "template",
      "block-sheet", // the Template tab's SQII Config
      "consortium",
      "scenario-report", // Compare
      "evaluation-config",
      "evaluations", // Rate
      "educators",
    ];
    expect(lazy.map((file) => path.basename(file).replace(/-\w+\.js$/, ""))).toEqual(expect.arrayContaining(onRequest));
    const inputs = startup.flatMap((file) => Object.keys(meta.outputs[Object.keys(meta.outputs).find((out) => out.endsWith(file))!]!.inputs));
    for (const module of ["addin/sheet-writer.ts", "shared/reports/score-report.ts", "shared/reports/config-report.ts", "shared/tables/evaluation-config.ts"])
      expect(inputs, `${module} is loaded when the pane opens`).not.toContain(module);
  });

  it("carries zod's English messages and no other locale", async () => {
    const script = (await Promise.all(startupScripts(meta, dir).map((file) => readFile(path.join(dir, file), "utf8")))).join("\n");
    expect(script).toContain("Invalid input: expected ");
    // German, French, Spanish and Dutch wordings of the same message (ASCII parts: esbuild escapes the rest).
    for (const foreign of ["Eingabe: erwartet", "attendu", "se esperaba", "Ongeldige invoer"]) expect(script).not.toContain(foreign);
    const shipped = Object.values(meta.outputs).flatMap((output) => Object.entries(output.inputs).filter(([, use]) => use.bytesInOutput > 0));
    const locales = shipped.map(([file]) => file).filter((file) => /node_modules\/zod\/.*locales\//.test(file));
    expect(locales).toEqual(["node_modules/zod/v4/locales/en.js"]);
  });
});

describe("the engine bundled as the pane bundles it", () => {
  const invalid = {
    score: {
      year: "2014",
      extra: 1,
      config: { minN: "x", bogus: 2 },
      schools: [{ id: 5, level: "high", subgroups: { ALL: { n: "a" } }, history: "no" }, null],
    },
    scenarios: { scenarios: "x", schools: [] },
    educators: { educators: [{ id: 1, scores: "x" }], bogus: 1 },
  } as const;

  it("reports the same problems in local mode, word for word", async () => {
    const messages: string[] = [];
    for (const route of ["score", "scenarios", "educators"] as const) {
      const expected = await callEngine(route, invalid[route], LOCAL);
      expect(await bundled.callEngine(route, invalid[route], LOCAL)).toEqual(expected);
      if (!expected.ok && expected.kind === "invalid") messages.push(...expected.problems.map((p) => p.message));
    }
    // The cases reach the contract's wording where zod finds the problem, not zod's own (English locale) text.
    expect(messages).toContain('expected a list of scenarios, got "x"');
    for (const message of messages) expect(message).not.toMatch(/^Invalid input|received/);
  });

  it("scores a valid request the same", async () => {
    const sample = generateConsortium({ schools: 40, seed: 2014, year: 2014 });
    const result = await bundled.callEngine("score", sample, LOCAL);
    expect(result.ok).toBe(true);
    expect(result).toEqual(await callEngine("score", sample, LOCAL));
  });
});
