// docs/methodology.md's worked example as data: the school's JSON and the tables after each
// `<!-- worked-example:… -->` marker, so the tests check the engine and the report against the
// document itself and the document cannot drift from them.
import { readFileSync } from "node:fs";
import { type School, SchoolSchema } from "../../shared/contract/requests.js";
import { makeSchool } from "./fixtures.js";

const doc = readFileSync(new URL("../../docs/methodology.md", import.meta.url), "utf8");

/** The document from a marker on. */
export function fromMarker(marker: string): string {
  const at = doc.indexOf(`<!-- worked-example:${marker} -->`);
  if (at < 0) throw new Error(`docs/methodology.md has no worked-example:${marker} marker`);
  return doc.slice(at);
}

/** The cells of the first table after a marker, one row per line whose first cell is code (`ela`), header and rule aside. */
export function tableAfter(marker: string): string[][] {
  const lines = fromMarker(marker).split("\n").slice(1);
  const table = lines.slice(
    0,
    lines.findIndex((line, i) => i > 0 && !line.startsWith("|")),
  );
  return table
    .filter((line) => line.startsWith("| `"))
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

/** A table cell as a number; "–" is null. The document writes minus signs as −. */
export const num = (cell: string) => (cell === "–" ? null : Number(cell.replace("−", "-")));

/** A code cell without its backticks. */
export const code = (cell: string) => cell.replaceAll("`", "");

/** The worked example school, W1. */
export const workedSchool: School = SchoolSchema.parse(JSON.parse(fromMarker("school").split("```json")[1]!.split("```")[0]!));

/** Every academic indicator at level `a`, every SE/CC one at `s` (mid-level values; lower is better for absence and suspension). */
export function atLevels(id: string, a: number, s: number): School {
  const mid = (level: number) => 10 * (level - 1) + 5;
  return makeSchool(id, {
    subgroups: {
      ALL: { n: 100, ela: mid(a), math: mid(a), growth: mid(a), chronicAbsence: 100 - mid(s), suspension: 100 - mid(s), sel: mid(s), climate: mid(s) },
    },
  });
}

/** The data report's pool table: `P01` or a range `P02`–`P19`, academic and SE/CC levels, index. */
export const poolRows = tableAfter("pool").map(([ids, a, s, index]) => {
  const [first, last = first] = code(ids!)
    .split("–")
    .map((id) => Number(id.slice(1)));
  const names = Array.from({ length: last! - first! + 1 }, (_, i) => `P${String(first! + i).padStart(2, "0")}`);
  return { names, a: Number(a), s: Number(s), index: Number(index) };
});

/** W1 and the schools of the pool table. */
export const workedPool: School[] = [workedSchool, ...poolRows.flatMap((row) => row.names.map((id) => atLevels(id, row.a, row.s)))];
