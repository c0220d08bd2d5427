// Excel on the web rejects a request over 5 MB or 5 million cells, and fails large single writes
// with a vague error; so rows are written in chunks sized by their JSON payload and cell count.
import type { TableCell } from "../shared/tables/cells.js";

export interface ChunkLimits {
  /** Payload of one request, estimated as the JSON of its values. */
  maxBytes: number;
  maxCells: number;
}

/** Under the platform's 5 MB and 5,000,000 cells, with room for the request's own envelope. */
export const EXCEL_LIMITS: ChunkLimits = { maxBytes: 4_000_000, maxCells: 4_000_000 };

export interface RowChunk {
  start: number;
  /** Exclusive. */
  end: number;
}

/** What writing one row adds to a request. */
export interface RowCost {
  bytes: number;
  cells: number;
}

/** A row's values alone: their JSON and one cell each. */
export const valuesCost = (row: readonly TableCell[]): RowCost => ({ bytes: JSON.stringify(row).length + 1, cells: row.length });

/**
 * Consecutive row ranges, each within the limits; a single row over them still gets its own chunk.
 * `cost` says what a row adds to a request, when more than its values go with it (number formats).
 */
export function chunkRows<Row = readonly TableCell[]>(
  rows: readonly Row[],
  limits: ChunkLimits = EXCEL_LIMITS,
  cost: (row: Row) => RowCost = valuesCost as (row: Row) => RowCost,
): RowChunk[] {
  const chunks: RowChunk[] = [];
  let start = 0;
  let bytes = 0;
  let cells = 0;
  rows.forEach((row, i) => {
    const { bytes: rowBytes, cells: rowCells } = cost(row);
    if (i > start && (bytes + rowBytes > limits.maxBytes || cells + rowCells > limits.maxCells)) {
      chunks.push({ start, end: i });
      start = i;
      bytes = 0;
      cells = 0;
    }
    bytes += rowBytes;
    cells += rowCells;
  });
  if (rows.length > start) chunks.push({ start, end: rows.length });
  return chunks;
}
