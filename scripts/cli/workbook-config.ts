// The config of a workbook file for the command line: its SQII Config sheet (api.md "Inputs"),
// read by the shared reader, with --config merged over it and --year over both; the same request
// and the same cell-addressed problems as the add-in gets from the open workbook.
import path from "node:path";
import { type ConfigSheetRead, readConfigSheet } from "../../shared/tables/config-sheet.js";
import type { TableRead } from "../../shared/tables/school-table.js";
import { configSource, type WorkbookRequest, workbookRequest } from "../../shared/tables/workbook-request.js";
import { readInputSheet } from "./table-files.js";

export interface FileConfig extends WorkbookRequest {
  /** The config sheet's name, when the file has one. */
  sheet?: string;
  /** What the config was made of, for the results' header: `SQII Config + my-config.json`. */
  source: string;
}

/** The SQII Config sheet of an .xlsx, read; null for a file without one (or not a workbook). */
export async function readConfigFile(file: string): Promise<ConfigSheetRead | null> {
  const values = await readInputSheet(file, "config");
  return values ? readConfigSheet(values) : null;
}

/** The data with the workbook's config sheet (read by readConfigFile), --config over it and --year over both. */
export function workbookConfig(sheet: ConfigSheetRead | null, table: TableRead, extra: unknown, year: number | undefined, configFile?: string): FileConfig {
  const request = workbookRequest(table, { sheet, ...(extra !== undefined && { extra }), ...(year !== undefined && { year }) });
  const apart = configFile ? path.basename(configFile) : extra !== undefined ? "--config" : undefined;
  return { ...request, ...(sheet && { sheet: sheet.sheet }), source: configSource(sheet, apart) };
}
