// The open workbook's config for the pane's flows: its SQII Config sheet (or any sheet the user
// names, for a scenario) read by the shared reader, every problem at its cell. Score, Scenarios
// and Set cut points read it when they run, so an edit to the sheet counts at once.
import { type ConfigSheetRead, readConfigSheet } from "../shared/tables/config-sheet.js";
import { readInputSheet, readNamedSheet, type Source } from "./source-reader.js";

const toRead = (source: Source): ConfigSheetRead => readConfigSheet({ ...source.place, values: source.values, numberFormats: source.numberFormats });

/** The workbook's SQII Config (or "Config") read, or null when it has none: the default config. */
export async function readWorkbookConfig(context: Excel.RequestContext): Promise<ConfigSheetRead | null> {
  const source = await readInputSheet(context, "config");
  return source ? toRead(source) : null;
}

/** A config sheet by its name (a scenario's "SQII Config 2"); an empty sheet is an empty config. Throws when there is no such sheet. */
export async function readConfigSheetNamed(context: Excel.RequestContext, name: string): Promise<ConfigSheetRead> {
  const source = await readNamedSheet(context, name);
  if (source === undefined) throw new Error(`there is no sheet named "${name}"`);
  return source ? toRead(source) : readConfigSheet({ sheet: name, firstRow: 1, firstColumn: 1, values: [] });
}

/** What the results' header says the config came from. */
