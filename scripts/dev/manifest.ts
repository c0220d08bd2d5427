// `npm run manifest -- --url https://sqii.example.org [--out dist/manifest.xml]`: a copy of
// manifest.xml whose every source URL points at a deployed host instead of the dev server.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";

export const DEV_ORIGIN = "https://localhost:3000";

/** Replaces the dev origin everywhere in the manifest; the origin must be https (Office requires it). */
export function manifestFor(xml: string, url: string): string {
  let origin: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "https:") throw new Error("not https");
    origin = parsed.origin;
  } catch {
    throw new Error(`--url expects an https URL such as https://sqii.example.org, got ${JSON.stringify(url)}`);
  }
  return xml.replaceAll(DEV_ORIGIN, origin);
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { url: { type: "string" }, out: { type: "string" } } });
  if (!values.url) {
    process.stderr.write("usage: npm run manifest -- --url https://your-host [--out dist/manifest.xml]\n");
    return 2;
  }
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
  const out = values.out ?? path.join(root, "dist", "manifest.xml");
  const xml = manifestFor(await readFile(path.join(root, "manifest.xml"), "utf8"), values.url);
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, xml);
  process.stderr.write(`wrote ${out} for ${new URL(values.url).origin}\n`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => (process.exitCode = code),
    (error: Error) => {
      process.stderr.write(`manifest: ${error.message}\n`);
      process.exitCode = 1;
    },
  );
}
