// The browser finder behind `npm test`'s first step and the pane's browser test, in made-up worlds:
// which browser wins, when it installs Debian's chromium, and the one line it fails with.
import { describe, expect, it } from "vitest";
import {
  APT_INSTALL,
  type BrowserWorld,
  browserCandidates,
  DEBIAN_CHROMIUM,
  decideBrowser,
  ensureBrowser,
  findBrowser,
  NO_BROWSER,
} from "../../scripts/dev/browser.js";

/** A machine with just these executable files; the list is read live, so an install can add to it. */
function world(files: string[], over: Partial<BrowserWorld> = {}): BrowserWorld {
  return { platform: "linux", env: {}, isRoot: false, exists: (file) => files.includes(file), ...over };
}

const found = (path: string) => expect.objectContaining({ kind: "found", path });

describe("decideBrowser", () => {
  it("takes SQII_BROWSER over CHROME_PATH over every usual place", () => {
    const files = ["/opt/a/chrome", "/opt/b/chrome", DEBIAN_CHROMIUM];
    expect(decideBrowser(world(files, { env: { SQII_BROWSER: "/opt/a/chrome", CHROME_PATH: "/opt/b/chrome" } }))).toEqual(found("/opt/a/chrome"));
    expect(decideBrowser(world(files, { env: { CHROME_PATH: "/opt/b/chrome" } }))).toEqual(found("/opt/b/chrome"));
  });

  it("reports an explicit setting naming a missing file instead of falling back to another browser", () => {
    const decision = decideBrowser(world([DEBIAN_CHROMIUM], { env: { SQII_BROWSER: "/nowhere/chrome" } }));
    expect(decision).toEqual({ kind: "fail", message: expect.stringContaining("SQII_BROWSER=/nowhere/chrome") });
    expect(() => findBrowser(world([], { env: { CHROME_PATH: "/nowhere/chrome" } }))).toThrow(/^CHROME_PATH=\/nowhere\/chrome is not/);
  });

  it("ignores an empty setting", () => {
    expect(decideBrowser(world([DEBIAN_CHROMIUM], { env: { SQII_BROWSER: "" } }))).toEqual(found(DEBIAN_CHROMIUM));
  });

  it("on Linux prefers Debian's chromium, then Chrome, then the other Chromiums", () => {
    const order = browserCandidates("linux", {}).map((candidate) => candidate.path);
    expect(order.slice(0, 5)).toEqual([
      DEBIAN_CHROMIUM,
      "/usr/bin/google-chrome",
      "/usr/bin/google-chrome-stable",
      "/usr/bin/chromium-browser",
      "/snap/bin/chromium",
    ]);
    // Each place is used when every earlier one is missing.
    order.forEach((_, index) => {
      expect(decideBrowser(world(order.slice(index)))).toEqual(found(order[index]!));
    });
  });

  it("on macOS finds Chrome before Chromium inside the application bundles", () => {
    const chrome = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome";
    const chromium = "/Applications/Chromium.app/Contents/MacOS/Chromium";
    expect(decideBrowser(world([chromium, chrome], { platform: "darwin" }))).toEqual(found(chrome));
    expect(decideBrowser(world([chromium, DEBIAN_CHROMIUM], { platform: "darwin" }))).toEqual(found(chromium));
  });

  it("on Windows looks under Program Files, Program Files (x86) and LOCALAPPDATA, then takes Edge", () => {
    const env = { ProgramFiles: "C:\\Program Files", "ProgramFiles(x86)": "C:\\Program Files (x86)", LOCALAPPDATA: "C:\\Users\\ana\\AppData\\Local" };
    const userChrome = "C:\\Users\\ana\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe";
    const x86Chrome = "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe";
    const edge = "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe";
    expect(decideBrowser(world([edge, userChrome, x86Chrome], { platform: "win32", env }))).toEqual(found(x86Chrome));
    expect(decideBrowser(world([edge, userChrome], { platform: "win32", env }))).toEqual(found(userChrome));
    expect(decideBrowser(world([edge], { platform: "win32", env }))).toEqual(found(edge));
    // Without the variables, the default install folders.
    expect(decideBrowser(world(["C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"], { platform: "win32" }))).toEqual(
      found("C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"),
    );
  });

  it("with no browser installs Debian's chromium only as root on Linux with apt-get", () => {
    expect(decideBrowser(world(["/usr/bin/apt-get"], { isRoot: true }))).toEqual({ kind: "install", command: APT_INSTALL });
    expect(decideBrowser(world(["/usr/bin/apt-get"], { isRoot: true }), false)).toEqual({ kind: "fail", message: NO_BROWSER });
    expect(decideBrowser(world(["/usr/bin/apt-get"]))).toEqual({ kind: "fail", message: NO_BROWSER });
    expect(decideBrowser(world([], { isRoot: true }))).toEqual({ kind: "fail", message: NO_BROWSER });
    expect(decideBrowser(world(["/usr/bin/apt-get"], { isRoot: true, platform: "darwin" }))).toEqual({ kind: "fail", message: NO_BROWSER });
  });

  it("fails with one line saying what to install or set", () => {
    const decision = decideBrowser(world([]));
    expect(decision.kind).toBe("fail");
    const message = decision.kind === "fail" ? decision.message : "";
    expect(message).not.toContain("\n");
    expect(message).toContain("apt-get install chromium");
    expect(message).toContain("SQII_BROWSER=");
    expect(() => findBrowser(world([]))).toThrow(message);
  });
});

describe("ensureBrowser", () => {
  it("installs when the decision says so, then uses Debian's chromium", () => {
    const files = ["/usr/bin/apt-get"];
    const commands: string[] = [];
    const path = ensureBrowser(world(files, { isRoot: true }), (command) => {
      commands.push(command);
      files.push(DEBIAN_CHROMIUM);
      return null;
    });
    expect(commands).toEqual([APT_INSTALL]);
    expect(path).toBe(DEBIAN_CHROMIUM);
  });

  it("reports a failed install, and never installs when a browser is there or it may not", () => {
    const never = () => {
      throw new Error("should not install");
    };
    expect(() => ensureBrowser(world(["/usr/bin/apt-get"], { isRoot: true }), () => "apt-get exited with status 100")).toThrow(
      /^Installing Debian's chromium failed \(apt-get exited with status 100\): No Chromium-family browser/,
    );
    expect(() => ensureBrowser(world(["/usr/bin/apt-get"], { isRoot: true }), () => null)).toThrow(/still missing/);
    expect(ensureBrowser(world(["/usr/bin/google-chrome", "/usr/bin/apt-get"], { isRoot: true }), never)).toBe("/usr/bin/google-chrome");
    expect(() => ensureBrowser(world([]), never)).toThrow(NO_BROWSER);
  });
});
