// A sheet of blocks, as the SQII Config sheet is (api.md "Inputs"): its cells from A1, and for each
// block the Excel table it becomes and the data validation on its cells, decided here for both
// renderers (the add-in's addin/block-sheet.ts, the command line's scripts/cli/config-file.ts).
// Validation follows each block's kind and header, and in the Setting block each row's setting,
// with ranges read off the zod schema (config-settings.ts), so Excel stops what the engine refuses.
import { INDICATORS, SCHOOL_LEVELS } from "../core/model.js";
import { cellText, isBlank, type TableCell } from "../tables/cells.js";
import { type BlockKind, CUT_HEADERS, splitBlocks } from "../tables/config-blocks.js";
import { INDICATOR_LABELS, indicatorOfName, LEVEL_LABELS, type SettingSpec, settingBounds, settingOfName, valueBounds } from "../tables/config-settings.js";
import type { ValidationRule } from "./templates.js";

/** A rule on one column of a block's table: on every data row, or on one (0-based within the data rows). */
export interface CellValidation {
  column: string;
  row?: number;
  rule: ValidationRule;
  message: string;
}

export interface SheetBlock {
  kind: BlockKind;
  /** 0-based position of the header's first cell on the sheet, and the block's size, header included. */
  top: number;
  left: number;
  height: number;
  width: number;
  /** The Excel table over the block (base name; a renderer makes it unique in the workbook). Notes have none. */
  tableName?: string;
  header: string[];
  validation: CellValidation[];
}

export interface BlockSheet {
  sheet: string;
  /** Every cell from A1, rows of equal length; null is an empty cell. */
  values: TableCell[][];
  /** Number formats of the same cells, kept from a sheet that is rewritten ("" for General). */
  numberFormats?: string[][];
  blocks: SheetBlock[];
}

const TABLE_NAMES: Record<Exclude<BlockKind, "notes">, string> = {
  settings: "SQIISettings",
  cutPoints: "SQIICutPoints",
  weights: "SQIIWeights",
  targets: "SQIITargets",
};

const indicatorList: ValidationRule = { kind: "list", values: INDICATORS.map((c) => INDICATOR_LABELS[c]) };

/** What Excel's validation can hold of the schema's range for a config key's values; an unbounded end becomes ±1e9. */
function range(key: Parameters<typeof valueBounds>[0]): { min: number; max: number } {
  const bounds = valueBounds(key);
  const finite = (value: number | undefined, fallback: number) => (value !== undefined && Number.isFinite(value) ? value : fallback);
  return { min: finite(bounds?.min, -1e9), max: finite(bounds?.max, 1e9) };
}

/** The rule a setting's Value cell gets, from its kind and the schema's bounds. */
function settingRule(spec: SettingSpec): { rule: ValidationRule; message: string } | undefined {
  if (spec.kind === "boolean") return { rule: { kind: "list", values: ["TRUE", "FALSE"] }, message: `${spec.path}: TRUE or FALSE.` };
  const bounds = settingBounds(spec.path);
  if (!bounds) return undefined;
  if (bounds.whole) return { rule: { kind: "whole", min: bounds.min }, message: `${spec.path}: a whole number, ${bounds.min} or more.` };
  const what = spec.kind === "share" ? "a share (0.05 is 5%)" : "a number";
  return { rule: { kind: "decimal", min: bounds.min, max: bounds.max }, message: `${spec.path}: ${what} from ${bounds.min} to ${bounds.max}.` };
}

function blockValidation(kind: BlockKind, header: string[], rows: readonly (readonly TableCell[])[]): CellValidation[] {
  const out: CellValidation[] = [];
  const has = (column: string) => header.includes(column);
  if (kind === "settings") {
    const setting = header.findIndex((h) => /^settings?$/i.test(h));
    rows.forEach((row, i) => {
      const spec = isBlank(row[setting]) ? undefined : settingOfName(cellText(row[setting]));
      const rule = spec && settingRule(spec);
      if (rule && has("Value")) out.push({ column: "Value", row: i, ...rule });
    });
  }
  if ((kind === "cutPoints" || kind === "targets") && has("Indicator"))
    out.push({ column: "Indicator", rule: indicatorList, message: `An indicator: ${INDICATORS.map((c) => INDICATOR_LABELS[c]).join(", ")}.` });
  if (kind === "cutPoints") {
    const { min, max } = range("cutPoints");
    for (const column of CUT_HEADERS.filter(has))
      out.push({
        column,
        rule: { kind: "decimal", min, max },
        message: `A number from ${min} to ${max}; the nine cut points never decrease from Cut 1 to Cut 9.`,
      });
  }
  if (kind === "targets" && has("Target")) {
    const { min, max } = range("targets");
    out.push({ column: "Target", rule: { kind: "decimal", min, max }, message: `A target from ${min} to ${max}, or blank for none.` });
  }
  if (kind === "weights") {
    const levels = SCHOOL_LEVELS.map((l) => LEVEL_LABELS[l]);
    if (has("Level")) out.push({ column: "Level", rule: { kind: "list", values: levels }, message: `A school level: ${levels.join(", ")}.` });
    const { min, max } = range("indicatorWeights");
    for (const column of header.filter((h) => indicatorOfName(h) !== undefined))
      out.push({
        column,
        rule: { kind: "decimal", min, max },
        message: `A weight above ${min}, at most ${max}; blank: the indicator does not apply at this level.`,
      });
  }
  return out;
}

/** Rows padded to one width, so a renderer can write them as one range. */
export function rectangular(values: readonly (readonly TableCell[])[]): TableCell[][] {
  const width = Math.max(0, ...values.map((r) => r.length));
  return values.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? null));
}

/** The blocks of a sheet's cells (from A1) with their tables and validation. Blocks of no known kind are left as cells. */
export function blockSheetOf(sheet: string, cells: readonly (readonly TableCell[])[], numberFormats?: string[][]): BlockSheet {
  const values = rectangular(cells);
  const used = new Map<string, number>();
  const blocks: SheetBlock[] = [];
  for (const block of splitBlocks(values)) {
    if (block.kind === null) continue;
    const headerRow = values[block.top]!;
    // The table spans the header's cells up to its last non-blank one.
    let right = headerRow.length - 1;
    while (right > block.left && isBlank(headerRow[right])) right--;
    const header = headerRow.slice(block.left, right + 1).map((cell) => (isBlank(cell) ? "" : cellText(cell)));
    const rows = values.slice(block.top + 1, block.top + block.height).map((row) => row.slice(block.left, right + 1));
    const out: SheetBlock = { kind: block.kind, top: block.top, left: block.left, height: block.height, width: right - block.left + 1, header, validation: [] };
    // A table needs a header in every column and at least one data row.
    if (block.kind !== "notes" && block.height > 1 && header.every((h) => h !== "")) {
      const base = TABLE_NAMES[block.kind];
      const count = (used.get(base) ?? 0) + 1;
      used.set(base, count);
      out.tableName = count === 1 ? base : `${base}${count}`;
      out.validation = blockValidation(block.kind, header, rows);
    }
    blocks.push(out);
  }
  return { sheet, values, ...(numberFormats && { numberFormats }), blocks };
}
