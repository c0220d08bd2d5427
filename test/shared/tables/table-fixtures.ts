// What the school-table tests share: where the table sits, a long-format header, and the schema's
// problems for a request read from a table.
import type { Problem } from "../../../shared/core/problems.js";
import { parseScoreRequest } from "../../../shared/schools/score.js";

export const DATA = { sheet: "Data", firstRow: 1, firstColumn: 1 };
export const LONG_HEADER = ["School ID", "School", "District", "Level", "Title I", "Student Group", "N", "ELA", "Math"];

export function schemaProblems(request: unknown): Problem[] {
  const parsed = parseScoreRequest(request);
  return parsed.ok ? [] : parsed.problems;
}
