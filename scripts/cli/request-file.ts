// A score request from a file, for the commands that score one besides `score` itself (the school
// data report): a JSON request as sent to the API, or a CSV/xlsx table of schools read as
// `npm run score` reads it — the workbook's SQII Config (with --config over it, --year over both)
// and SQII History included. Problems keep their cells for tables.
import path from "node:path";
import { mergePatches } from "../../shared/contract/config.js";
import type { Problem } from "../../shared/core/problems.js";
import type { LocatedProblem } from "../../shared/tables/cells.js";
import { readWorkbookData } from "../../shared/tables/workbook-request.js";
import { readJson } from "./json-file.js";
import { readInputSheet, readTableFile } from "./table-files.js";
import { readConfigFile, workbookConfig } from "./workbook-config.js";

export const REQUEST_FILES = [".json", ".csv", ".xlsx"];

export interface RequestFile {
  body: unknown;
  /** Problems of the body with the cell each came from (tables), or as they are (JSON). */
  locate: (problems: readonly Problem[]) => LocatedProblem[];
  /** What a table holds but the request does not use, each at its cell (a school of the prior year only, SQII History rows of schools not in the data). */
  notes: LocatedProblem[];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The request with `config` (--config) merged into its own config and `year` (--year) in place of its year. */
export function withOverrides(body: unknown, config: unknown, year: number | undefined): unknown {
  if (!isPlainObject(body)) return body;
  const out = { ...body };
  if (config !== undefined) out.config = out.config === undefined ? config : mergePatches(out.config, config);
  if (year !== undefined) out.year = year;
  return out;
}

/** The request in `file` (.json, .csv or .xlsx), with the command line's --config patch and --year. */
export async function readRequestFile(file: string, overrides: { config?: unknown; year?: number } = {}): Promise<RequestFile> {
  if (path.extname(file).toLowerCase() === ".json") {
    return { body: withOverrides(await readJson(file), overrides.config, overrides.year), locate: (problems) => [...problems], notes: [] };
  }
  const table = await readTableFile(file);
  // As `npm run score` reads a workbook: its SQII Config (whose year scores), then its SQII History.
  const sheet = await readConfigFile(file);
  const read = readWorkbookData(table, await readInputSheet(file, "history"), sheet, overrides.year);
  const workbook = workbookConfig(sheet, read, overrides.config, overrides.year);
  return { body: workbook.request, locate: (problems) => workbook.problems([...problems]), notes: read.notes };
}
