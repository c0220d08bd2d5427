// The Template tab: inserts a sheet with the long-format school table (optionally filled with
// 40 synthetic schools) for the user to fill in and then read on the Score tab, and SQII Config
// with the default config when the workbook has no config sheet yet.

import { generateConsortium } from "../../shared/samples/consortium.js";
import { insertConfigIfMissing } from "../block-sheet.js";
import { insertTemplate } from "../template.js";
import { $, busy, say } from "../ui.js";
import type { TabContext } from "./tab-context.js";

export function setUpTemplateTab(context: TabContext): void {
  $("insert-template").addEventListener("click", () => void insert(context));
}

async function insert({ run }: TabContext): Promise<void> {
  const withSample = ($("with-sample") as HTMLInputElement).checked;
  say("template-status", "Inserting…");
  try {
    const sample = withSample ? generateConsortium({ schools: 40, seed: 2014, year: 2014 }) : undefined;
    const name = await busy(() => run((context) => insertTemplate(context, sample)));
    // The workbook's config next to the data: made once, never replacing one the workbook has.
    const config = await busy(() => run((context) => insertConfigIfMissing(context)));
    const configNote = config.inserted ? ` and "${config.sheet}" (the default config: edit it there)` : `; kept "${config.sheet}"`;
    say("template-status", `Inserted "${name}"${configNote}. Fill in the data, select a cell of its table and press Read selection.`, "ok");
  } catch (error) {
    say("template-status", `Could not insert the template: ${(error as Error).message}`, "error");
  }
}
