// SQII Evaluation Config read as the educator request's config (methodology §11): the district
// table (blanks take the defaults, `*` the default model) and the Setting | Value block, every
// problem on its cell, the engine's own problems placed there too, and config → sheet → config.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EducatorConfig } from "../../../shared/contract/educators.js";
import { parseEducatorsRequest } from "../../../shared/educators/rating.js";
import { evaluationConfigTemplate } from "../../../shared/reports/evaluation-config-sheet.js";
import { problemLine } from "../../../shared/tables/cells.js";
import { readEducatorTable, withCells } from "../../../shared/tables/educator-table.js";
import { evaluationConfigRows, readEvaluationConfig, withEvaluationConfig } from "../../../shared/tables/evaluation-config.js";

const HEADER = ["District", "Model", "Practice", "Growth", "Growth 2", "Surveys", "Goals", "Highly Effective", "Effective", "Developing"];
const sheet = (values: unknown[][], firstRow = 1) => ({ sheet: "SQII Evaluation Config", firstRow, firstColumn: 1, values });

describe("readEvaluationConfig", () => {
  it("reads a district named like an object's own members as a district", () => {
    const read = readEvaluationConfig(
      sheet([HEADER, ["__proto__", "check", "", "", "", "", "", "", "", ""], ["toString", "weighted", "", "", "", "", "", "", "", ""]]),
    );
    expect(read.problems).toEqual([]);
    const models = read.config.models as Record<string, unknown>;
    expect(Object.keys(models)).toEqual(["__proto__", "toString"]);
    expect(Object.getPrototypeOf(models)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(models, "__proto__")?.value).toEqual({ model: "check" });
  });

  it("reads the district table under notes and the settings block; blank weights and cuts take the defaults", () => {
    const read = readEvaluationConfig(
      sheet([
        ["Evaluation settings for 2014-15"],
        [],
        HEADER,
        ["*", "check", "", "", "", "", "", "", "", ""],
        ["Fresno Unified", "Weighted", 0.4, 0.4, "", "", "", "", "", ""],
        [],
        ["Oakland Unified", "", "", "", "", "", "", "", 2.75, ""],
        ["Sanger Unified", "check", "", "", "", "", "", 3.6, 2.6, 1.8],
        [],
        ["Setting", "Value", "About"],
        ["Min Report", 5, "groups under 5 are not shown"],
      ]),
    );
    expect(read.problems).toEqual([]);
    expect(read.config).toEqual({
      defaultModel: "check",
      models: {
        "Fresno Unified": { model: "weighted", weights: { practice: 0.4, growth: 0.4 } },
        // A blank Model takes the * row's; one cut given takes the other two from the defaults.
        "Oakland Unified": { model: "check", cuts: { highlyEffective: 3.5, effective: 2.75, developing: 1.75 } },
        "Sanger Unified": { model: "check", cuts: { highlyEffective: 3.6, effective: 2.6, developing: 1.8 } },
      },
      minReport: 5,
    });
    expect(read.locate("config.models.Fresno Unified.weights.growth")).toBe("'SQII Evaluation Config'!D5");
    expect(read.locate("config.minReport")).toBe("'SQII Evaluation Config'!B11");
  });

  it("puts every problem on its cell", () => {
    const read = readEvaluationConfig(
      sheet([
        HEADER,
        ["*", "", 0.5, "", "", "", "", "", "", ""],
        ["Fresno", "mixed", "", "", "", "", "", "", "", ""],
        ["Oakland", "check", "", 0.3, "", "", "", "", "", ""],
        ["Oakland", "weighted", "", "", "", "", "", "", "", ""],
        ["", "weighted", 0.5, "", "", "", "", "", "", ""],
        ["Sanger", "weighted", "half", "", "", "", "", "", "", ""],
        [],
        ["Setting", "Value"],
        ["minN", 20],
        ["minReport", "ten"],
        [],
        ["District", "Model"],
      ]),
    );
    expect(read.problems.map(problemLine)).toEqual([
      "'SQII Evaluation Config'!B2: the * row sets the default model: give weighted or check",
      "'SQII Evaluation Config'!C2: the * row sets only the default model; weights and cuts are set per district (a district without a row takes the default weights and cuts)",
      `'SQII Evaluation Config'!B3: "mixed" is not a model (weighted or check)`,
      `'SQII Evaluation Config'!D4: weights apply to the weighted model; district "Oakland" uses check (practice alone sets the level)`,
      `'SQII Evaluation Config'!A5: district "Oakland" has a row already (row 4); give each district once`,
      "'SQII Evaluation Config'!A6: this row has values but no District",
      `'SQII Evaluation Config'!C7: "half" is not a weight (a number ≥ 0)`,
      `'SQII Evaluation Config'!A10: "minN" is not a setting of this sheet; the one setting is minReport`,
      `'SQII Evaluation Config'!B11: "ten" is not a whole number of educators ≥ 1`,
      "'SQII Evaluation Config'!A13: a second District | Model block; give them all in the first",
    ]);
  });

  it("reports a sheet with neither block at its first cell", () => {
    expect(readEvaluationConfig(sheet([["Model", "Growth"]], 2)).problems.map(problemLine)).toEqual([
      "'SQII Evaluation Config'!A2: no District | Model | Practice | Growth | Growth 2 | Surveys | Goals | Highly Effective | Effective | Developing table and no Setting | Value block",
    ]);
  });
});

describe("withEvaluationConfig", () => {
  const educators = readEducatorTable(
    [
      ["Educator ID", "Role", "School", "District", "Practice", "Growth"],
      ["T1", "teacher", "S1", "Fresno", 3, 3],
    ],
    { sheet: "Staff", firstRow: 1, firstColumn: 1 },
  );

  it("places the engine's problems of the config at the sheet's cells: the growth rule, the cuts, minReport", () => {
    const config = readEvaluationConfig(
      sheet([
        HEADER,
        ["Fresno", "weighted", 0.9, 0.1, "", "", "", "", "", ""],
        ["Oakland", "check", "", "", "", "", "", 2, 3, 1.5],
        [],
        ["Setting", "Value"],
        ["minReport", 0],
      ]),
    );
    expect(config.problems).toEqual([]);
    const table = withEvaluationConfig(educators, config);
    const parsed = parseEducatorsRequest(table.request);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(withCells(table, parsed.problems).map(problemLine)).toEqual([
      "'SQII Evaluation Config'!H3: cuts must rise: developing ≤ effective ≤ highlyEffective",
      "'SQII Evaluation Config'!B6: expected a minimum group size: a whole number from 1 to 1000000, got 0",
      `'SQII Evaluation Config'!D2: district "Fresno": student growth is 8.3% of the weights; at least 20% is required`,
    ]);
  });

  it("is the educator table as it is without the sheet, and the template reads back as the default config", () => {
    expect(withEvaluationConfig(educators, null)).toBe(educators);
    const template = evaluationConfigTemplate();
    const values = [template.table.header, ...template.table.rows, [], template.blocks[0]!.table.header, ...template.blocks[0]!.table.rows];
    expect(readEvaluationConfig(sheet(values))).toMatchObject({ problems: [], config: { defaultModel: "weighted", minReport: 10 } });
  });
});

// ---------------------------------------------------------------- round trip

const rating = fc.integer({ min: 10, max: 40 }).map((v) => v / 10);
const weights = fc.record(
  {
    practice: fc.integer({ min: 0, max: 10 }),
    growth: fc.integer({ min: 2, max: 10 }),
    growth2: fc.integer({ min: 0, max: 5 }),
    surveys: fc.integer({ min: 0, max: 5 }),
    goals: fc.integer({ min: 0, max: 5 }),
  },
  { requiredKeys: [] },
);
const cuts = fc
  .tuple(rating, rating, rating)
  .map((r) => [...r].sort())
  .map(([developing, effective, highlyEffective]) => ({ highlyEffective: highlyEffective!, effective: effective!, developing: developing! }));
const model = fc.oneof(
  fc.record({ model: fc.constant("weighted" as const), weights, cuts }, { requiredKeys: ["model"] }),
  fc.record({ model: fc.constant("check" as const), cuts }, { requiredKeys: ["model"] }),
);
const config: fc.Arbitrary<EducatorConfig> = fc.record(
  {
    models: fc.dictionary(fc.stringMatching(/^[A-Z][a-z]{1,8}( Unified)?$/), model, { minKeys: 1, maxKeys: 4 }),
    defaultModel: fc.constantFrom("weighted" as const, "check" as const),
    minReport: fc.integer({ min: 1, max: 50 }),
  },
  { requiredKeys: [] },
);

describe("config → sheet → config", () => {
  it("reads back equal", () => {
    fc.assert(
      fc.property(config, (c) => {
        const read = readEvaluationConfig(sheet(evaluationConfigRows(c)));
        expect(read.problems).toEqual([]);
        expect(read.config).toEqual(c);
      }),
      { numRuns: 200 },
    );
  });
});
