// The SQII Config sheet as the product writes it (api.md "Inputs › SQII Config"): an About block of
// notes, then `Setting | Value | About`, `Indicator | Cut 1 … Cut 9 | About`, `Level | <indicator>
// …` and `Indicator | Target`, each a table with validation (block-sheet.ts). The Template button
// writes it from the default config; reading it back gives the same config (config-sheet.ts).
// Norm cut points from a reference year replace the cut-point block of a sheet and keep the rest.
import type { Config } from "../contract/requests.js";
import type { CutPointsResponse } from "../contract/responses.js";
import { INDICATORS, SCHOOL_LEVELS } from "../core/model.js";
import { cellText, isBlank, squash, type TableCell } from "../tables/cells.js";
import { BLOCK_HEADERS, CUT_HEADERS, splitBlocks } from "../tables/config-blocks.js";
import { INDICATOR_LABELS, LEVEL_LABELS, SETTINGS, settingCell, settingValue } from "../tables/config-settings.js";
import type { SheetValues } from "../tables/input-sheets.js";
import { type BlockSheet, blockSheetOf } from "./block-sheet.js";
import type { InfoLine } from "./report.js";

export const CONFIG_SHEET = "SQII Config";

const ABOUT: InfoLine = [
  BLOCK_HEADERS.notes,
  "The config every Score, Scenarios and Cut points run of this workbook uses, merged over the default. Edit the values; a blank Value keeps the default. Blocks are separated by an empty row.",
];

const NOTES: InfoLine[] = [
  ABOUT,
  [
    "Cut points",
    "One row per indicator, nine cut points never decreasing. Score > Set cut points from this data (or npm run cut-points) fills them from a base year.",
  ],
  ["Weights", "One row per school level; a blank cell means the indicator does not apply at that level. A level row replaces that level's weights whole."],
  ["Targets", "Replace the targets whole: an indicator not listed has no target."],
];

const CUT_ABOUT = "About";

/** Each indicator's cut-point row: the indicator's Data header, its nine cut points, and a note. */
function cutRows(cutPoints: Config["cutPoints"], about: (code: (typeof INDICATORS)[number]) => string): TableCell[][] {
  return [[BLOCK_HEADERS.cutPoints, ...CUT_HEADERS, CUT_ABOUT], ...INDICATORS.map((code) => [INDICATOR_LABELS[code], ...cutPoints[code], about(code) || null])];
}

/** The config's cells, from A1: notes, settings, cut points, weights, targets, an empty row between blocks. */
export function configCells(config: Config, year?: number, notes: InfoLine[] = NOTES): TableCell[][] {
  const settings: TableCell[][] = [
    [BLOCK_HEADERS.settings, "Value", "About"],
    ...SETTINGS.map((spec) => [spec.path, settingCell(spec.kind, spec.path === "year" ? year : settingValue(config, spec.path)), spec.about]),
  ];
  const weights: TableCell[][] = [
    [BLOCK_HEADERS.weights, ...INDICATORS.map((code) => INDICATOR_LABELS[code])],
    ...SCHOOL_LEVELS.map((level) => [LEVEL_LABELS[level], ...INDICATORS.map((code) => config.indicatorWeights[level]?.[code] ?? null)]),
  ];
  const targets: TableCell[][] = [
    [BLOCK_HEADERS.targets, "Target"],
    ...INDICATORS.flatMap((code) => (config.targets[code] === undefined ? [] : [[INDICATOR_LABELS[code], config.targets[code]!]])),
  ];
  const blocks = [notes, settings, cutRows(config.cutPoints, () => ""), weights, targets];
  return blocks.flatMap((block, i) => (i === 0 ? block : [[], ...block]));
}

/** The sheet the Template button inserts: this config (the default, for a new workbook), as blocks with tables and validation. */
export function configSheet(config: Config, year?: number, sheet = CONFIG_SHEET): BlockSheet {
  return blockSheetOf(sheet, configCells(config, year));
}

// ---------------------------------------------------------------- norm cut points into a sheet

export interface CutPointsRun {
  /** Where the reference year came from: `Data!A1:R561`, or a file name. */
  source: string;
  at: Date;
}

/** The pane's status and the sheet's note: how many indicators, from how many schools, and what was skipped. */
export function cutPointsSummary(response: CutPointsResponse): string {
  const set = INDICATORS.filter((code) => response.cutPoints[code]);
  const counts = set.map((code) => `${INDICATOR_LABELS[code]} ${response.counts[code] ?? 0}`).join(", ");
  const skipped = INDICATORS.filter((code) => response.skipped[code]).map((code) => `${INDICATOR_LABELS[code]} (${response.skipped[code]})`);
  return `${set.length} of ${INDICATORS.length} indicators set (schools: ${counts || "none"})${skipped.length > 0 ? `; skipped, cut points kept: ${skipped.join("; ")}` : ""}.`;
}

/** The sheet's cells from A1: the used range put back where it sits on the sheet. */
function fromA1<T>(sheet: SheetValues, grid: readonly (readonly unknown[])[] | undefined, blank: T): T[][] {
  const width = sheet.firstColumn - 1 + Math.max(0, ...sheet.values.map((r) => r.length));
  const rows: T[][] = Array.from({ length: sheet.firstRow - 1 }, () => new Array<T>(width).fill(blank));
  for (const row of sheet.values.keys()) {
    const source = grid?.[row] ?? [];
    rows.push(Array.from({ length: width }, (_, col) => (col < sheet.firstColumn - 1 ? blank : ((source[col - sheet.firstColumn + 1] as T) ?? blank))));
  }
  return rows;
}

const asCell = (value: unknown): TableCell =>
  value === "" || value === undefined ? null : typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : null;

/**
 * The config sheet with its cut-point block replaced by norm cut points (an indicator skipped keeps
 * the cut points `current` has), every other block kept as it is, and a "Cut points" note saying
 * where they came from. `existing` null: a new sheet with `current` and the new cut points.
 */
export function withNormCutPoints(existing: SheetValues | null, current: Config, response: CutPointsResponse, run: CutPointsRun, year?: number): BlockSheet {
  const note = `From ${run.source} at ${run.at.toISOString()}: ${cutPointsSummary(response)}`;
  const cutPoints = { ...current.cutPoints, ...response.cutPoints } as Config["cutPoints"];
  const block = cutRows(cutPoints, (code) =>
    response.cutPoints[code] ? `Norm: ${response.counts[code] ?? 0} schools` : `Kept: ${response.skipped[code] ?? "not computed"}`,
  );
  if (!existing) {
    const notes = NOTES.map((line): InfoLine => (line[0] === "Cut points" ? ["Cut points", note] : line));
    const cells = configCells(current, year, notes);
    const at = splitBlocks(cells).find((b) => b.kind === "cutPoints")!;
    cells.splice(at.top, at.height, ...block);
    return blockSheetOf(CONFIG_SHEET, cells);
  }
  const cells = fromA1<TableCell>(
    existing,
    existing.values.map((r) => r.map(asCell)),
    null,
  );
  const formats = fromA1<string>(existing, existing.numberFormats as string[][] | undefined, "");
  const blankFormats = (n: number) => Array.from({ length: n }, () => [] as string[]);
  const blocks = splitBlocks(cells);
  const cuts = blocks.find((b) => b.kind === "cutPoints");
  const left = cuts?.left ?? blocks.find((b) => b.kind !== null)?.left ?? 0;
  const indent = (rows: TableCell[][]) => rows.map((r) => [...new Array<TableCell>(left).fill(null), ...r]);
  if (cuts) {
    cells.splice(cuts.top, cuts.height, ...indent(block));
    formats.splice(cuts.top, cuts.height, ...blankFormats(block.length));
  } else {
    cells.push([], ...indent(block));
    formats.push(...blankFormats(block.length + 1));
  }
  // The note goes in the About block (its "Cut points" line replaced), or in a new one on top.
  const notes = splitBlocks(cells).find((b) => b.kind === "notes");
  if (notes) {
    const line = cells.slice(notes.top, notes.top + notes.height).findIndex((row) => squash(cellText(row[notes.left] ?? "")) === "cutpoints");
    const row = [...new Array<TableCell>(notes.left).fill(null), "Cut points", note];
    if (line >= 0)
      cells[notes.top + line] = [...cells[notes.top + line]!.slice(0, notes.left), "Cut points", note, ...cells[notes.top + line]!.slice(notes.left + 2)];
    else {
      cells.splice(notes.top + notes.height, 0, row);
      formats.splice(notes.top + notes.height, 0, []);
    }
  } else {
    const top = cells.findIndex((r) => !r.every(isBlank));
    const at = Math.max(top, 0);
    cells.splice(at, 0, ...indent([ABOUT, ["Cut points", note]]), []);
    formats.splice(at, 0, [], [], []);
  }
  const values = cells.map((r) => r.map(asCell));
  const width = Math.max(0, ...values.map((r) => r.length));
  return blockSheetOf(
    existing.sheet,
    values,
    formats.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? "")),
  );
}
