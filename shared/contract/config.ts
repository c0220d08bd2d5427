// Config resolution: partial overrides deep-merged over the default, checked whole, and hashed so a
// result can be traced to the exact rules that made it (api.md: configHash).

import { METHODOLOGY_VERSION } from "../core/model.js";
import { type Parsed, type Problem, problemsFromZod, pushAll } from "../core/problems.js";
import { DEFAULT_CONFIG } from "./default-config.js";
import { type Config, ConfigPatchSchema, ConfigSchema } from "./requests.js";

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Objects merge key by key; arrays and numbers replace; `null` removes the key (the only way a
 * deep merge can take an indicator out of a level, §12 config edges). Keys are defined as own
 * properties, never assigned, so a "__proto__" key stays a key: patches are checked before they
 * are merged, and an unknown key must reach that check, not vanish into a prototype.
 */
export function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete out[key];
    else
      Object.defineProperty(out, key, {
        value: deepMerge(Object.hasOwn(out, key) ? out[key] : undefined, value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return out;
}

/**
 * Two config patches into one, `patch` over `base`. Unlike the merge over the default, a null is
 * kept: it means "remove" when the result is merged over the default.
 */
export function mergePatches(base: unknown, patch: unknown): unknown {
  if (patch === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    // Defined, not assigned: a "__proto__" key reaches the schema's check (and its 400) instead of vanishing.
    const merged = mergePatches(Object.hasOwn(out, key) ? out[key] : undefined, value);
    Object.defineProperty(out, key, { value: merged, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export interface ConfigLayer {
  patch: unknown;
  /** Where the patch sits in the request, for problem paths: `["config"]`, `["scenarios", 2, "config"]`. */
  at: PropertyKey[];
}

/** Merges each layer in turn over the default; each layer's shape is checked, then the result. */
export function resolveConfig(layers: ConfigLayer[], input?: unknown): Parsed<Config> {
  let merged: unknown = DEFAULT_CONFIG;
  const problems: Problem[] = [];
  for (const { patch, at } of layers) {
    if (patch === undefined) continue;
    const shape = ConfigPatchSchema.safeParse(patch);
    if (!shape.success) pushAll(problems, problemsFromZod(shape.error.issues, input, at));
    else merged = deepMerge(merged, patch);
  }
  if (problems.length > 0) return { ok: false, problems };
  const checked = ConfigSchema.safeParse(merged);
  if (checked.success) return { ok: true, value: checked.data };
  const at = layers.at(-1)?.at ?? ["config"];
  return { ok: false, problems: problemsFromZod(checked.error.issues, input, at) };
}

/** JSON with object keys sorted at every depth: the same config always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of a text, through Web Crypto (Worker, browser and Node alike). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** SHA-256 of the canonical merged config. */
export function configHash(config: Config): Promise<string> {
  return sha256Hex(canonicalJson(config));
}

export function defaultConfigDocument() {
  return { methodologyVersion: METHODOLOGY_VERSION, config: DEFAULT_CONFIG };
}
