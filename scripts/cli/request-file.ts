// A score request from a file, for the commands that score one: a JSON request as sent to the API,
// or a CSV/xlsx table of schools read as the add-in reads a selection; then --config merged into the
// request's own config and --year put in its place. Problems keep their cells for tables.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Problem } from "../../shared/core/problems.js";
import type { LocatedProblem } from "../../shared/tables/cells.js";
import { type MappingReport, readTable } from "../../shared/tables/school-table.js";
import { readTableFile } from "./table-files.js";

export const REQUEST_FILES = [".json", ".csv", ".xlsx"];

export interface RequestFile {
  body: unknown;
  /** Problems of the body with the cell each came from (tables), or as they are (JSON). */
  locate: (problems: readonly Problem[]) => LocatedProblem[];
  /** How a table's columns were read; absent for JSON. */
  reading?: { sheet: string; mapping: MappingReport };
}

export async function readJson(file: string): Promise<unknown> {
  const text = await readFile(file, "utf8");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Two config patches into one; unlike the merge over the default, a null here is kept, since it means "remove" there. */
function mergePatches(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) out[key] = mergePatches(out[key], value);
  return out;
}

/** The request with `config` merged into its own config and `year` in place of its year. */
function withOverrides(body: unknown, config: unknown, year: number | undefined): unknown {
  if (!isPlainObject(body)) return body;
  const out = { ...body };
  if (config !== undefined) out.config = out.config === undefined ? config : mergePatches(out.config, config);
  if (year !== undefined) out.year = year;
  return out;
}

/** The request in `file` (.json, .csv or .xlsx), with the command line's --config patch and --year. */
export async function readRequestFile(file: string, overrides: { config?: unknown; year?: number } = {}): Promise<RequestFile> {
  if (path.extname(file).toLowerCase() === ".json") {
    return { body: withOverrides(await readJson(file), overrides.config, overrides.year), locate: (problems) => [...problems] };
  }
  const table = await readTableFile(file);
  const read = readTable(table.values, table, table.numberFormats ? { numberFormats: table.numberFormats } : {});
  return {
    body: withOverrides(read.request, overrides.config, overrides.year),
    locate: (problems) => read.cellProblems([...problems]),
    reading: { sheet: table.sheet, mapping: read.mapping },
  };
}
