// The request a workbook makes: the data's schools, the SQII Config sheet's config and year, a
// config or year given apart over them; and every problem where it came from.
import { describe, expect, it } from "vitest";
import { parseScoreRequest } from "../../../shared/schools/score.js";
import { readConfigSheet } from "../../../shared/tables/config-sheet.js";
import { readTable } from "../../../shared/tables/school-table.js";
import { workbookRequest } from "../../../shared/tables/workbook-request.js";

const HEADER = ["School ID", "Level", "Title I", "Student Group", "N", "ELA", "Year"];
const data = (year: unknown) => readTable([HEADER, ["A", "Elementary", "Yes", "ALL", 300, 45, year]], { sheet: "Data", firstRow: 1, firstColumn: 1 });
const config = (...rows: unknown[][]) => readConfigSheet({ sheet: "SQII Config", firstRow: 1, firstColumn: 1, values: [["Setting", "Value"], ...rows] });
const lines = (problems: { cell?: string; path: string; message: string }[]) => problems.map((p) => `${p.cell ?? p.path}: ${p.message}`);

describe("workbookRequest", () => {
  it("takes the sheet's config and year; --config goes over the sheet's config and --year over both", () => {
    const sheet = config(["year", 2014], ["minN", 30], ["gapLevels", 3]);
    const plain = workbookRequest(data(""), { sheet });
    expect(plain.request).toMatchObject({ year: 2014, config: { minN: 30, gapLevels: 3 } });
    const apart = workbookRequest(data(""), { sheet, extra: { minN: 40 }, year: 2015 });
    expect(apart.request).toMatchObject({ year: 2015, config: { minN: 40, gapLevels: 3 } });
    expect(workbookRequest(data(2014), { sheet: null }).request).toEqual({ year: 2014, schools: expect.any(Array) });
  });

  it("says so at the config's cell when its year and the data's differ", () => {
    const made = workbookRequest(data(2013), { sheet: config(["year", 2014]) });
    expect(lines(made.problems())).toEqual([
      "'SQII Config'!B2: year 2014 differs from the data's Year 2013 in Data!G2: make them agree, or leave this one blank",
    ]);
    // --year decides, so there is nothing to reconcile.
    expect(workbookRequest(data(2013), { sheet: config(["year", 2014]), year: 2016 }).problems()).toEqual([]);
    // A base year for norm cut points is not scored: its year is neither checked nor sent.
    const reference = workbookRequest(data(2013), { sheet: config(["year", 2014], ["minN", 30]), reference: true });
    expect(reference.problems()).toEqual([]);
    expect(reference.request).toEqual({ config: { minN: 30 }, schools: expect.any(Array) });
  });

  it("reports the sheet's problems once, at their cells, and a --config problem by its path", () => {
    const sheet = config(["minN", 0]);
    const made = workbookRequest(data(""), { sheet });
    const parsed = parseScoreRequest(made.request);
    expect(parsed.ok).toBe(false);
    expect(lines(made.problems(parsed.ok ? [] : parsed.problems))).toEqual(["'SQII Config'!B2: expected a minimum n: a whole number from 1 to 1000000, got 0"]);
    const apart = workbookRequest(data(""), { sheet: config(["minN", 25]), extra: { gapLevels: 12 } });
    const parsedApart = parseScoreRequest(apart.request);
    expect(lines(apart.problems(parsedApart.ok ? [] : parsedApart.problems))).toEqual(["config.gapLevels: expected a number of levels from 0 to 9, got 12"]);
  });
});
