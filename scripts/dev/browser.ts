// Finds the Chromium-family browser that the task pane's browser test drives through playwright-core
// (which never downloads one here), and, as root on a Debian-like machine such as CI, installs
// Debian's chromium when there is none. `npm test` runs `tsx scripts/dev/browser.ts --ensure` before
// anything else, so a machine without a browser fails in a second with one line saying what to do,
// instead of deep inside vitest; the browser test itself asks `findBrowser()` for the path.
import { spawnSync } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** Settings naming a browser, in the order they are read; CHROME_PATH is what other tools already use. */
export const BROWSER_VARIABLES = ["SQII_BROWSER", "CHROME_PATH"] as const;

export const DEBIAN_CHROMIUM = "/usr/bin/chromium";
const APT_GET = "/usr/bin/apt-get";
export const APT_INSTALL = "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium";

export const NO_BROWSER =
  "No Chromium-family browser found for the pane's browser test: install one (Debian/Ubuntu: sudo apt-get install chromium) or set SQII_BROWSER=/path/to/chrome";

/** What the search may look at: injected so the order and the failure can be tested without a real machine. */
export interface BrowserWorld {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** True when `file` is an executable file (following symbolic links). */
  exists(file: string): boolean;
  /** Root may install Debian's chromium itself (CI runs as root in a fresh container). */
  isRoot: boolean;
}

export interface Candidate {
  path: string;
  label: string;
}

export type BrowserDecision = { kind: "found"; path: string; label: string } | { kind: "install"; command: string } | { kind: "fail"; message: string };

/** The usual places of Chrome, Chromium and Edge, Debian's chromium first; explicit settings are not here. */
export function browserCandidates(platform: NodeJS.Platform, env: BrowserWorld["env"]): Candidate[] {
  if (platform === "darwin") {
    const app = (name: string, binary = name) => ({ path: `/Applications/${name}.app/Contents/MacOS/${binary}`, label: name });
    return [app("Google Chrome"), app("Chromium"), app("Microsoft Edge")];
  }
  if (platform === "win32") {
    // Windows paths even when the search is tested elsewhere; the variables are cased as Windows sets them.
    const roots = [
      env.ProgramFiles ?? env.PROGRAMFILES ?? "C:\\Program Files",
      env["ProgramFiles(x86)"] ?? env["PROGRAMFILES(X86)"] ?? "C:\\Program Files (x86)",
      env.LOCALAPPDATA,
    ].filter((root): root is string => Boolean(root));
    const under = (parts: string[], label: string) => roots.map((root) => ({ path: path.win32.join(root, ...parts), label }));
    return [
      ...under(["Google", "Chrome", "Application", "chrome.exe"], "Google Chrome"),
      ...under(["Chromium", "Application", "chrome.exe"], "Chromium"),
      // Every Windows 10/11 machine has Edge, so the test runs there with nothing installed.
      ...under(["Microsoft", "Edge", "Application", "msedge.exe"], "Microsoft Edge"),
    ];
  }
  return [
    { path: DEBIAN_CHROMIUM, label: "Debian's chromium" },
    { path: "/usr/bin/google-chrome", label: "Google Chrome" },
    { path: "/usr/bin/google-chrome-stable", label: "Google Chrome" },
    { path: "/usr/bin/chromium-browser", label: "Chromium" },
    { path: "/snap/bin/chromium", label: "Chromium (snap)" },
    { path: "/usr/bin/microsoft-edge", label: "Microsoft Edge" },
  ];
}

/**
 * An explicit setting wins and must be right (a stale path is reported, not skipped for another
 * browser); then the usual places; then, as root with apt-get, installing Debian's chromium;
 * otherwise the one line saying what to do. `mayInstall: false` once an install has been tried.
 */
export function decideBrowser(world: BrowserWorld, mayInstall = true): BrowserDecision {
  for (const variable of BROWSER_VARIABLES) {
    const value = world.env[variable];
    if (!value) continue;
    if (world.exists(value)) return { kind: "found", path: value, label: variable };
    return { kind: "fail", message: `${variable}=${value} is not an executable file: point it at a Chromium-family browser or unset it` };
  }
  const found = browserCandidates(world.platform, world.env).find((candidate) => world.exists(candidate.path));
  if (found) return { kind: "found", ...found };
  if (mayInstall && world.platform === "linux" && world.isRoot && world.exists(APT_GET)) return { kind: "install", command: APT_INSTALL };
  return { kind: "fail", message: NO_BROWSER };
}

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    // Windows has no execute bit; there a file is enough.
    accessSync(file, process.platform === "win32" ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function realWorld(): BrowserWorld {
  return { platform: process.platform, env: process.env, exists: isExecutableFile, isRoot: process.getuid?.() === 0 };
}

/** The browser's path, or an error whose message is the one line to show; never installs anything. */
export function findBrowser(world: BrowserWorld = realWorld()): string {
  const decision = decideBrowser(world, false);
  if (decision.kind !== "found") throw new Error(decision.kind === "fail" ? decision.message : NO_BROWSER);
  return decision.path;
}

/** Runs the install command; returns null on success, else a short reason. */
export type Installer = (command: string) => string | null;

const aptInstall: Installer = (command) => {
  process.stderr.write("No Chromium-family browser found; installing Debian's chromium for the pane's browser test (apt-get)\n");
  // apt-get's progress is noise in the test log; its errors are not.
  const result = spawnSync("sh", ["-c", command], { stdio: ["ignore", "ignore", "inherit"] });
  if (result.error) return result.error.message;
  return result.status === 0 ? null : `apt-get exited with status ${result.status ?? result.signal}`;
};

/** Like findBrowser, but installs Debian's chromium first when the decision says so. */
export function ensureBrowser(world: BrowserWorld = realWorld(), install: Installer = aptInstall): string {
  const decision = decideBrowser(world);
  if (decision.kind === "found") return decision.path;
  if (decision.kind === "fail") throw new Error(decision.message);
  const failure = install(decision.command);
  if (failure) throw new Error(`Installing Debian's chromium failed (${failure}): ${NO_BROWSER}`);
  if (!world.exists(DEBIAN_CHROMIUM)) throw new Error(`apt-get installed chromium but ${DEBIAN_CHROMIUM} is still missing: ${NO_BROWSER}`);
  return DEBIAN_CHROMIUM;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv[2] !== "--ensure" && process.argv[2] !== "--find") {
    process.stderr.write("usage: tsx scripts/dev/browser.ts --find | --ensure\n");
    process.exit(2);
  }
  try {
    const found = process.argv[2] === "--ensure" ? ensureBrowser() : findBrowser();
    process.stderr.write(`browser for the pane's test: ${found}\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
