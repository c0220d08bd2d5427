// docs/methodology.md's worked example as data: the school's JSON and the tables after each
// `<!-- worked-example:… -->` marker, so the tests check the engine and the report against the
// document itself and the document cannot drift from them.
import { readFileSync } from "node:fs";
import { type School, SchoolSchema } from "../../shared/contract/requests.js";

const doc = readFileSync(new URL("../../docs/methodology.md", import.meta.url), "utf8");

/** The document from a marker on. */
export function after(marker: string): string {
  const at = doc.indexOf(`<!-- worked-example:${marker} -->`);
  if (at < 0) throw new Error(`docs/methodology.md has no worked-example:${marker} marker`);
  return doc.slice(at);
}

/** The cells of the first table after a marker, one row per line whose first cell is code (`ela`), header and rule aside. */
export function tableAfter(marker: string): string[][] {
  const lines = after(marker).split("\n").slice(1);
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
export const workedSchool: School = SchoolSchema.parse(JSON.parse(after("school").split("```json")[1]!.split("```")[0]!));
