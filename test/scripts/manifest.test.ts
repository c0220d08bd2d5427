// The manifest: well-formed, readable by office-addin-manifest, and carrying what Excel needs.
// (Microsoft's validation service is not reachable here, so the structure is checked directly.)
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { OfficeAddinManifest } from "office-addin-manifest";
import { describe, expect, it } from "vitest";
import { parseStringPromise } from "xml2js";
import { DEV_ORIGIN, manifestFor } from "../../scripts/dev/manifest.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const xml = await readFile(path.join(ROOT, "manifest.xml"), "utf8");

// xml2js with namespaces stripped, so elements read by their local names.
const parse = (text: string) =>
  parseStringPromise(text, {
    tagNameProcessors: [(name: string) => name.replace(/^.*:/, "")],
    attrNameProcessors: [(name: string) => name.replace(/^.*:/, "")],
  });

describe("manifest.xml", () => {
  it("is read by office-addin-manifest as an Excel task-pane add-in", async () => {
    const info = await OfficeAddinManifest.readManifestFile(path.join(ROOT, "manifest.xml"));
    expect(info).toMatchObject({
      id: "6f1c2b9e-3d4a-4c8e-9a57-2f0e8b1d7c42",
      officeAppType: "TaskPaneApp",
      permissions: "ReadWriteDocument",
      hosts: ["Workbook"],
    });
    expect(info.defaultSettings?.sourceLocation).toBe(`${DEV_ORIGIN}/taskpane.html`);
  });

  it("asks for the ExcelApi set the pane uses and puts an Open button on the Home tab", async () => {
    const app = (await parse(xml)).OfficeApp;
    expect(app.Requirements[0].Sets[0].Set[0].$).toEqual({ Name: "ExcelApi", MinVersion: "1.9" });
    const host = app.VersionOverrides[0].Hosts[0].Host[0];
    const tab = host.DesktopFormFactor[0].ExtensionPoint[0].OfficeTab[0];
    expect(tab.$.id).toBe("TabHome");
    const button = tab.Group[0].Control[0];
    expect(button.$.type).toBe("Button");
    expect(button.Action[0].$.type).toBe("ShowTaskpane");
  });

  it("has 16, 32 and 80 px icons and resolves every resource id it uses", async () => {
    const resources = (await parse(xml)).OfficeApp.VersionOverrides[0].Resources[0];
    const images = resources.Images[0].Image.map((i: { $: { id: string } }) => i.$.id);
    expect(images).toEqual(["Icon.16x16", "Icon.32x32", "Icon.80x80"]);
    const ids = new Set<string>();
    for (const group of ["Images", "Urls", "ShortStrings", "LongStrings"])
      for (const item of Object.values(resources[group][0])[0] as { $: { id: string } }[]) ids.add(item.$.id);
    const used = [...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]!);
    expect(used.filter((id) => !ids.has(id))).toEqual([]);
  });

  it("names icons the add-in serves, each PNG at its stated size", async () => {
    const icons = [...xml.matchAll(/assets\/icon-(\d+)\.png/g)].map((m) => Number(m[1]));
    expect([...new Set(icons)].sort((a, b) => a - b)).toEqual([16, 32, 80]);
    for (const size of [16, 32, 80]) {
      const png = await readFile(path.join(ROOT, "addin", "assets", `icon-${size}.png`));
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });

  it("npm run manifest -- --url writes a copy for a deployed host, dev origin gone", async () => {
    const copy = manifestFor(xml, "https://sqii.example.org/any/path");
    expect(copy).not.toContain(DEV_ORIGIN);
    expect(copy).toContain("https://sqii.example.org/taskpane.html");
    await parse(copy); // still well-formed
    const file = path.join(await mkdtemp(path.join(tmpdir(), "sqii-manifest-")), "manifest.xml");
    await writeFile(file, copy);
    expect((await OfficeAddinManifest.readManifestFile(file)).defaultSettings?.sourceLocation).toBe("https://sqii.example.org/taskpane.html");
    expect(() => manifestFor(xml, "http://insecure.example.org")).toThrow(/https/);
  });
});
