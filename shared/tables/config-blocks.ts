// The layout of the SQII Config sheet: blocks, each a header row then rows, separated by at least
// one empty row (api.md). What a block is comes from its header: `Setting | Value`, `Indicator |
// Cut 1 … Cut 9`, `Level | <indicator> …`, `Indicator | Target`, and (the product's own addition)
// an `About` block of notes, which is never read. The reader (config-sheet.ts) reads the blocks;
// the cut-point writer (shared/reports/config-report.ts) replaces one of them and keeps the rest.
import { cellText, isBlank, squash } from "./cells.js";

export type BlockKind = "notes" | "settings" | "cutPoints" | "weights" | "targets";

/** The header each block is written with; `<indicator>` columns of the weights block follow `Level`. */
export const BLOCK_HEADERS = {
  notes: "About",
  settings: "Setting",
  cutPoints: "Indicator",
  weights: "Level",
  targets: "Indicator",
} as const satisfies Record<BlockKind, string>;

export const CUT_HEADERS = Array.from({ length: 9 }, (_, i) => `Cut ${i + 1}`);

/** Extra columns with these headers are notes in any block (the sheet's own "About" column among them). */
export const NOTE_HEADERS = new Set(["about", "note", "notes", "comment", "comments", "source", "schools"]);

export interface GridBlock {
  /** What the header says the block is; null: a header the sheet does not know (a problem at its first cell). */
  kind: BlockKind | null;
  /** 0-based row of the header within the values. */
  top: number;
  /** Rows, the header included. */
  height: number;
  /** 0-based column of the header's first non-blank cell: the block's first column. */
  left: number;
  /** Why an `Indicator` header is neither block, when it is not. */
  unclear?: string;
}

const isBlankRow = (row: readonly unknown[] | undefined) => (row ?? []).every(isBlank);

/** A header row's block kind. `Indicator` is the cut-point block with Cut columns and the target block with a Target column. */
function kindOf(header: readonly unknown[], left: number): Pick<GridBlock, "kind" | "unclear"> {
  const first = squash(cellText(header[left]));
  const rest = header.slice(left + 1).map((cell) => squash(isBlank(cell) ? "" : cellText(cell)));
  if (first === "about" || first === "notes" || first === "note") return { kind: "notes" };
  if (first === "setting" || first === "settings") return { kind: "settings" };
  if (first === "level" || first === "levels" || first === "schoollevel") return { kind: "weights" };
  if (first === "indicator" || first === "indicators") {
    if (rest.some((h) => /^cut\d$/.test(h))) return { kind: "cutPoints" };
    if (rest.some((h) => h === "target" || h === "targets")) return { kind: "targets" };
    return { kind: null, unclear: "an Indicator block needs Cut 1 … Cut 9 columns (cut points) or a Target column (targets)" };
  }
  return { kind: null };
}

/** The blocks of a sheet's values, top to bottom. */
export function splitBlocks(values: readonly (readonly unknown[])[]): GridBlock[] {
  const blocks: GridBlock[] = [];
  for (let row = 0; row < values.length; row++) {
    if (isBlankRow(values[row])) continue;
    const top = row;
    while (row + 1 < values.length && !isBlankRow(values[row + 1])) row++;
    const header = values[top]!;
    const left = header.findIndex((cell) => !isBlank(cell));
    blocks.push({ top, height: row - top + 1, left, ...kindOf(header, left) });
  }
  return blocks;
}

/** What a block of an unknown kind is told: the headers a block may start with. */
export const KNOWN_BLOCKS = "Setting (settings), Indicator (cut points or targets), Level (indicator weights) or About (notes)";
