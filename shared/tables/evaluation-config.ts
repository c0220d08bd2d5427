// SQII Evaluation Config (api.md "Inputs › Educators"): the educator config of methodology §11 as
// two blocks of one sheet. `District | Model | Practice | Growth | Growth 2 | Surveys | Goals |
// Highly Effective | Effective | Developing`: one row per district (model weighted or check, its
// weights and its three cuts; blanks take the defaults), and a district named `*` whose Model is
// the default model. `Setting | Value`: minReport. Rows above the first block are not read (the
// template's instructions stand there). Read with the column-spec reader, every problem on its
// cell, into the request's `config`; and the other direction, a config as the sheet's rows.
import { DEFAULT_CUTS, type EducatorConfig, MEASURES, type Measure } from "../contract/educators.js";
import { type CellProblem, squash, synonymMap, type TableCell } from "./cells.js";
import { asChoice, asNumber, asText, type ColumnSpec, type Converter, converted, headerMatcher, ProblemLog, readFlatTable } from "./columns.js";
import type { EducatorTable } from "./educator-table.js";
import { fieldsOfRow, sheetPart } from "./header-search.js";
import type { SheetValues } from "./input-sheets.js";

type Cut = keyof typeof DEFAULT_CUTS;
type ModelField = "district" | "model" | Measure | Cut;
type SettingField = "setting" | "value";

const CUTS: readonly Cut[] = ["highlyEffective", "effective", "developing"];
/** The district whose row sets `defaultModel`. */
export const DEFAULT_DISTRICT = "*";

const weight = asNumber("a weight (a number ≥ 0)");
const cut = asNumber("a cut (a rating from 1 to 4)");
const MODEL_NAMES = synonymMap({ weighted: ["Weighted composite", "Composite"], check: ["Check model", "Massachusetts"] });

export const MODEL_COLUMNS: readonly ColumnSpec<ModelField>[] = [
  { field: "district", label: "District", synonyms: ["District Name", "LEA"], required: true, convert: asText },
  { field: "model", label: "Model", synonyms: ["Evaluation Model"], convert: asChoice(MODEL_NAMES, "a model (weighted or check)") },
  { field: "practice", label: "Practice", convert: weight },
  { field: "growth", label: "Growth", convert: weight },
  { field: "growth2", label: "Growth 2", convert: weight },
  { field: "surveys", label: "Surveys", convert: weight },
  { field: "goals", label: "Goals", convert: weight },
  { field: "highlyEffective", label: "Highly Effective", convert: cut },
  { field: "effective", label: "Effective", convert: cut },
  { field: "developing", label: "Developing", convert: cut },
];

const keep: Converter = (cell) => converted(cell);
const SETTING_COLUMNS: readonly ColumnSpec<SettingField>[] = [
  { field: "setting", label: "Setting", required: true, convert: asText },
  // Converted per setting, once its name is known.
  { field: "value", label: "Value", required: true, convert: keep },
];
const SETTING_NAMES = synonymMap({ minReport: ["Min Report", "Minimum Report", "Minimum group size", "Minimum reported group"] });
const minReport = asNumber("a whole number of educators ≥ 1");

export const MODEL_HEADER = MODEL_COLUMNS.map((c) => c.label);
export const SETTING_HEADER = SETTING_COLUMNS.map((c) => c.label);

export interface EvaluationConfigRead {
  /** The request's `config`; a cell that could not be converted keeps its raw value, so the schema rejects it too. */
  config: { models?: Record<string, unknown>; defaultModel?: unknown; minReport?: unknown };
  problems: CellProblem[];
  /** The cell behind a config path (`config.models.Fresno.weights.growth`), or its nearest ancestor's. */
  locate(path: string): string | undefined;
}

type Block = { kind: "models" | "settings"; from: number; to: number };

/** Reads both blocks; a sheet with neither is one problem, at its first cell. */
export function readEvaluationConfig(sheet: SheetValues): EvaluationConfigRead {
  const blocks = findBlocks(sheet.values);
  const problems: CellProblem[] = [];
  const cells = new Map<string, string>();
  const config: EvaluationConfigRead["config"] = {};
  const seen = new Set<Block["kind"]>();
  for (const block of blocks) {
    const part = sheetPart(sheet, block.from, block.to);
    if (seen.has(block.kind)) {
      const log = new ProblemLog(part);
      const what = block.kind === "models" ? MODEL_HEADER.slice(0, 2).join(" | ") : SETTING_HEADER.join(" | ");
      log.at({ row: 0, col: 0 }, "config", `a second ${what} block; give them all in the first`);
      problems.push(...(log.sorted() as CellProblem[]));
      continue;
    }
    seen.add(block.kind);
    problems.push(...(block.kind === "models" ? readModels(part, config, cells) : readSettings(part, config, cells)));
  }
  if (blocks.length === 0) {
    const log = new ProblemLog(sheet);
    log.at({ row: 0, col: 0 }, "config", `no ${MODEL_HEADER.join(" | ")} table and no ${SETTING_HEADER.join(" | ")} block`);
    problems.push(...(log.sorted() as CellProblem[]));
  }
  const locate = (path: string) => {
    for (let p = path; p !== ""; p = p.includes(".") ? p.slice(0, p.lastIndexOf(".")) : "") {
      const cell = cells.get(p);
      if (cell !== undefined) return cell;
    }
    return undefined;
  };
  return { config, problems, locate };
}

/** Each block runs from its header row to the next block's header; blank rows inside are skipped by the reader. */
function findBlocks(values: readonly (readonly unknown[])[]): Block[] {
  const starts: { kind: Block["kind"]; row: number }[] = [];
  values.forEach((row, i) => {
    const model = fieldsOfRow(row, MODEL_COLUMNS);
    if (model.has("district") && model.has("model")) starts.push({ kind: "models", row: i });
    else if (fieldsOfRow(row, SETTING_COLUMNS).size === 2) starts.push({ kind: "settings", row: i });
  });
  return starts.map((s, i) => ({ kind: s.kind, from: s.row, to: starts[i + 1]?.row ?? values.length }));
}

// The table layer reads a lone "*" as "no value" (research files' suppression mark); in the
// District column it is the default's name, so it is read as this stand-in and shown as "*".
const STAR = "\u2217";
const shown = (district: string) => (district === STAR ? DEFAULT_DISTRICT : district);

function withStar(values: readonly (readonly unknown[])[]): unknown[][] {
  const fieldOf = headerMatcher(MODEL_COLUMNS);
  const col = (values[0] ?? []).findIndex((c) => typeof c === "string" && fieldOf(c) === "district");
  return values.map((row, i) =>
    i > 0 && typeof row[col] === "string" && row[col].trim() === DEFAULT_DISTRICT ? row.map((c, j) => (j === col ? STAR : c)) : [...row],
  );
}

function readModels(part: SheetValues, config: EvaluationConfigRead["config"], cells: Map<string, string>): CellProblem[] {
  const read = readFlatTable(withStar(part.values), part, MODEL_COLUMNS, (record, field) => `config.models[${record}].${field}`);
  const { log } = read;
  const cellAt = (row: number, field: ModelField) => log.cellName({ row, col: read.mapping.columns.get(field) ?? read.mapping.columns.get("district")! });
  const given = (v: Partial<Record<ModelField, unknown>>, fields: readonly ModelField[]) => fields.filter((f) => v[f] !== undefined);
  const star = read.records.find((r) => r.values.district === STAR);
  const defaultModel = star?.values.model ?? "weighted";
  const models: Record<string, unknown> = {};
  const firstRow = new Map<string, number>();
  for (const { row, values: v } of read.records) {
    const district = v.district as string | undefined;
    const problem = (field: ModelField, message: string) =>
      log.at({ row, col: read.mapping.columns.get(field) ?? 0 }, district === undefined ? "config.models" : `config.models.${district}`, message);
    if (district === undefined) {
      if (Object.keys(v).length > 0) problem("district", "this row has values but no District");
      continue;
    }
    if (firstRow.has(district)) {
      problem("district", `district "${shown(district)}" has a row already (row ${log.sheetRow(firstRow.get(district)!)}); give each district once`);
      continue;
    }
    firstRow.set(district, row);
    if (district === STAR) {
      cells.set("config.defaultModel", cellAt(row, "model"));
      if (v.model === undefined) problem("model", `the ${DEFAULT_DISTRICT} row sets the default model: give weighted or check`);
      else config.defaultModel = v.model;
      for (const f of given(v, [...MEASURES, ...CUTS])) {
        problem(
          f,
          `the ${DEFAULT_DISTRICT} row sets only the default model; weights and cuts are set per district (a district without a row takes the default weights and cuts)`,
        );
      }
      continue;
    }
    const path = `config.models.${district}`;
    cells.set(path, cellAt(row, "district"));
    cells.set(`${path}.model`, cellAt(row, v.model === undefined ? "district" : "model"));
    const model = v.model ?? defaultModel;
    const entry: Record<string, unknown> = { model };
    const weights = given(v, MEASURES);
    if (model === "check") {
      for (const f of weights) problem(f, `weights apply to the weighted model; district "${district}" uses check (practice alone sets the level)`);
    } else if (weights.length > 0) {
      entry.weights = Object.fromEntries(weights.map((f) => [f, v[f]]));
    }
    cells.set(`${path}.weights`, cellAt(row, weights[0] ?? "growth"));
    for (const m of MEASURES) cells.set(`${path}.weights.${m}`, cellAt(row, m));
    const cuts = given(v, CUTS);
    // The three cuts go together in the config: one given takes the others' defaults.
    if (cuts.length > 0) entry.cuts = { ...DEFAULT_CUTS, ...Object.fromEntries(cuts.map((f) => [f, v[f]])) };
    cells.set(`${path}.cuts`, cellAt(row, cuts[0] ?? "highlyEffective"));
    for (const c of CUTS) cells.set(`${path}.cuts.${c}`, cellAt(row, c));
    // Defined, not assigned: a district named "__proto__" is a district, not the object's prototype.
    Object.defineProperty(models, district, { value: entry, enumerable: true, writable: true, configurable: true });
  }
  if (Object.keys(models).length > 0) config.models = models;
  return log.sorted() as CellProblem[];
}

function readSettings(part: SheetValues, config: EvaluationConfigRead["config"], cells: Map<string, string>): CellProblem[] {
  const read = readFlatTable(part.values, part, SETTING_COLUMNS, (record, field) => `config.settings[${record}].${field}`, {
    ...(part.numberFormats && { numberFormats: part.numberFormats }),
  });
  const { log } = read;
  const col = (field: SettingField) => read.mapping.columns.get(field) ?? 0;
  let first: number | undefined;
  for (const { row, values: v } of read.records) {
    if (v.setting === undefined) {
      log.at({ row, col: col("setting") }, "config", "this row has a value but no Setting");
      continue;
    }
    const name = SETTING_NAMES.get(squash(String(v.setting)));
    if (name === undefined) {
      log.at({ row, col: col("setting") }, "config", `"${v.setting}" is not a setting of this sheet; the one setting is minReport`);
      continue;
    }
    if (first !== undefined) {
      log.at({ row, col: col("setting") }, "config.minReport", `minReport is set already (row ${log.sheetRow(first)}); give it once`);
      continue;
    }
    first = row;
    cells.set("config.minReport", log.cellName({ row, col: col("value") }));
    if (v.value === undefined) continue; // blank: the default
    const conversion = minReport(v.value, { percentFormat: false });
    if (!conversion.ok) log.at({ row, col: col("value") }, "config.minReport", conversion.message);
    config.minReport = conversion.ok ? conversion.value : v.value;
  }
  return log.sorted() as CellProblem[];
}

/** The educator table's request with the sheet's config, and both sheets' problems and cells, as one table. */
export function withEvaluationConfig(table: EducatorTable, sheet: EvaluationConfigRead | null): EducatorTable {
  if (!sheet) return table;
  return {
    request: { ...table.request, config: sheet.config } as EducatorTable["request"],
    problems: [...table.problems, ...sheet.problems],
    locate: (path) => (path === "config" || path.startsWith("config.") ? sheet.locate(path) : table.locate(path)),
  };
}

/** The sheet's rows for a config: the district table (`*` first when there is a default model), a blank row, the settings. */
export function evaluationConfigRows(config: EducatorConfig = {}): TableCell[][] {
  const rows: TableCell[][] = [[...MODEL_HEADER]];
  if (config.defaultModel !== undefined) rows.push([DEFAULT_DISTRICT, config.defaultModel, ...new Array<TableCell>(MODEL_HEADER.length - 2).fill(null)]);
  for (const [district, m] of Object.entries(config.models ?? {})) {
    const cuts = m.cuts as Partial<Record<Cut, number>> | undefined;
    rows.push([district, m.model, ...MEASURES.map((f) => m.weights?.[f] ?? null), ...CUTS.map((c) => cuts?.[c] ?? null)]);
  }
  rows.push(new Array<TableCell>(MODEL_HEADER.length).fill(null), [...SETTING_HEADER], ["minReport", config.minReport ?? null]);
  return rows;
}
