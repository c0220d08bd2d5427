import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chunkRows } from "../../addin/chunks.js";

describe("chunkRows", () => {
  it("keeps every chunk within the byte and cell limits, covering every row once, in order", () => {
    const cell = fc.oneof(fc.string({ maxLength: 30 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null), fc.boolean());
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 300 }),
        fc.integer({ min: 200, max: 5_000 }),
        fc.integer({ min: 3, max: 60 }),
        (rows, maxBytes, maxCells) => {
          const chunks = chunkRows(rows, { maxBytes, maxCells });
          let next = 0;
          for (const { start, end } of chunks) {
            expect(start).toBe(next);
            expect(end).toBeGreaterThan(start);
            const slice = rows.slice(start, end);
            if (slice.length > 1) {
              expect(slice.reduce((n, r) => n + JSON.stringify(r).length + 1, 0)).toBeLessThanOrEqual(maxBytes);
              expect(slice.length * 3).toBeLessThanOrEqual(maxCells);
            }
            next = end;
          }
          expect(next).toBe(rows.length);
        },
      ),
    );
  });

  it("splits 10,000 rows of 45 cells by the cell limit: at most 200,000 cells, so 4,444 rows, a chunk", () => {
    const rows = Array.from({ length: 10_000 }, () => Array.from({ length: 45 }, () => 1));
    expect(chunkRows(rows, { maxBytes: 1e12, maxCells: 200_000 }).map((c) => c.end - c.start)).toEqual([4444, 4444, 1112]);
  });
});
