// The SQII Config sheet (api.md "Inputs"): written from a config and read back to the same config
// (a property over valid configs), read with the merge rules api.md gives each block, and every
// problem of every block on its cell, the schema's included.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { configHash, resolveConfig } from "../../../shared/contract/config.js";
import { DEFAULT_CONFIG } from "../../../shared/contract/default-config.js";
import type { Config } from "../../../shared/contract/requests.js";
import { INDICATORS, SCHOOL_LEVELS, TITLE1_STATUSES } from "../../../shared/core/model.js";
import { configCells } from "../../../shared/reports/config-report.js";
import { CUT_HEADERS } from "../../../shared/tables/config-blocks.js";
import { readConfigSheet } from "../../../shared/tables/config-sheet.js";

const read = (values: unknown[][], firstRow = 1, firstColumn = 1, numberFormats?: unknown[][]) =>
  readConfigSheet({ sheet: "SQII Config", firstRow, firstColumn, values, ...(numberFormats && { numberFormats }) });
const lines = (r: ReturnType<typeof read>) => r.problems.map((p) => `${p.cell}: ${p.message}`);

// Numbers as a sheet holds them: finite, and no -0 (a cell cannot hold one).
const num = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v));
const share = num(0, 1);
const weight = num(0.001, 1000);

const arbitraryConfig: fc.Arbitrary<Config> = fc.record({
  minN: fc.integer({ min: 1, max: 500 }),
  subgroupShare: share,
  suppressBelow: fc.integer({ min: 0, max: 50 }),
  allowMissingDomain: fc.boolean(),
  // A domain weight of 0 takes no part; any other is an ordinary weight, not a denormal one.
  domainWeights: fc
    .record({ academic: fc.oneof(fc.constant(0), num(0.001, 10)), secc: fc.oneof(fc.constant(0), num(0.001, 10)) })
    .filter((w) => w.academic + w.secc > 0),
  indicatorWeights: fc.record(
    Object.fromEntries(SCHOOL_LEVELS.map((level) => [level, fc.record(Object.fromEntries(INDICATORS.map((c) => [c, weight])), { requiredKeys: [] })])),
  ) as fc.Arbitrary<Config["indicatorWeights"]>,
  cutPoints: fc.record(
    Object.fromEntries(INDICATORS.map((c) => [c, fc.array(num(0, 100), { minLength: 9, maxLength: 9 }).map((cuts) => cuts.sort((a, b) => a - b))])),
  ) as fc.Arbitrary<Config["cutPoints"]>,
  spedReference: num(0, 100),
  targets: fc.record(Object.fromEntries(INDICATORS.map((c) => [c, num(0, 100)])), { requiredKeys: [] }) as fc.Arbitrary<Config["targets"]>,
  gapLevels: num(0, 9),
  designation: fc.record({
    pool: fc.uniqueArray(fc.constantFrom(...TITLE1_STATUSES), { minLength: 1 }),
    priorityShare: share,
    focusShare: share,
    rewardShare: share,
    progressShare: share,
    gradRateFloor: num(0, 100),
  }),
  partnerCapacity: fc.integer({ min: 0, max: 10 }),
  partnerMinLevel: num(1, 10),
  previousMinN: fc.integer({ min: 1, max: 500 }),
});

describe("config → sheet → config", () => {
  it("gives back the default config, and the year", () => {
    const back = read(configCells(DEFAULT_CONFIG, 2014));
    expect(back.problems).toEqual([]);
    expect(back.config).toEqual(DEFAULT_CONFIG);
    expect(back.year).toBe(2014);
  });

  it("gives back any valid config, with the same configHash", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryConfig, fc.option(fc.integer({ min: 1900, max: 2100 }), { nil: undefined }), async (config, year) => {
        expect(ConfigIsValid(config)).toBe(true);
        const back = read(configCells(config, year));
        expect(back.problems).toEqual([]);
        expect(back.config).toEqual(config);
        expect(back.year).toBe(year);
        expect(await configHash(back.config!)).toBe(await configHash(config));
      }),
      { numRuns: 150 },
    );
  });
});

function ConfigIsValid(config: Config): boolean {
  return resolveConfig([{ patch: config, at: ["config"] }]).ok;
}

describe("reading the blocks", () => {
  it("merges a partial sheet over the default: settings by path or by their last part, shares as fractions or typed with %", () => {
    const back = read(
      [
        ["Setting", "Value"],
        ["minN", 30],
        ["priorityShare", "7.5%"],
        ["Designation.FocusShare", 0.2], // a percent-formatted cell shows 20% and holds 0.2
        ["designation.pool", "Participating, eligible"],
        ["allowMissingDomain", "TRUE"],
        ["gapLevels", ""], // blank: the default stays
      ],
      1,
      1,
      [[], [], [], ["", "0%"], [], [], []],
    );
    expect(back.problems).toEqual([]);
    expect(back.config).toEqual({
      ...DEFAULT_CONFIG,
      minN: 30,
      allowMissingDomain: true,
      designation: { ...DEFAULT_CONFIG.designation, priorityShare: 0.075, focusShare: 0.2, pool: ["participating", "eligible"] },
    });
  });

  it("replaces one indicator's cut points, a level's weights whole, and the targets whole", () => {
    const back = read([
      ["Indicator", ...CUT_HEADERS, "About"],
      ["Chronic Absenteeism", 2, 3, 4, 5, 6, 7, 8, 9, 10, "a synonym of the Data header"],
      ["ela", 20, 25, 30, 35, 40, 45, 50, 55, 60, ""],
      [],
      ["Level", "ELA", "Math", "Graduation", "SEL", "About"],
      ["High", 2, 1, 3, "", "SEL left out; no other indicator either"],
      [],
      ["Indicator", "Target"],
      ["Math", "90%"],
      ["ELA", ""],
    ]);
    expect(back.problems).toEqual([]);
    expect(back.config!.cutPoints).toEqual({
      ...DEFAULT_CONFIG.cutPoints,
      chronicAbsence: [2, 3, 4, 5, 6, 7, 8, 9, 10],
      ela: [20, 25, 30, 35, 40, 45, 50, 55, 60],
    });
    expect(back.config!.indicatorWeights).toEqual({ ...DEFAULT_CONFIG.indicatorWeights, high: { ela: 2, math: 1, grad: 3 } });
    // Targets in the data's units: "90%" is 90. ELA listed blank and Graduation not listed: no target.
    expect(back.config!.targets).toEqual({ math: 90 });
  });

  it("reads a percent-formatted target or cut point as the Data sheet reads a rate (0.9 shown as 90% is 90)", () => {
    const back = read(
      [
        ["Indicator", "Target"],
        ["ELA", 0.85],
      ],
      1,
      1,
      [[], ["", "0%"]],
    );
    expect(back.config!.targets).toEqual({ ela: 85 });
  });

  it("ignores an About block of notes and an About column", () => {
    const back = read([["About", "Our 2014 base year"], ["Cut points", "from last year's file"], [], ["Setting", "Value", "About"], ["minN", 25, "was 20"]]);
    expect(back.problems).toEqual([]);
    expect(back.config!.minN).toBe(25);
  });
});

describe("problems, each on its cell", () => {
  it("in every block, with the sheet's own addresses (the used range starting at B3)", () => {
    const cuts = (...values: unknown[]) => values;
    const back = read(
      [
        ["Setting", "Value", "About"],
        ["minN", "abc", ""],
        ["minimumN", 30],
        ["designation.priorityShare", 1.5],
        ["allowMissingDomain", "maybe"],
        ["designation.pool", "participating, charter"],
        ["minN", 25],
        ["year", 1850],
        [],
        ["Indicator", ...CUT_HEADERS],
        cuts("Chronic Absense", 1, 2, 3, 4, 5, 6, 7, 8, 9),
        cuts("ELA", 18, 24, 29, "", 39, 45, 51, 58, 67),
        cuts("math", 12, 17, 22, 27, 32, 38, 45, 53, 40),
        cuts("Growth", 35, 40, "n.a.", 47, 50, 53, 56, 60, 65),
        [],
        ["Level", "ELA", "Math", "Chronic Absence", "Attendance"],
        ["High", 1, -2, 1],
        ["Middle school", 1, 1, 1],
        ["high", 1, 1, 1],
        [],
        ["Indicator", "Target"],
        ["ELA", 120],
        [],
        ["Weights", "x"],
        [],
        ["Indicator", "Goal"],
      ],
      3,
      2,
    );
    expect(lines(back)).toEqual([
      "'SQII Config'!C4: \"abc\" is not a number",
      "'SQII Config'!B5: \"minimumN\" is not a setting; settings are year, minN, subgroupShare, … (api.md's list)",
      "'SQII Config'!C6: expected a share from 0 to 1, got 1.5",
      "'SQII Config'!C7: \"maybe\" is not TRUE or FALSE",
      "'SQII Config'!C8: \"charter\" is not a Title I status (participating, eligible, none)",
      "'SQII Config'!B9: minN repeats row 4; only that row is read",
      "'SQII Config'!C10: expected a whole year ≥ 1900, got 1850",
      expect.stringMatching(/^'SQII Config'!B13: "Chronic Absense" is not an indicator \(ELA, Math, .*SpEd Identification\)$/),
      "'SQII Config'!F14: Cut 4 is blank; an indicator needs all nine cut points",
      "'SQII Config'!K15: cut points must not decrease: 40 follows 53",
      "'SQII Config'!E16: \"n.a.\" is not a number",
      "'SQII Config'!F18: \"Attendance\" is not an indicator; weight columns are indicators such as ELA or Chronic Absence",
      "'SQII Config'!D19: expected a weight from 0.000001 to 1000000, got -2 (use null to remove an indicator)",
      "'SQII Config'!B20: \"Middle school\" is not a school level (Elementary, Middle, High, Span)",
      "'SQII Config'!B21: High repeats row 19; only that row is read",
      "'SQII Config'!C24: expected a target from 0 to 100, got 120",
      "'SQII Config'!B26: \"Weights\" does not start a config block; a block starts with Setting (settings), Indicator (cut points or targets), Level (indicator weights) or About (notes)",
      "'SQII Config'!B28: an Indicator block needs Cut 1 … Cut 9 columns (cut points) or a Target column (targets)",
    ]);
    expect(back.config).toBeUndefined();
    expect(back.locate("config.cutPoints.math[8]")).toBe("'SQII Config'!K15");
    expect(back.locate("config.indicatorWeights.high.math")).toBe("'SQII Config'!D19");
  });

  it("a missing column, a row without its key, and domain weights that add to nothing", () => {
    const back = read([
      ["Setting", "Value"],
      ["domainWeights.academic", 0],
      ["domainWeights.secc", 0],
      ["", 5],
      [],
      ["Indicator", ...CUT_HEADERS.slice(0, 8)],
      [],
      ["Level", "ELA"],
      ["", 2],
    ]);
    expect(lines(back)).toEqual([
      "'SQII Config'!B2: at least one domain weight must be above 0",
      "'SQII Config'!A4: a value without a setting: name the setting in this cell (e.g. minN)",
      "'SQII Config'!A6: the table has no Cut 9 column",
      "'SQII Config'!A9: a row of weights without a level: name it in this cell",
    ]);
  });
});
