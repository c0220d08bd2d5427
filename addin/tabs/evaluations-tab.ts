// The Evaluations tab: inserts the educator template (optionally with synthetic staff) with SQII
// Evaluation Config beside it, and rates the selected educator table under that config, writing
// SQII Evaluations and SQII Distribution or listing problems.

import type { Rated } from "../evaluations.js";
import { $, busy, problemItems, say } from "../ui.js";
import type { TabContext } from "./tab-context.js";

export function setUpEvaluationsTab(context: TabContext): void {
  $("insert-educators").addEventListener("click", () => void insertEducators(context));
  $("rate").addEventListener("click", () => void rate(context));
}

async function insertEducators({ run }: TabContext): Promise<void> {
  try {
    // Loaded when first asked for: the templates are not in the pane's first script, nor the sample staff.
    const [{ insertEvaluationConfigTemplate }, { insertEducatorTemplate }] = await Promise.all([import("../evaluation-config.js"), import("../template.js")]);
    const sample = ($("educators-sample") as HTMLInputElement).checked ? (await import("../../shared/samples/educators.js")).sampleEducators() : undefined;
    // The config first, so the educator template is the sheet left active.
    const [config, name] = await busy(async () => [
      await run((context) => insertEvaluationConfigTemplate(context)),
      await run((context) => insertEducatorTemplate(context, sample)),
    ]);
    const kept = config === null ? " (the workbook's evaluation config is kept as it is)" : ` and "${config}"`;
    say("rate-status", `Inserted "${name}"${kept}. Select a cell of its table and press Rate selection.`, "ok");
  } catch (error) {
    say("rate-status", `Could not insert the template: ${(error as Error).message}`, "error");
  }
}

async function rate({ run, settings }: TabContext): Promise<void> {
  say("rate-status", "Rating…");
  $("rate-problems").replaceChildren();
  let out: Rated;
  try {
    // Loaded when first asked for: the educator table, its config and the sheets are not in the pane's first script.
    const { rateAndWrite } = await import("../evaluations.js");
    out = await busy(() => rateAndWrite(run, settings()));
  } catch (error) {
    say("rate-status", `Could not rate: ${(error as Error).message}`, "error");
    return;
  }
  if (out.ok) {
    const rated = out.response.results.filter((r) => r.status === "rated").length;
    say("rate-status", `Done: ${rated} of ${out.response.results.length} rated. See SQII Evaluations and SQII Distribution.`, "ok");
    return;
  }
  if (out.failure && out.failure.kind !== "invalid") {
    say("rate-status", out.failure.message, "error");
    return;
  }
  const count = out.problems.length + (out.unlisted ?? 0);
  say("rate-status", `${count} problem${count === 1 ? "" : "s"} to fix:`, "error");
  $("rate-problems").replaceChildren(...problemItems(run, out.problems, out.unlisted));
}
