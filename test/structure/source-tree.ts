// The source tree as the architecture test sees it: every .ts file under the given folders, its
// length in lines and its imports (`import … from`, `export … from`, `import("…")` and type-level
// `import("…").T`), relative ones resolved to repo-relative paths. Parsed with the TypeScript
// compiler rather than a regular expression, so an import written inside a string or a comment
// (scripts/bench/bench-worker.ts writes a Worker's source as a template literal) is not taken for
// a real one, and an import split over several lines is still seen.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export interface Import {
  /** The importing file, repo-relative with forward slashes. */
  from: string;
  line: number;
  specifier: string;
  /** `import type`, `export type` or a type-level `import("…")`: still an edge of the graph. */
  typeOnly: boolean;
  /** The imported file, repo-relative, for a relative specifier (`./x.js` is the `./x.ts` it is compiled from); null for a package or built-in. */
  target: string | null;
}

export interface SourceFile {
  path: string;
  lines: number;
  imports: Import[];
}

/** Build output, dependencies and scratch files are not source, wherever they appear. */
const SKIPPED = new Set(["node_modules", "dist", "tmp"]);

/** Every .ts file under the folders (relative to root), repo-relative and sorted; a missing folder has none. */
function listSources(root: string, folders: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory() && !SKIPPED.has(entry.name)) walk(rel);
      else if (entry.isFile() && entry.name.endsWith(".ts")) found.push(rel);
    }
  };
  for (const folder of folders) if (existsSync(path.join(root, folder))) walk(folder);
  return found.sort();
}

/** The files under the folders, read from disk and parsed. */
export function readTree(root: string, folders: readonly string[]): SourceFile[] {
  return parseTree(Object.fromEntries(listSources(root, folders).map((file) => [file, readFileSync(path.join(root, file), "utf8")])));
}

/** Parses files given as path → text, in path order. Resolution knows only these files, so a made-up tree works too. */
export function parseTree(texts: Readonly<Record<string, string>>): SourceFile[] {
  const known = new Set(Object.keys(texts));
  return Object.entries(texts)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([file, text]) => ({
      path: file,
      lines: lineCount(text),
      imports: importsOf(file, text).map((found) => ({ from: file, ...found, target: resolve(file, found.specifier, known) })),
    }));
}

/** Lines as `wc -l` counts them, plus a last line without its newline. */
function lineCount(text: string): number {
  if (text === "") return 0;
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

function importsOf(file: string, text: string): Omit<Import, "from" | "target">[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Omit<Import, "from" | "target">[] = [];
  const add = (node: ts.Node, specifier: ts.Node | undefined, typeOnly: boolean) => {
    if (specifier && ts.isStringLiteralLike(specifier)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      found.push({ line, specifier: specifier.text, typeOnly });
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) add(node, node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
    else if (ts.isExportDeclaration(node)) add(node, node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, node.arguments[0], false);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal, true);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The repo-relative file a relative specifier names, or null for a package or built-in. */
function resolve(from: string, specifier: string, known: ReadonlySet<string>): string | null {
  if (!/^\.\.?(\/|$)/.test(specifier)) return null;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const asTs = base.replace(/\.js$/, ".ts");
  return [asTs, `${base}.ts`, `${base}/index.ts`].find((candidate) => known.has(candidate)) ?? asTs;
}

/** The package a bare specifier belongs to: `zod/v4` → `zod`, `@hono/zod-openapi/x` → `@hono/zod-openapi`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return (specifier.startsWith("@") ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
}

/** A cycle, as the imports that close it, and every file of the tangle it was found in. */
export interface Cycle {
  imports: Import[];
  tangle: string[];
}

/**
 * One cycle per tangle (strongly connected part) of the import graph: from the tangle's first file
 * by name, the shortest way back. Breaking it may leave another cycle in the same tangle; the next
 * run reports that one.
 */
export function findCycles(files: readonly SourceFile[]): Cycle[] {
  const edges = new Map<string, Import[]>();
  const names = new Set(files.map((f) => f.path));
  for (const file of files) {
    const firstPerTarget = new Map<string, Import>();
    for (const imp of file.imports) if (imp.target && names.has(imp.target) && !firstPerTarget.has(imp.target)) firstPerTarget.set(imp.target, imp);
    edges.set(file.path, [...firstPerTarget.values()]);
  }
  const cycles: Cycle[] = [];
  for (const tangle of stronglyConnected(edges)) {
    tangle.sort();
    const imports = shortestCycle(tangle[0]!, new Set(tangle), edges);
    if (imports) cycles.push({ imports, tangle });
  }
  return cycles.sort((a, b) => (a.tangle[0]! < b.tangle[0]! ? -1 : 1));
}

/** Tarjan's algorithm: the strongly connected parts of the graph. */
function stronglyConnected(edges: ReadonlyMap<string, Import[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const parts: string[][] = [];
  const connect = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const { target } of edges.get(node) ?? []) {
      if (!index.has(target!)) {
        connect(target!);
        low.set(node, Math.min(low.get(node)!, low.get(target!)!));
      } else if (onStack.has(target!)) low.set(node, Math.min(low.get(node)!, index.get(target!)!));
    }
    if (low.get(node) === index.get(node)) {
      const part: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        part.push(member);
      } while (member !== node);
      parts.push(part);
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) connect(node);
  return parts;
}

/** Breadth-first from start back to start inside the part; null when there is no way back (a lone file). */
function shortestCycle(start: string, part: ReadonlySet<string>, edges: ReadonlyMap<string, Import[]>): Import[] | null {
  const cameBy = new Map<string, Import>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const edge of edges.get(queue[i]!) ?? []) {
      const next = edge.target!;
      if (next === start) {
        const cycle = [edge];
        for (let at = edge.from; at !== start; at = cameBy.get(at)!.from) cycle.unshift(cameBy.get(at)!);
        return cycle;
      }
      if (part.has(next) && !cameBy.has(next)) {
        cameBy.set(next, edge);
        queue.push(next);
      }
    }
  }
  return null;
}
