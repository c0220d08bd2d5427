// §13 status × change: where an indicator's current ALL level and its change since the prior year
// put it on the five-by-five grid of California's School Dashboard, and the grid's colour.

import { CHANGE_CLASSES, type ChangeClass, COLORS, type Color, STATUSES, type Status } from "../core/model.js";

/** Status of a current ALL level (1–10): two levels per status, 1–2 veryLow … 9–10 veryHigh. */
export function statusOf(level: number): Status {
  return STATUSES[Math.min(4, Math.max(0, Math.ceil(level / 2) - 1))]!;
}

/** Change class of a whole-level difference d: ≤ −2, −1, 0, +1, ≥ +2. */
export function changeClassOf(d: number): ChangeClass {
  return CHANGE_CLASSES[Math.min(4, Math.max(0, d + 2))]!;
}

// Rows in STATUSES order (veryLow first), columns in CHANGE_CLASSES order; the table of §13 read
// bottom row first. Two cells cannot be reached with levels 1–10 (veryLow × increasedSignificantly
// needs a prior level ≤ 0, veryHigh × declinedSignificantly one ≥ 11) but have their colour anyway.
const GRID: readonly (readonly Color[])[] = [
  ["red", "red", "red", "orange", "yellow"],
  ["red", "orange", "orange", "yellow", "yellow"],
  ["orange", "orange", "yellow", "green", "green"],
  ["orange", "yellow", "green", "green", "blue"],
  ["yellow", "green", "blue", "blue", "blue"],
];

export function colorOf(status: Status, change: ChangeClass): Color {
  return GRID[STATUSES.indexOf(status)]![CHANGE_CLASSES.indexOf(change)]!;
}

export interface PerformanceCell {
  status: Status;
  change: ChangeClass;
  color: Color;
}

// One object per (level, prior level) pair, made once: 100 pairs, and results share them.
const CELLS: readonly PerformanceCell[] = Array.from({ length: 100 }, (_, k) => {
  const level = Math.floor(k / 10) + 1;
  const prior = (k % 10) + 1;
  const status = statusOf(level);
  const change = changeClassOf(level - prior);
  return { status, change, color: colorOf(status, change) };
});

/** The grid cell of a current and a prior ALL level (both 1–10). A fresh object, safe to hand out. */
export function performanceOf(level: number, priorLevel: number): PerformanceCell {
  return { ...cellOf(level, priorLevel) };
}

/** The same, shared (read-only): for counting. */
export function cellOf(level: number, priorLevel: number): PerformanceCell {
  return CELLS[(level - 1) * 10 + (priorLevel - 1)]!;
}

/** Position of a colour in COLORS. */
export const COLOR_POSITION: Readonly<Record<Color, number>> = Object.fromEntries(COLORS.map((c, i) => [c, i])) as Record<Color, number>;
