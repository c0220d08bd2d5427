// The house's architecture, checked on the source itself (every .ts file under shared/, worker/,
// addin/, scripts/ and test/). The engine in shared/ runs in workerd, the browser and Node, so it
// imports no door and nothing platform-bound; the doors onto it (the Worker, the add-in, the
// command line) do not lean on one another; shared/ is layered one way; no import goes round a
// cycle; and no file outgrows 400 lines. Every breach names the file, the import and the rule, so
// whoever makes one knows what to move. The tables below are the architecture: change them when
// it changes on purpose, not to let one import through.
import { isBuiltin } from "node:module";
import path from "node:path";
import { assert, describe, expect, it } from "vitest";
import { findCycles, type Import, packageOf, parseTree, readTree, type SourceFile } from "./source-tree.js";

/** Rule 3: the rank of each part of shared/. A file may import files of its own rank or lower, never higher. */
const LAYERS: Readonly<Record<string, number>> = {
  "shared/core/": 0, // the vocabulary: model, numbers, problems
  "shared/contract/": 1, // request and response schemas, config, parsing
  "shared/schools/": 2, // school scoring
  "shared/educators/": 2, // educator evaluation
  "shared/*.ts": 3, // any file directly in shared/ (operations.ts): what the doors call
  "shared/tables/": 4, // spreadsheet tables in and out
  "shared/reports/": 4,
  "shared/client/": 4, // the API, or the engine in-process
  "shared/samples/": 4, // synthetic data
};

/** Rule 1: the only packages the engine may import. */
const ENGINE_PACKAGES: readonly string[] = ["zod"];

/** Rule 2: the doors onto the engine, and what each may not import. Dev tooling (scripts/dev/, scripts/bench/) may import anything but test/. */
const DOORS: Readonly<Record<string, readonly string[]>> = {
  "worker/": ["addin/", "scripts/"],
  "addin/": ["worker/", "scripts/"],
  "scripts/cli/": ["worker/", "addin/", "scripts/dev/", "scripts/bench/"],
};

/** Rule 5. */
const MAX_LINES = 400;

const SOURCE_FOLDERS = ["shared", "worker", "addin", "scripts", "test"];
const ROOT = path.resolve(import.meta.dirname, "../..");
const THIS_FILE = "test/structure/architecture.test.ts";

// ---------------------------------------------------------------- the rules

/** Two lines: the import (file, line, specifier, what it reaches) and the rule it breaks. */
function breach(imp: Import, what: string, rule: string): string {
  return `${imp.from}:${imp.line} imports ${imp.typeOnly ? "type " : ""}"${imp.specifier}" (${what})\n    ${rule}`;
}

const importsOf = (files: readonly SourceFile[], under: string) => files.filter((f) => f.path.startsWith(under)).flatMap((f) => f.imports);

function engineBreaches(files: readonly SourceFile[]): string[] {
  const allowed = `${ENGINE_PACKAGES.join(", ")} (ENGINE_PACKAGES in ${THIS_FILE})`;
  const rule = `rule 1, the engine imports no door: shared/ imports only shared/ files and ${allowed}, never a Node built-in (it runs in workerd and the browser too)`;
  return importsOf(files, "shared/").flatMap((imp) => {
    if (imp.target !== null) return imp.target.startsWith("shared/") ? [] : [breach(imp, `${imp.target}, outside shared/`, rule)];
    if (isBuiltin(imp.specifier)) return [breach(imp, "a Node built-in", rule)];
    const name = packageOf(imp.specifier);
    return ENGINE_PACKAGES.includes(name) ? [] : [breach(imp, `package ${name}`, rule)];
  });
}

function doorBreaches(files: readonly SourceFile[]): string[] {
  const doorRule = (door: string, area: string) => `rule 2, no door imports another door: ${door} may not import ${area}; move what both need into shared/`;
  const testRule = "rule 2, nothing outside test/ imports test/: move what it needs out of test/, next to its user or into shared/";
  return files.flatMap((file) => {
    const door = Object.keys(DOORS).find((d) => file.path.startsWith(d));
    return file.imports.flatMap((imp) => {
      const area = door === undefined ? undefined : DOORS[door]!.find((b) => imp.target?.startsWith(b));
      if (door && area) return [breach(imp, `${imp.target}, in ${area}`, doorRule(door, area))];
      if (!file.path.startsWith("test/") && imp.target?.startsWith("test/")) return [breach(imp, `${imp.target}, in test/`, testRule)];
      return [];
    });
  });
}

/** The LAYERS key of a file in shared/: its folder, or "shared/*.ts" for a file directly in shared/. */
function layerOf(file: string): string {
  const rest = file.slice("shared/".length);
  return rest.includes("/") ? `shared/${rest.split("/")[0]}/` : "shared/*.ts";
}

function layerBreaches(files: readonly SourceFile[]): string[] {
  const found: string[] = [];
  for (const file of files.filter((f) => f.path.startsWith("shared/"))) {
    const layer = layerOf(file.path);
    const rank = LAYERS[layer];
    if (rank === undefined) {
      found.push(`${file.path} (in ${layer}, which has no rank)\n    rule 3, shared/ is layered: give ${layer} a rank in LAYERS in ${THIS_FILE}`);
      continue;
    }
    for (const imp of file.imports) {
      if (!imp.target?.startsWith("shared/")) continue;
      const targetLayer = layerOf(imp.target);
      const targetRank = LAYERS[targetLayer];
      if (targetRank === undefined || targetRank <= rank) continue;
      const rule = `rule 3, shared/ is layered one way: ${layer} has rank ${rank} and may import rank ${rank} or lower (LAYERS in ${THIS_FILE}); move what it needs down a layer`;
      found.push(breach(imp, `${imp.target}, in ${targetLayer} of rank ${targetRank}`, rule));
    }
  }
  return found;
}

function cycleBreaches(files: readonly SourceFile[]): string[] {
  return findCycles(files).map(({ imports, tangle }) => {
    const chain = [...imports.map((imp) => imp.from), imports[0]!.from].join(" → ");
    const steps = imports.map((imp) => `    ${imp.from}:${imp.line} imports ${imp.typeOnly ? "type " : ""}"${imp.specifier}"`);
    const more = tangle.length > imports.length ? `; ${tangle.length} files are tangled here, so more cycles may show once this one is broken` : "";
    const rule = `    rule 4, no import cycles (type-only imports count): break one of these imports, e.g. move what both sides need into a module below them${more}`;
    return [`cycle: ${chain}`, ...steps, rule].join("\n");
  });
}

function sizeBreaches(files: readonly SourceFile[]): string[] {
  return files
    .filter((f) => f.lines > MAX_LINES)
    .map((f) => `${f.path}: ${f.lines} lines\n    rule 5, no source file over ${MAX_LINES} lines: split it into cohesive modules`);
}

/** Fails with every breach spelled out, rather than a diff of two arrays. */
function expectNone(breaches: string[]): void {
  if (breaches.length > 0) assert.fail(`${breaches.length} breach${breaches.length === 1 ? "" : "es"} of the architecture:\n\n${breaches.join("\n\n")}\n`);
}

// ---------------------------------------------------------------- the tree

describe("the architecture of the source tree", () => {
  const files = readTree(ROOT, SOURCE_FOLDERS);

  it("reads every part of the tree and resolves its imports", () => {
    // A wrong root or a parser that sees nothing would let every rule below pass on an empty graph.
    for (const part of ["shared/contract/", "shared/schools/", "worker/", "addin/", "scripts/cli/", "test/"]) {
      const resolved = files.filter((f) => f.path.startsWith(part)).flatMap((f) => f.imports.filter((imp) => files.some((g) => g.path === imp.target)));
      expect(resolved.length, `resolved imports in ${part}`).toBeGreaterThan(0);
    }
  });

  it("rule 1: the engine imports no door, no Node built-in and no package but zod", () => expectNone(engineBreaches(files)));
  it("rule 2: no door imports another door, and nothing outside test/ imports test/", () => expectNone(doorBreaches(files)));
  it("rule 3: shared/ is layered one way", () => expectNone(layerBreaches(files)));
  it("rule 4: no import cycles", () => expectNone(cycleBreaches(files)));
  it(`rule 5: no source file over ${MAX_LINES} lines`, () => expectNone(sizeBreaches(files)));
});

// ---------------------------------------------------------------- the rules can fail

describe("each rule catches what it forbids (on made-up trees)", () => {
  const firstLines = (breaches: string[]) => breaches.map((b) => b.split("\n")[0]);
  const rulesCited = (breaches: string[]) => new Set(breaches.map((b) => b.match(/rule \d/)?.[0]));

  it("rule 1: a door, a Node built-in or another package imported by shared/", () => {
    const tree = parseTree({
      "shared/core/numbers.ts": [
        'import { createApp } from "../../worker/app.js";',
        'import { readFile } from "node:fs/promises";',
        'import path from "path";',
        'import type { z } from "zod";',
        'import { z as zod } from "zod/v4";',
        'export { Big } from "big.js";',
        'const source = `import { pane } from "../../addin/taskpane.js";`; // a string, not an import',
        '// import { score } from "../../scripts/cli/score.js";',
        'export const later = () => import("../../scripts/cli/score.js");',
      ].join("\n"),
      "worker/app.ts": 'import { readFile } from "node:fs";\nimport { Hono } from "hono";',
    });
    const breaches = engineBreaches(tree);
    expect(firstLines(breaches)).toEqual([
      'shared/core/numbers.ts:1 imports "../../worker/app.js" (worker/app.ts, outside shared/)',
      'shared/core/numbers.ts:2 imports "node:fs/promises" (a Node built-in)',
      'shared/core/numbers.ts:3 imports "path" (a Node built-in)',
      'shared/core/numbers.ts:6 imports "big.js" (package big.js)',
      'shared/core/numbers.ts:9 imports "../../scripts/cli/score.js" (scripts/cli/score.ts, outside shared/)',
    ]);
    expect(rulesCited(breaches)).toEqual(new Set(["rule 1"]));
  });

  it("rule 2: a door importing another door, the command line importing dev tooling, anyone but test/ importing test/", () => {
    const tree = parseTree({
      "worker/app.ts": 'import { rateAndWrite } from "../addin/evaluations.js";\nimport { score } from "../shared/schools/score.js";',
      "addin/taskpane.ts": 'import type {\n  Env,\n} from "../worker/settings.js";\nimport { readTableFile } from "../scripts/cli/workbook-file.js";',
      "scripts/cli/score.ts": 'const dev = await import("../dev/start.js");\nimport { app } from "../../worker/app.js";',
      "scripts/dev/start.ts": 'import { app } from "../../worker/app.js";\nimport { fake } from "../../test/addin/fake-excel.js";',
      "scripts/bench/bench.ts": 'import { score } from "../cli/score.js";',
      "shared/core/model.ts": 'import { fixture } from "../../test/shared/fixtures.js";',
      "test/addin/fake-excel.ts": 'import { pane } from "../../addin/taskpane.js";\nimport { app } from "../../worker/app.js";',
    });
    const breaches = doorBreaches(tree);
    expect(firstLines(breaches)).toEqual([
      'addin/taskpane.ts:1 imports type "../worker/settings.js" (worker/settings.ts, in worker/)',
      'addin/taskpane.ts:4 imports "../scripts/cli/workbook-file.js" (scripts/cli/workbook-file.ts, in scripts/)',
      'scripts/cli/score.ts:1 imports "../dev/start.js" (scripts/dev/start.ts, in scripts/dev/)',
      'scripts/cli/score.ts:2 imports "../../worker/app.js" (worker/app.ts, in worker/)',
      'scripts/dev/start.ts:2 imports "../../test/addin/fake-excel.js" (test/addin/fake-excel.ts, in test/)',
      'shared/core/model.ts:1 imports "../../test/shared/fixtures.js" (test/shared/fixtures.ts, in test/)',
      'worker/app.ts:1 imports "../addin/evaluations.js" (addin/evaluations.ts, in addin/)',
    ]);
    expect(rulesCited(breaches)).toEqual(new Set(["rule 2"]));
  });

  it("rule 3: an import up the layers of shared/, and a part of shared/ with no rank", () => {
    const tree = parseTree({
      "shared/core/numbers.ts": 'import type { Config } from "../contract/requests.js";',
      "shared/contract/requests.ts": 'import { round6 } from "../core/numbers.js";',
      "shared/schools/score.ts": 'import { rate } from "../educators/rating.js";\nimport { run } from "../operations.js";',
      "shared/operations.ts": 'export { resultsTable } from "./tables/school-table.js";\nimport { score } from "./schools/score.js";',
      "shared/tables/school-table.ts": 'import { run } from "../operations.js";',
      "shared/reports/report.ts": 'import { call } from "../client/api-client.js";\nimport { make } from "../samples/consortium.js";',
      "shared/extras/thing.ts": 'import { round6 } from "../core/numbers.js";',
    });
    const breaches = layerBreaches(tree);
    expect(firstLines(breaches)).toEqual([
      'shared/core/numbers.ts:1 imports type "../contract/requests.js" (shared/contract/requests.ts, in shared/contract/ of rank 1)',
      "shared/extras/thing.ts (in shared/extras/, which has no rank)",
      'shared/operations.ts:1 imports "./tables/school-table.js" (shared/tables/school-table.ts, in shared/tables/ of rank 4)',
      'shared/schools/score.ts:2 imports "../operations.js" (shared/operations.ts, in shared/*.ts of rank 3)',
    ]);
    expect(rulesCited(breaches)).toEqual(new Set(["rule 3"]));
  });

  it("rule 4: a cycle, type-only imports included, as a chain of files", () => {
    const tree = parseTree({
      "shared/a.ts": 'import { b } from "./b.js";',
      "shared/b.ts": 'import { c } from "./c";\nimport { a } from "./a.js";',
      "shared/c.ts": 'import type { A } from "./a.js";',
      "test/helper.ts": 'export const self = () => import("./helper.js");',
      "test/x.test.ts": 'import { self } from "./helper.js";\nimport { a } from "../shared/a.js";',
    });
    const breaches = cycleBreaches(tree);
    expect(breaches).toEqual([
      [
        "cycle: shared/a.ts → shared/b.ts → shared/a.ts",
        '    shared/a.ts:1 imports "./b.js"',
        '    shared/b.ts:2 imports "./a.js"',
        "    rule 4, no import cycles (type-only imports count): break one of these imports, e.g. move what both sides need into a module below them; 3 files are tangled here, so more cycles may show once this one is broken",
      ].join("\n"),
      expect.stringMatching(/^cycle: test\/helper\.ts → test\/helper\.ts\n {4}test\/helper\.ts:1 imports "\.\/helper\.js"\n {4}rule 4/),
    ]);
    // With b's direct import of a gone, the longer way round through c's type-only import is the cycle.
    const longer = parseTree({
      "shared/a.ts": 'import { b } from "./b.js";',
      "shared/b.ts": 'import { c } from "./c";',
      "shared/c.ts": 'import type { A } from "./a.js";',
    });
    expect(firstLines(cycleBreaches(longer))).toEqual(["cycle: shared/a.ts → shared/b.ts → shared/c.ts → shared/a.ts"]);
  });

  it(`rule 5: a file of ${MAX_LINES + 1} lines, not one of ${MAX_LINES}`, () => {
    const tree = parseTree({
      "addin/long.ts": "x;\n".repeat(MAX_LINES + 1),
      "addin/full.ts": "x;\n".repeat(MAX_LINES),
      "addin/open.ts": `${"x;\n".repeat(MAX_LINES)}x;`,
    });
    expect(firstLines(sizeBreaches(tree))).toEqual([`addin/long.ts: ${MAX_LINES + 1} lines`, `addin/open.ts: ${MAX_LINES + 1} lines`]);
    expect(rulesCited(sizeBreaches(tree))).toEqual(new Set(["rule 5"]));
  });
});
