// Reads a written result sheet back as a grid of cells (from the fake Excel or from an xlsx file)
// and checks it against the response and the request it answers, without the table builders: each
// row is looked up in the response by its ids and labels, so a sheet that drops, repeats, shifts or
// mislabels a value fails. Shared by the add-in's and the command line's tests, the same checks for both.
import { expect } from "vitest";
import type { Config, ScoreRequest } from "../../../shared/contract/requests.js";
import type { ScoreResponse } from "../../../shared/contract/responses.js";
import { INDICATORS, type Indicator, SUBGROUP_NAMES, SUBGROUPS, type Subgroup } from "../../../shared/core/model.js";
import { codeLabel, EVIDENCE_LABELS } from "../../../shared/reports/report.js";
import { levelOf, scalesFor } from "../../../shared/schools/levels.js";
import { FIELD_LABELS } from "../../../shared/tables/school-columns.js";

export type Cell = string | number | boolean | null;

export interface ParsedSheet {
  /** The header block: label → value. */
  info: Map<string, Cell>;
  /** Each table under it: its header and rows as records by header. */
  tables: { header: string[]; rows: Record<string, Cell>[] }[];
}

const blank = (row: readonly Cell[]) => row.every((cell) => cell === null);

/** Rows of cells (blanks as null) into the header block and the tables, each part ending at a blank row. */
export function parseSheet(grid: readonly (readonly Cell[])[]): ParsedSheet {
  const parts: Cell[][][] = [[]];
  for (const row of grid) {
    if (blank(row)) parts.push([]);
    else parts.at(-1)!.push([...row]);
  }
  const [info = [], ...tables] = parts.filter((part) => part.length > 0);
  return {
    info: new Map(info.map((row) => [String(row[0]), row[1] ?? null])),
    tables: tables.map(([header = [], ...rows]) => {
      const names = header.map(String);
      return { header: names, rows: rows.map((row) => Object.fromEntries(names.map((name, i) => [name, row[i] ?? null]))) };
    }),
  };
}

/**
 * Differences collected, then asserted once: a statewide sheet has hundreds of thousands of cells,
 * and an expect() per cell costs more than the sheet's writing. The first few differences are shown.
 */
class Differences {
  readonly found: string[] = [];
  same(what: string, actual: unknown, expected: unknown): void {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) this.found.push(`${what}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
  }
  close(what: string, actual: unknown, expected: number): void {
    if (typeof actual !== "number" || Math.abs(actual - expected) > 5e-7) this.found.push(`${what}: ${JSON.stringify(actual)}, expected about ${expected}`);
  }
  none(): void {
    expect(this.found.slice(0, 10), `${this.found.length} differences`).toEqual([]);
  }
}

const INDICATOR_BY_LABEL = new Map(INDICATORS.map((code) => [FIELD_LABELS[code], code]));
const GROUP_BY_NAME = new Map(SUBGROUPS.map((group) => [SUBGROUP_NAMES[group], group]));

export interface Expected {
  response: ScoreResponse;
  request: ScoreRequest;
  config: Config;
}

/** Every sheet starts with the run's trace lines. */
export function checkHeaderBlock(sheet: ParsedSheet, { response }: Expected): void {
  expect(sheet.info.get("Methodology version")).toBe(response.methodologyVersion);
  expect(sheet.info.get("Config hash")).toBe(response.configHash);
  expect(sheet.info.get("Year")).toBe(response.year ?? "not given");
  expect(String(sheet.info.get("Scored at"))).toMatch(/^\d{4}-\d\d-\d\dT/);
  for (const label of ["Source", "Engine", "Schools"]) expect(sheet.info.get(label), label).toBeTruthy();
}

export function checkIndicators(sheet: ParsedSheet, { response, config }: Expected): void {
  const [table] = sheet.tables;
  const results = new Map(response.results.map((r) => [r.id, r]));
  const scales = scalesFor(config);
  expect(table!.rows).toHaveLength(response.results.reduce((n, r) => n + Object.keys(r.indicators).length, 0));
  const seen = new Set<string>();
  const diff = new Differences();
  for (const row of table!.rows) {
    const code = INDICATOR_BY_LABEL.get(String(row.Indicator))!;
    const indicator = results.get(String(row["School ID"]))!.indicators[code]!;
    const at = `${row["School ID"]} ${row.Indicator}`;
    seen.add(at);
    diff.same(
      at,
      [row.Value, row["All Level"], row["Subgroup Level"], row.Level],
      [indicator.value, indicator.allLevel, indicator.subgroupLevel, indicator.level],
    );
    diff.same(`${at} band`, row.Band, indicator.band ? codeLabel(indicator.band) : null);
    diff.same(`${at} weight, points`, [row.Weight, row.Points], indicator.level === null ? [null, null] : [indicator.weight, indicator.points]);
    // §13: the prior year's value and level, the change, and its place and colour on the grid, as labels.
    diff.same(
      `${at} prior`,
      [row["Prior Value"], row["Prior Level"], row.Change],
      [indicator.prior?.value ?? null, indicator.prior?.allLevel ?? null, indicator.change],
    );
    const p = indicator.performance;
    diff.same(
      `${at} performance`,
      [row.Status, row["Change Class"], row.Colour],
      p ? [codeLabel(p.status), codeLabel(p.change), codeLabel(p.color)] : [null, null, null],
    );
    (["+1 Level", "+2 Levels", "+3 Levels"] as const).forEach((header, j) => {
      const change = indicator.changeNeeded[j];
      if (change == null) {
        diff.same(`${at} ${header}`, row[header], null);
        return;
      }
      // The value to reach is where the change leads, and it does reach the level promised.
      const needed = row[header] as number;
      if (code !== "spedIdentification") diff.close(`${at} ${header}`, needed, indicator.value! + change);
      diff.same(`${at} ${header} reaches`, levelOf(scales[code as Indicator], needed), indicator.allLevel! + j + 1);
    });
  }
  diff.none();
  expect(seen.size).toBe(table!.rows.length);
}

export function checkSubgroups(sheet: ParsedSheet, { response, request, config }: Expected): void {
  const [table] = sheet.tables;
  const sent = new Map(request.schools.map((s) => [s.id, s]));
  const results = new Map(response.results.map((r) => [r.id, r]));
  expect(table!.rows).toHaveLength(response.results.reduce((n, r) => n + Object.keys(r.subgroups).length, 0));
  const diff = new Differences();
  for (const row of table!.rows) {
    const school = results.get(String(row["School ID"]))!;
    const group = row.Group as Subgroup;
    const at = `${school.id} ${group}`;
    const report = school.subgroups[group]!;
    const values = sent.get(school.id)!.subgroups[group]!;
    diff.same(
      at,
      [row["Group Name"], row.N, row.Accountable, row.Flags, row["Academic Level"], row["Academic Change"]],
      [SUBGROUP_NAMES[group], report.n, report.accountable, report.flags.join(", ") || null, report.academicLevel, report.academicChange],
    );
    for (const code of INDICATORS) {
      const label = FIELD_LABELS[code];
      diff.same(`${at} ${label}`, [row[`${label} Value`], row[`${label} Level`]], [values[code] ?? null, report.levels[code] ?? null]);
      if (!(code === "ela" || code === "math" || code === "grad")) continue;
      const applies = config.indicatorWeights[school.level][code] !== undefined;
      diff.same(`${at} ${label} Target`, row[`${label} Target`], applies ? config.targets[code] : null);
      const distance = row[`${label} Distance to Target`];
      if (!applies || values[code] == null) diff.same(`${at} ${label} Distance`, distance, null);
      else {
        diff.close(`${at} ${label} Distance`, distance, config.targets[code]! - values[code]!);
        // Short of the target is what the engine flags, for a group it holds accountable.
        if (report.accountable) diff.same(`${at} ${label} below target`, (distance as number) > 0, report.flags.includes(`belowTarget:${code}`));
      }
    }
  }
  diff.none();
}

export function checkPartnerships(sheet: ParsedSheet, { response }: Expected): void {
  const [table] = sheet.tables;
  const { pairs, unmatched } = response.partnerships;
  const results = new Map(response.results.map((r) => [r.id, r]));
  const expected = [
    ...pairs.map((p) => ({ id: p.school, subgroup: p.subgroup, partner: p.partner, quality: p.quality, evidence: EVIDENCE_LABELS[p.evidence], reason: null })),
    ...unmatched.map((u) => ({ id: u.school, subgroup: u.subgroup, partner: null, quality: null, evidence: null, reason: u.reason.message })),
  ];
  expect(table!.rows).toHaveLength(expected.length);
  table!.rows.forEach((row, i) => {
    const e = expected[i]!;
    const { designation } = results.get(e.id)!;
    expect(row).toEqual({
      "School ID": e.id,
      Designation: codeLabel(designation.type),
      Stage: designation.stage ? codeLabel(designation.stage) : null,
      Subgroup: SUBGROUP_NAMES[e.subgroup],
      Partner: e.partner,
      Quality: e.quality,
      Evidence: e.evidence,
      Reason: e.reason,
    });
  });
}

export function checkDistricts(sheet: ParsedSheet, { response }: Expected): void {
  const { rollup, nSizeImpact, titleIPool, performance } = response.summary;
  const [districts, nSize, colours] = sheet.tables;
  // §13: the colour counts, one row per indicator with any, when schools carry a prior year.
  const coloured = INDICATORS.filter((code) => performance[code]);
  expect(sheet.tables).toHaveLength(coloured.length > 0 ? 3 : 2);
  if (colours) {
    expect(colours.header).toEqual(["Indicator", "Red", "Orange", "Yellow", "Green", "Blue"]);
    expect(colours.rows.map((row) => row.Indicator)).toEqual(coloured.map((code) => FIELD_LABELS[code]));
    colours.rows.forEach((row, i) => {
      const counts = performance[coloured[i]!]!;
      expect([row.Red, row.Orange, row.Yellow, row.Green, row.Blue]).toEqual([counts.red, counts.orange, counts.yellow, counts.green, counts.blue]);
    });
  }
  expect(sheet.info.get("Title I pool")).toBe(titleIPool);
  expect([sheet.info.get("Minimum n"), sheet.info.get("Previous minimum n")]).toEqual([nSizeImpact.minN, nSizeImpact.previousMinN]);
  const all = [...rollup.districts, rollup.total];
  expect(districts!.rows.map((row) => row.District)).toEqual([...rollup.districts.map((d) => d.district), "Total"]);
  districts!.rows.forEach((row, i) => {
    const r = all[i]!;
    expect(Object.values(row).slice(1)).toEqual([
      r.schools,
      r.scored,
      r.unscored,
      r.meanIndex,
      r.weightedMeanIndex,
      r.designations.priority,
      r.designations.focus,
      r.designations.reward,
      r.designations.none,
      r.studentsInPriority,
      r.studentsInFocus,
    ]);
  });
  expect(nSize!.header).toEqual(["Student Group", "Results Newly Accountable", "Students"]);
  const groups = nSize!.rows.slice(0, -1);
  expect(groups.map((row) => GROUP_BY_NAME.get(String(row["Student Group"])))).toEqual(Object.keys(nSizeImpact.bySubgroup));
  for (const row of groups) {
    const tally = nSizeImpact.bySubgroup[GROUP_BY_NAME.get(String(row["Student Group"]))!]!;
    expect([row["Results Newly Accountable"], row.Students]).toEqual([tally.results, tally.students]);
  }
  expect(Object.values(nSize!.rows.at(-1)!)).toEqual(["Total", nSizeImpact.total.results, nSizeImpact.total.students]);
}

export function checkResults(sheet: ParsedSheet, { response }: Expected): void {
  const [table] = sheet.tables;
  expect(table!.rows.map((row) => [row["School ID"], row["Index Score"], row["Prior Score"], row.Change, row.Designation])).toEqual(
    response.results.map((r) => [r.id, r.index?.score ?? null, r.index?.priorScore ?? null, r.index?.change ?? null, codeLabel(r.designation.type)]),
  );
}

/** The sheets both doors write, each checked against the response. */
export const SHEET_CHECKS: Record<string, (sheet: ParsedSheet, expected: Expected) => void> = {
  "SQII Results": checkResults,
  "SQII Subgroups": checkSubgroups,
  "SQII Indicators": checkIndicators,
  "SQII Partnerships": checkPartnerships,
  "SQII Districts": checkDistricts,
};
