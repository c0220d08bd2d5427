// The Worker's settings, all from its environment (wrangler.jsonc vars, `wrangler secret put`).
import type { BodyLimits } from "./json-body.js";

export interface Env {
  /** Comma-separated API keys (a secret). Unset or empty: no authentication. */
  API_KEYS?: string;
  /** Comma-separated origins allowed by CORS (the add-in's). Unset: no CORS headers. */
  ALLOWED_ORIGINS?: string;
  /** Largest body accepted, in bytes (default 32 MiB: a 10,000-school request is ~20 MB). */
  MAX_BODY_BYTES?: string;
  /** Most schools in one request (default 20,000). */
  MAX_SCHOOLS?: string;
}

export const DEFAULT_LIMITS: BodyLimits = { maxBytes: 32 * 1024 * 1024, maxSchools: 20_000 };

export function listOf(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function positiveInteger(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

export function limitsOf(env: unknown): BodyLimits {
  const e = (env ?? {}) as Env;
  return { maxBytes: positiveInteger(e.MAX_BODY_BYTES, DEFAULT_LIMITS.maxBytes), maxSchools: positiveInteger(e.MAX_SCHOOLS, DEFAULT_LIMITS.maxSchools) };
}
