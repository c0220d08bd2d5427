// School-only indicators (methodology §12: EL Redesignation and SpEd Identification count for the
// whole school, from ALL alone): a value typed on another group's row, or in another group's wide
// column, is a problem at that cell saying where it belongs, never dropped in silence.
import { describe, expect, it } from "vitest";
import { parseScoreRequest } from "../../../shared/schools/score.js";
import { problemLine } from "../../../shared/tables/cells.js";
import { readTable } from "../../../shared/tables/school-table.js";

const DATA = { sheet: "Data", firstRow: 1, firstColumn: 1 };

describe("school-only indicators on a group row", () => {
  it("long format: a problem at each such cell; the ALL row's values are read", () => {
    const read = readTable(
      [
        ["School ID", "Level", "Title I", "Student Group", "N", "ELA", "EL Redesignation", "SpEd Identification"],
        ["A", "ES", "Yes", "ALL", 300, 40, 12, 11],
        ["A", "ES", "Yes", "EL", 80, 30, 15, ""],
        ["A", "ES", "Yes", "SWD", 40, 20, "", 100],
        ["A", "ES", "Yes", "HI", 90, 35, "", ""],
      ],
      DATA,
    );
    expect(read.problems.map(problemLine)).toEqual([
      "Data!G3: EL Redesignation is a school-only indicator (methodology §12): give it on the school's ALL row, not on the English Learners row",
      "Data!H4: SpEd Identification is a school-only indicator (methodology §12): give it on the school's ALL row, not on the Students with Disabilities row",
    ]);
    expect(read.problems[0]).toMatchObject({ path: "schools[0].subgroups.EL.elRedesignation", schoolId: "A" });
    expect(read.request.schools[0]!.subgroups).toEqual({
      ALL: { n: 300, ela: 40, elRedesignation: 12, spedIdentification: 11 },
      EL: { n: 80, ela: 30 },
      SWD: { n: 40, ela: 20 },
      HI: { n: 90, ela: 35 },
    });
  });

  it("wide format: a problem at the cell of a group's column; a group with nothing else is not a group, and needs no N column", () => {
    const read = readTable(
      [
        ["School ID", "Level", "Title I", "N", "EL Redesignation", "N (EL)", "ELA (EL)", "EL Redesignation (EL)", "SpEd Identification (SWD)"],
        ["A", "ES", "Yes", 300, 12, 80, 30, 15, ""],
        ["B", "ES", "Yes", 200, 10, "", "", "", 9],
      ],
      DATA,
    );
    expect(read.mapping.missing).toEqual([]);
    expect(read.problems.map(problemLine)).toEqual([
      "Data!H2: EL Redesignation is a school-only indicator (methodology §12): give it in the EL Redesignation column (all students), not in the EL group's column",
      "Data!I3: SpEd Identification is a school-only indicator (methodology §12): give it in the SpEd Identification column (all students), not in the SWD group's column",
    ]);
    expect(read.request.schools.map((s) => s.subgroups)).toEqual([
      { ALL: { n: 300, elRedesignation: 12 }, EL: { n: 80, ela: 30 } },
      { ALL: { n: 200, elRedesignation: 10 } },
    ]);
    // Without those cells the table scores as it is.
    expect(parseScoreRequest(read.request).ok).toBe(true);
  });
});
