// The Template tab: inserts a sheet with the long-format school table (optionally filled with
// 40 synthetic schools in two years of rows: 2014, scored, then 2013, their prior year) for the
// user to fill in and then read on the Score tab, beside it SQII History (the sample's prior
// years, or just its header) unless the workbook has one, and SQII Config with the default config
// when the workbook has no config sheet yet.

import { $, busy, say } from "../ui.js";
import type { TabContext } from "./tab-context.js";

export function setUpTemplateTab(context: TabContext): void {
  $("insert-template").addEventListener("click", () => void insert(context));
}

async function insert({ run }: TabContext): Promise<void> {
  const withSample = ($("with-sample") as HTMLInputElement).checked;
  say("template-status", "Inserting…");
  try {
    // Loaded when first asked for: the templates and SQII Config's model are not in the pane's
    // first script; the sample generator is loaded only when sample data is asked for.
    const [{ historyTable }, { insertConfigIfMissing }, { insertHistoryTemplate }, { insertTemplate }] = await Promise.all([
      import("../../shared/tables/history-table.js"),
      import("../block-sheet.js"),
      import("../history.js"),
      import("../template.js"),
    ]);
    const samples = withSample ? await import("../../shared/samples/consortium.js") : undefined;
    const sample = samples?.generateConsortium(samples.TEMPLATE_SAMPLE_OPTIONS);
    // History first, so the data template is the sheet left active.
    const [history, name] = await busy(async () => [
      await run((context) => insertHistoryTemplate(context, sample && historyTable(sample.schools).rows)),
      await run((context) => insertTemplate(context, sample)),
    ]);
    // The workbook's config next to the data: made once, never replacing one the workbook has.
    const config = await busy(() => run((context) => insertConfigIfMissing(context)));
    const kept = history === null ? " (the workbook's history sheet is kept as it is)" : `, "${history}"`;
    const configNote = config.inserted ? ` and "${config.sheet}" (the default config: edit it there)` : `; kept "${config.sheet}"`;
    say("template-status", `Inserted "${name}"${kept}${configNote}. Fill in the data, select a cell of its table and press Read selection.`, "ok");
  } catch (error) {
    say("template-status", `Could not insert the template: ${(error as Error).message}`, "error");
  }
}
