// The SQII Evaluation Config template (api.md "Inputs › Educators"), inserted with the educator
// template: the district table with its `*` row (the default model), validation on its columns,
// and below it the `Setting | Value` block with minReport. Rows and headers are the table layer's
// (evaluation-config.ts), so the template reads back as the default config.
import { DEFAULT_CUTS, DEFAULT_MIN_REPORT, DEFAULT_WEIGHTS, MEASURES } from "../contract/educators.js";
import type { Table } from "../tables/cells.js";
import { DEFAULT_DISTRICT, evaluationConfigRows, MODEL_HEADER } from "../tables/evaluation-config.js";
import { INPUT_SHEETS } from "../tables/input-sheets.js";
import type { TemplateSheet } from "./templates.js";

export const EVALUATION_CONFIG_SHEET = INPUT_SHEETS.evaluationConfig;

export interface EvaluationConfigTemplate extends TemplateSheet {
  /** Blocks below the table, each at a 0-based sheet row, in the two columns from A. */
  blocks: { row: number; table: Table }[];
}

export function evaluationConfigTemplate(): EvaluationConfigTemplate {
  // The default config, written out: a `*` row with the default model, and minReport.
  const rows = evaluationConfigRows({ defaultModel: "weighted", minReport: DEFAULT_MIN_REPORT });
  const blank = rows.findIndex((r) => r.every((c) => c === null));
  const [header, ...districts] = rows.slice(0, blank);
  const [settingHeader, ...settings] = rows.slice(blank + 1);
  const weights = MEASURES.filter((m) => DEFAULT_WEIGHTS[m] !== undefined).map((m) => `${m} ${DEFAULT_WEIGHTS[m]}`);
  const instructions: TemplateSheet["instructions"] = [
    ["How to fill in", `One row per district with its own model; the ${DEFAULT_DISTRICT} row's Model is the default for every other district.`],
    ["Model", "weighted (a composite of the measures, by the weights) or check (practice sets the level; impact can cap it)."],
    ["Blanks", `Blank weights and cuts take the defaults: ${weights.join(", ")}; cuts ${Object.values(DEFAULT_CUTS).join(" / ")}.`],
    ["Growth", "Under the weighted model, growth must be at least 20% of a district's weights."],
  ];
  // Laid out as the renderers lay a template: instructions, a blank row, the table; then a blank row and the block.
  const headerRow = instructions.length + 1;
  const cuts = { kind: "decimal", min: 1, max: 4 } as const;
  const weight = { kind: "decimal", min: 0, max: 1_000_000 } as const;
  const validation: TemplateSheet["validation"] = {
    Model: { rule: { kind: "list", values: ["weighted", "check"] }, message: "Choose weighted or check." },
  };
  for (const label of MODEL_HEADER.slice(2, 2 + MEASURES.length)) validation[label] = { rule: weight, message: `${label}: a weight, 0 or more.` };
  for (const label of MODEL_HEADER.slice(2 + MEASURES.length)) validation[label] = { rule: cuts, message: `${label}: a cut from 1.0 to 4.0.` };
  return {
    sheet: EVALUATION_CONFIG_SHEET,
    tableName: "SQIIEvaluationConfig",
    instructions,
    table: { header: header as string[], rows: districts },
    validation,
    blocks: [{ row: headerRow + districts.length + 2, table: { header: settingHeader as string[], rows: settings } }],
  };
}
