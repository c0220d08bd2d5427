// SQII Scenarios (methodology §10): one row per school with its score, level and designation under
// each scenario (and, when schools carry a prior year, §13's prior score and change under each
// scenario's rules), then what changed against the first (the baseline), changes highlighted.
import type { ScenariosResponse } from "../contract/responses.js";
import type { DesignationType } from "../core/model.js";
import type { TableCell } from "../tables/cells.js";
import { codeLabel, type Highlight, highlight, type InfoLine, type ReportSheet, SIGNED_FORMATS } from "./report.js";

export const SCENARIOS_SHEET = "SQII Scenarios";

const label = (type: DesignationType) => codeLabel(type);

/** `names` gives each school's name by id, from the data the scenarios were run on. */
export function scenarioSheet(response: ScenariosResponse, names: ReadonlyMap<string, string | null>, source: string, at: Date): ReportSheet {
  const scenarios = response.scenarios.map((s) => s.name);
  const [baseline, ...others] = scenarios;
  // Each scenario scores the prior year with its own config (§13), so each has its own prior score.
  const withPrior = response.schools.some((school) => school.byScenario.some((s) => s.index?.priorScore != null));
  const header = ["School ID", "School"];
  const numberFormats: Record<string, string> = {};
  for (const name of scenarios) {
    header.push(`${name}: Score`, `${name}: Level`, `${name}: Designation`);
    numberFormats[`${name}: Score`] = "0.0";
    if (withPrior) {
      // "Change since Prior", not "Change": beside each scenario's "Changed" (its designation against the baseline).
      header.push(`${name}: Prior Score`, `${name}: Change since Prior`);
      numberFormats[`${name}: Prior Score`] = "0.0";
      numberFormats[`${name}: Change since Prior`] = SIGNED_FORMATS.oneDecimal;
    }
  }
  for (const name of others) {
    header.push(`${name}: Δ Score`, `${name}: Changed`);
    numberFormats[`${name}: Δ Score`] = SIGNED_FORMATS.oneDecimal;
  }
  const rows: TableCell[][] = response.schools.map((school) => {
    const row: TableCell[] = [school.id, names.get(school.id) ?? null];
    for (const s of school.byScenario) {
      row.push(s.index?.score ?? null, s.index?.level ?? null, label(s.designation.type));
      if (withPrior) row.push(s.index?.priorScore ?? null, s.index?.change ?? null);
    }
    for (const c of school.changes) {
      row.push(c.scoreDelta, c.designationFrom === c.designationTo ? null : `${label(c.designationFrom)} → ${label(c.designationTo)}`);
    }
    return row;
  });
  const highlights: Highlight[] = [
    ...scenarios.map((name) => highlight(`${name}: Designation`, ["priority", "focus", "reward"])),
    // A changed designation reads "Focus → None": the arrow marks every change.
    ...others.map((name) => highlight(`${name}: Changed`, ["changed"], () => "→", "contains")),
  ];
  const info: InfoLine[] = [
    ["Methodology version", response.methodologyVersion],
    ["Baseline", baseline ?? ""],
    ...response.scenarios.map((s): InfoLine => [`Config hash: ${s.name}`, s.configHash]),
    ["Scored at", at.toISOString()],
    ["Source", source],
  ];
  return { sheet: SCENARIOS_SHEET, tableName: "SQIIScenarios", info, table: { header, rows }, highlights, numberFormats };
}
