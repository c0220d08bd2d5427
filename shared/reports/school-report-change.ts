// The school data report's change since the prior year (methodology §13): the index against the
// prior year's, and the five-by-five status × change grid of California's School Dashboard, rows the
// status of the school's own (ALL) level this year, highest first, columns the change in that level,
// most declined first, each cell in its §13 colour and holding the school's indicators that fall in
// it. The engine places every indicator (its `performance`); the cells' colours are its own table.
import type { IndicatorResult, SchoolResult } from "../contract/responses.js";
import { CHANGE_CLASSES, type ChangeClass, STATUSES, type Status } from "../core/model.js";
import { colorOf } from "../schools/performance.js";
import { codeLabel } from "./report.js";
import type { ChangeSection, IndicatorLine, PerformanceLine } from "./school-report-model.js";
import { indexText } from "./school-report-text.js";

const STATUS_LEVELS: Record<Status, string> = { veryLow: "1–2", low: "3–4", medium: "5–6", high: "7–8", veryHigh: "9–10" };

const CHANGE_LEVELS: Record<ChangeClass, string> = {
  declinedSignificantly: "down 2 or more",
  declined: "down 1",
  maintained: "same level",
  increased: "up 1",
  increasedSignificantly: "up 2 or more",
};

/** An indicator's place on the grid, its codes with their labels. */
export function performanceLine(performance: IndicatorResult["performance"] | undefined): PerformanceLine | null {
  if (!performance) return null;
  const { status, change, color } = performance;
  return { status, change, color, statusLabel: codeLabel(status), changeLabel: codeLabel(change), colorLabel: codeLabel(color) };
}

function indexLine(index: SchoolResult["index"], since: string): string | null {
  if (!index || index.priorScore == null || index.change == null) return null;
  const { score, priorScore, change } = index;
  const prior = `${indexText(priorScore)} ${since}`;
  if (change === 0) return `Index ${indexText(score)}, the same as its ${prior}.`;
  return `Index ${indexText(score)}, ${change > 0 ? "up" : "down"} ${indexText(Math.abs(change))} from ${prior} (both years scored with this year's rules).`;
}

export interface ChangeInput {
  result: SchoolResult;
  /** The school's `prior`, as sent; undefined without one. */
  prior: { year?: number | undefined } | undefined;
  /** The run's year. */
  year: number | null;
  indicators: readonly IndicatorLine[];
  /** Set when a public report withholds the school's results: said instead of anything else. */
  withheld: string | null;
}

export function changeSection({ result, prior, year, indicators, withheld }: ChangeInput): ChangeSection {
  const priorYear = prior?.year ?? (prior && year !== null ? year - 1 : null);
  const since = priorYear === null ? "in the prior year" : `in ${priorYear}`;
  const columns = CHANGE_CLASSES.map((code) => ({ code, label: codeLabel(code), levels: CHANGE_LEVELS[code] }));
  const section = {
    priorYear,
    title: priorYear === null ? "Change since the prior year" : `Change since ${priorYear}`,
    rowAxis: "Status: the school's own level this year",
    columnAxis: `Change in that level since ${priorYear ?? "the prior year"}`,
    columns,
  };
  if (withheld) return { ...section, index: null, note: withheld, rows: [] };
  const index = indexLine(result.index, since);
  if (!prior) return { ...section, index, note: "No prior year's results were sent for this school, so there is no change to show.", rows: [] };
  const placed = indicators.filter((l) => l.performance !== null && l.prior !== null);
  if (placed.length === 0) {
    return {
      ...section,
      index,
      note: `No indicator has a level of the school's own (ALL) result both this year and ${since}, so none has a colour.`,
      rows: [],
    };
  }
  const rows = [...STATUSES].reverse().map((status) => ({
    code: status,
    label: codeLabel(status),
    levels: STATUS_LEVELS[status],
    cells: CHANGE_CLASSES.map((change) => {
      const color = colorOf(status, change);
      const entries = placed
        .filter((l) => l.performance!.status === status && l.performance!.change === change)
        .map((l) => ({ code: l.code, text: `${l.short} ${l.prior!.allLevel}\u00a0→\u00a0${l.allLevel}` }));
      return { change, color, colorLabel: codeLabel(color), entries };
    }),
  }));
  const note = `Each indicator sits at its status (the school's own ALL level this year) and its change in level since ${priorYear ?? "the prior year"}; the cell's colour is its performance colour.`;
  return { ...section, index, note, rows };
}
