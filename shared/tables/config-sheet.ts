// Reads the SQII Config sheet (api.md "Workbook contract › Inputs") into a config patch and a year:
// `Setting | Value` rows by config path, cut points per indicator, a level's indicator weights (a row
// replaces the level's weights whole; blank: the indicator does not apply), targets (replaced
// whole). Every problem is on its cell, the schema's too: the patch is checked by the same
// ConfigPatchSchema and resolveConfig as a request's `config`, and each problem's path is mapped
// back to the cell it came from. Absent sheet: the caller uses the default (no patch).
import { resolveConfig } from "../contract/config.js";
import { type Config, ScoreRequestSchema } from "../contract/requests.js";
import { INDICATORS, type Indicator, SCHOOL_LEVELS, type SchoolLevel } from "../core/model.js";
import { problemsFromZod } from "../core/problems.js";
import { type CellProblem, cellAddress, cellText, isBlank, squash } from "./cells.js";
import { asNumber, asText, type ColumnSpec, type Converter, converted, type FlatRead, readFlatTable, refused } from "./columns.js";
import { CUT_HEADERS, type GridBlock, KNOWN_BLOCKS, NOTE_HEADERS, splitBlocks } from "./config-blocks.js";
import {
  convertSetting,
  INDICATOR_LABELS,
  indicatorOfName,
  LEVEL_LABELS,
  levelOfName,
  type SettingSpec,
  setSetting,
  settingOfName,
} from "./config-settings.js";
import type { SheetValues } from "./input-sheets.js";

export interface ConfigSheetRead {
  sheet: string;
  /** The config patch the sheet makes, merged over the default like a request's `config`. */
  patch: Record<string, unknown>;
  /** The `year` setting, when the sheet gives one: the request's year. */
  year?: number;
  /** Every problem, each at its cell, in sheet order. Any of them blocks scoring. */
  problems: CellProblem[];
  /** The merged config, when there are no problems. */
  config?: Config;
  /** The cell behind a config path (`config.cutPoints.ela[3]`, `config.minN`, `year`), or its nearest ancestor's. */
  locate(path: string): string | undefined;
  blocks: GridBlock[];
}

type Position = { row: number; col: number };

const asIndicator: Converter = (cell) => {
  const code = typeof cell === "string" ? indicatorOfName(cell) : undefined;
  return code === undefined ? refused(cell, `an indicator (${INDICATORS.map((c) => INDICATOR_LABELS[c]).join(", ")})`) : converted(code);
};
const asLevel: Converter = (cell) => {
  const level = typeof cell === "string" ? levelOfName(cell) : undefined;
  return level === undefined ? refused(cell, `a school level (${SCHOOL_LEVELS.map((l) => LEVEL_LABELS[l]).join(", ")})`) : converted(level);
};
// Cut points and targets are in the data's units: a percent-formatted 45% is 45, as in the Data sheet.
const asValue = asNumber("a number", { percent: true });
const asWeight = asNumber("a number (a weight above 0, or blank)");
/** Read as the cell is; the row's setting decides how it converts. */
const asIs: Converter = (cell) => converted(cell);

const SETTING_SPECS: ColumnSpec<"setting" | "value">[] = [
  { field: "setting", label: "Setting", required: true, convert: asText },
  { field: "value", label: "Value", required: true, convert: asIs },
];
const CUT_SPECS: ColumnSpec<string>[] = [
  { field: "indicator", label: "Indicator", required: true, convert: asIndicator },
  // Fields cut1 … cut9: a field answers to its own name too, so it must be the label's ("Cut 1").
  ...CUT_HEADERS.map((label, k) => ({ field: `cut${k + 1}`, label, required: true, convert: asValue })),
];
const TARGET_SPECS: ColumnSpec<"indicator" | "target">[] = [
  { field: "indicator", label: "Indicator", required: true, convert: asIndicator },
  { field: "target", label: "Target", synonyms: ["Targets"], required: true, convert: asValue },
];
// Weight columns answer to everything an indicator answers to (codes, Data headers, synonyms).
const WEIGHT_SPECS: ColumnSpec<string>[] = [
  { field: "level", label: "Level", synonyms: ["Levels", "School Level"], required: true, convert: asLevel },
  ...INDICATORS.map((code) => ({ field: code, label: INDICATOR_LABELS[code], convert: asWeight })),
];

/** Reads one config sheet. Problems are listed in the sheet's order; schema problems sit at the cells their values came from. */
export function readConfigSheet(sheet: SheetValues): ConfigSheetRead {
  return new ConfigReader(sheet).read();
}

class ConfigReader {
  private readonly patch: Record<string, unknown> = {};
  private year: number | undefined;
  /** Where each patch path's value came from (paths relative to `config`, e.g. `cutPoints.ela[3]`). */
  private readonly places = new Map<string, Position>();
  private readonly problems: { at: Position; problem: CellProblem }[] = [];
  /** The first row each key was given in (`setting:minN`, `cutPoints:ela`, `weights:high`), to report repeats. */
  private readonly firstRows = new Map<string, number>();
  /** Set once the cells are read: later problems are the schema's. */
  private schemaPhase = false;

  constructor(private readonly sheet: SheetValues) {}

  read(): ConfigSheetRead {
    const values = this.sheet.values;
    const blocks = splitBlocks(values);
    for (const block of blocks) this.readBlock(block);
    // Checked even when some cells could not be read, so that every problem shows at once; a cell
    // already reported keeps its own message (problemAt leaves out the schema's repeat of it).
    const resolved = resolveConfig([{ patch: this.patch, at: ["config"] }]);
    this.schemaPhase = true;
    if (!resolved.ok) for (const problem of resolved.problems) this.problemAt(this.position(problem.path), problem.path, problem.message);
    if (this.year !== undefined) {
      const year = ScoreRequestSchema.shape.year.safeParse(this.year);
      if (!year.success) for (const p of problemsFromZod(year.error.issues, undefined, ["year"])) this.problemAt(this.places.get("year")!, "year", p.message);
    }
    const problems = [...this.problems].sort((a, b) => a.at.row - b.at.row || a.at.col - b.at.col).map((p) => p.problem);
    const out: ConfigSheetRead = {
      sheet: this.sheet.sheet,
      patch: this.patch,
      problems,
      locate: (path) => this.cellOf(this.position(path)),
      blocks,
    };
    if (this.year !== undefined) out.year = this.year;
    if (resolved.ok && problems.length === 0) out.config = resolved.value;
    return out;
  }

  // -------------------------------------------------------------- blocks

  private readBlock(block: GridBlock): void {
    if (block.kind === "notes") return;
    const header = { row: block.top, col: block.left };
    if (block.kind === null) {
      const text = cellText(this.sheet.values[block.top]![block.left]);
      this.problemAt(header, "config", block.unclear ?? `${JSON.stringify(text)} does not start a config block; a block starts with ${KNOWN_BLOCKS}`);
      return;
    }
    if (block.kind === "settings") this.readSettings(this.flat(block, SETTING_SPECS));
    else if (block.kind === "cutPoints") this.readCutPoints(this.flat(block, CUT_SPECS));
    else if (block.kind === "targets") this.readTargets(this.flat(block, TARGET_SPECS));
    else this.readWeights(block, this.flat(block, WEIGHT_SPECS));
  }

  /** The block through the shared column reader; its problems join the sheet's at their cells. */
  private flat<F extends string>(block: GridBlock, specs: readonly ColumnSpec<F>[]): { read: FlatRead<F>; at: (row: number, col: number) => Position } {
    const slice = (grid: readonly (readonly unknown[])[] | undefined) => grid?.slice(block.top, block.top + block.height).map((r) => r.slice(block.left));
    const place = { sheet: this.sheet.sheet, firstRow: this.sheet.firstRow + block.top, firstColumn: this.sheet.firstColumn + block.left };
    const formats = slice(this.sheet.numberFormats);
    const read = readFlatTable(slice(this.sheet.values)!, place, specs, () => "config", formats ? { numberFormats: formats } : {});
    const at = (row: number, col: number) => ({ row: block.top + row, col: block.left + col });
    // The reader's own log sorts its problems; they are re-sorted with the rest, so only cells matter here.
    for (const problem of read.log.sorted()) this.problems.push({ at: this.positionOfCell(problem.cell!, block), problem: problem as CellProblem });
    return { read, at };
  }

  private readSettings({ read, at }: ReturnType<ConfigReader["flat"]>): void {
    const valueCol = read.mapping.columns.get("value");
    const settingCol = read.mapping.columns.get("setting");
    if (valueCol === undefined || settingCol === undefined) return;
    for (const record of read.records) {
      const name = record.values.setting as string | undefined;
      const nameAt = at(record.row, settingCol);
      const valueAt = at(record.row, valueCol);
      if (name === undefined) {
        this.problemAt(nameAt, "config", "a value without a setting: name the setting in this cell (e.g. minN)");
        continue;
      }
      const spec: SettingSpec | undefined = settingOfName(name);
      if (!spec) {
        this.problemAt(nameAt, "config", `${JSON.stringify(name)} is not a setting; settings are year, minN, subgroupShare, … (api.md's list)`);
        continue;
      }
      if (this.repeated(`setting:${spec.path}`, nameAt, spec.path)) continue;
      const cell = record.values.value;
      if (cell === undefined) continue; // blank: the default stays
      const path = spec.path === "year" ? "year" : `config.${spec.path}`;
      const conversion = convertSetting(spec.kind, cell);
      if (!conversion.ok) {
        this.problemAt(valueAt, path, conversion.message);
        continue;
      }
      this.places.set(spec.path, valueAt);
      if (spec.path === "year") this.year = conversion.value as number;
      else setSetting(this.patch, spec.path, conversion.value);
    }
  }

  private readCutPoints({ read, at }: ReturnType<ConfigReader["flat"]>): void {
    const cutPoints = this.part("cutPoints", () => ({}));
    for (const record of read.records) {
      const code = this.keyOf(record, read, at, "indicator", "cut points", "cutPoints");
      if (code === undefined) continue;
      const cuts: unknown[] = [];
      this.places.set(`cutPoints.${code}`, at(record.row, read.mapping.columns.get("indicator")!));
      CUT_HEADERS.forEach((label, k) => {
        const col = read.mapping.columns.get(`cut${k + 1}`);
        if (col === undefined) return;
        const cellAt = at(record.row, col);
        this.places.set(`cutPoints.${code}[${k}]`, cellAt);
        const value = record.values[`cut${k + 1}`];
        if (value === undefined) this.problemAt(cellAt, `config.cutPoints.${code}[${k}]`, `${label} is blank; an indicator needs all nine cut points`);
        cuts.push(value);
      });
      cutPoints[code] = cuts;
    }
  }

  private readTargets({ read, at }: ReturnType<ConfigReader["flat"]>): void {
    // Replaces the targets whole: an indicator not listed, or listed with a blank target, has none.
    const targets = this.part("targets", () => Object.fromEntries(INDICATORS.map((code) => [code, null])));
    this.places.set("targets", at(0, 0));
    for (const record of read.records) {
      const code = this.keyOf(record, read, at, "indicator", "a target", "targets");
      if (code === undefined) continue;
      const col = read.mapping.columns.get("target")!;
      this.places.set(`targets.${code}`, at(record.row, col));
      targets[code] = record.values.target ?? null;
    }
  }

  private readWeights(block: GridBlock, { read, at }: ReturnType<ConfigReader["flat"]>): void {
    // A header that is neither Level, an indicator nor a note would be a column silently not read:
    // an indicator dropped from every level. Say so at the header.
    const header = this.sheet.values[block.top]!;
    for (let col = block.left + 1; col < header.length; col++) {
      const text = isBlank(header[col]) ? "" : cellText(header[col]);
      if (text !== "" && indicatorOfName(text) === undefined && !NOTE_HEADERS.has(squash(text)))
        this.problemAt(
          { row: block.top, col },
          "config.indicatorWeights",
          `${JSON.stringify(text)} is not an indicator; weight columns are indicators such as ELA or Chronic Absence`,
        );
    }
    const weights = this.part("indicatorWeights", () => ({}));
    for (const record of read.records) {
      const level = this.keyOf(record, read, at, "level", "weights", "weights") as SchoolLevel | undefined;
      if (level === undefined) continue;
      const levelAt = at(record.row, read.mapping.columns.get("level")!);
      this.places.set(`indicatorWeights.${level}`, levelAt);
      // The row replaces the level's weights whole: every indicator without a weight here is removed.
      const row: Record<string, unknown> = {};
      for (const code of INDICATORS) {
        const col = read.mapping.columns.get(code);
        row[code] = record.values[code] ?? null;
        this.places.set(`indicatorWeights.${level}.${code}`, col === undefined ? levelAt : at(record.row, col));
      }
      weights[level] = row;
    }
  }

  /** The row's key (indicator or level), or undefined after saying why there is none or that it repeats an earlier row. */
  private keyOf(
    record: FlatRead<string>["records"][number],
    read: FlatRead<string>,
    at: (row: number, col: number) => Position,
    field: "indicator" | "level",
    what: string,
    kind: string,
  ): Indicator | SchoolLevel | undefined {
    const col = read.mapping.columns.get(field);
    if (col === undefined) return undefined;
    const key = record.values[field];
    const keyAt = at(record.row, col);
    if (key === undefined) {
      this.problemAt(keyAt, "config", `a row of ${what} without ${field === "level" ? "a level" : "an indicator"}: name it in this cell`);
      return undefined;
    }
    // A cell that did not convert is already a problem; its raw text is not a key.
    if (typeof key !== "string" || (field === "indicator" ? !(INDICATORS as readonly string[]).includes(key) : levelOfName(key) === undefined))
      return undefined;
    return this.repeated(`${kind}:${key}`, keyAt, field === "level" ? LEVEL_LABELS[key as SchoolLevel] : INDICATOR_LABELS[key as Indicator])
      ? undefined
      : (key as Indicator | SchoolLevel);
  }

  /** True (and a problem at `at`) when the key was given in an earlier row. */
  private repeated(key: string, at: Position, label: string): boolean {
    const first = this.firstRows.get(key);
    if (first === undefined) {
      this.firstRows.set(key, at.row);
      return false;
    }
    this.problemAt(at, "config", `${label} repeats row ${this.sheet.firstRow + first}; only that row is read`);
    return true;
  }

  /** A part of the patch (cutPoints, targets, indicatorWeights), made on first use: several blocks may add to it. */
  private part(key: string, make: () => Record<string, unknown>): Record<string, unknown> {
    if (this.patch[key] === undefined) this.patch[key] = make();
    return this.patch[key] as Record<string, unknown>;
  }

  // -------------------------------------------------------------- cells

  private problemAt(at: Position, path: string, message: string): void {
    const cell = this.cellOf(at)!;
    // A value the reading already refused is not reported again by the schema.
    if (this.schemaPhase && this.problems.some((p) => p.problem.cell === cell)) return;
    this.problems.push({ at, problem: { path, message, cell } });
  }

  /**
   * `config.cutPoints.ela[3]` → its cell's position; else the first cell of what was given under
   * it (`domainWeights` → its first row); else the nearest ancestor's; else the sheet's first cell.
   */
  private position(path: string): Position {
    let key = path.replace(/^config\.?/, "");
    for (;;) {
      const found = this.places.get(key) ?? this.firstUnder(key);
      if (found) return found;
      const shorter = key.replace(/(\[\d+\]|\.?[^.[]+)$/, "");
      if (shorter === key || shorter === "") return { row: 0, col: 0 };
      key = shorter;
    }
  }

  private firstUnder(key: string): Position | undefined {
    const under = [...this.places].filter(([k]) => k.startsWith(`${key}.`) || k.startsWith(`${key}[`)).map(([, at]) => at);
    return under.sort((a, b) => a.row - b.row || a.col - b.col)[0];
  }

  private cellOf(at: Position): string {
    return cellAddress(this.sheet.sheet, this.sheet.firstRow + at.row, this.sheet.firstColumn + at.col);
  }

  /** The position of a cell a block's own log named. */
  private positionOfCell(cell: string, block: GridBlock): Position {
    for (let row = block.top; row < block.top + block.height; row++) {
      for (let col = 0; col < (this.sheet.values[row]?.length ?? 0); col++) if (this.cellOf({ row, col }) === cell) return { row, col };
    }
    return { row: block.top, col: block.left };
  }
}
