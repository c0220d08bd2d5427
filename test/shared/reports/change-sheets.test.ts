// The change since the prior year (methodology §13) in the result sheets: SQII Results' prior score
// and change beside the index, SQII Indicators' prior value and level, change, status, change class
// and colour (its cells filled by the colour's code), SQII Subgroups' academic change and SQII
// Partnerships' evidence. A school worked by hand (cut points 10, 20, …, 90: level 1 + v / 10), one
// without a prior year, and a consortium for the partnerships.
import { describe, expect, it } from "vitest";
import type { School } from "../../../shared/contract/requests.js";
import { COLORS } from "../../../shared/core/model.js";
import { indicatorsSheet } from "../../../shared/reports/indicator-sheet.js";
import { partnershipsSheet } from "../../../shared/reports/partnership-sheet.js";
import { codeLabel, EVIDENCE_LABELS, PALETTE, type ReportSheet } from "../../../shared/reports/report.js";
import { resultSheets } from "../../../shared/reports/score-report.js";
import { type ScoredRun, scoredRun } from "../../../shared/reports/scored-run.js";
import { generateConsortium } from "../../../shared/samples/consortium.js";
import { parseScoreRequest, scoreSchools } from "../../../shared/schools/score.js";
import { DECILES } from "../fixtures.js";

const cutPoints = { ela: DECILES, math: DECILES, growth: DECILES, chronicAbsence: DECILES, suspension: DECILES, sel: DECILES, climate: DECILES };

async function runOf(body: unknown): Promise<ScoredRun> {
  const checked = parseScoreRequest(body);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return scoredRun(await scoreSchools(checked.value.request, checked.value.config), checked.value);
}

/** Rows of a sheet's table as records by header. */
const records = (sheet: ReportSheet) => sheet.table!.rows.map((row) => Object.fromEntries(sheet.table!.header.map((h, i) => [h, row[i]])));

// Now: ELA, math, growth 55 (level 6), chronic absence 55 (lower is better: level 5), suspension 15
// (9), SEL 85 (9), climate 95 (10). The year before: 35 (4), 55 (6), 65 (7), 35 (7), 25 (8), 75 (8), 95 (10).
const A: School = {
  id: "A",
  level: "elementary",
  title1: "participating",
  subgroups: {
    ALL: { n: 100, ela: 55, math: 55, growth: 55, chronicAbsence: 55, suspension: 15, sel: 85, climate: 95 },
    HI: { n: 40, ela: 45, math: 45 },
  },
  prior: {
    year: 2013,
    subgroups: {
      ALL: { n: 100, ela: 35, math: 55, growth: 65, chronicAbsence: 35, suspension: 25, sel: 75, climate: 95 },
      HI: { n: 40, ela: 25, math: 35 },
    },
  },
};
const B: School = { ...A, id: "B", prior: undefined };
const schools = [A, { id: B.id, level: B.level, title1: B.title1, subgroups: B.subgroups }];
const body = { year: 2014, config: { cutPoints }, schools };
const trace = { source: "test", at: new Date("2014-09-01T12:00:00Z"), engine: "local" };

describe("SQII Results", () => {
  it("has Prior Score and Change right after the index score, the change signed", async () => {
    const run = await runOf(body);
    const [results] = resultSheets(run, trace);
    const header = results!.table!.header;
    expect(header.slice(header.indexOf("Index Score"), header.indexOf("Index Score") + 4)).toEqual(["Index Score", "Prior Score", "Change", "Index Level"]);
    const [a, b] = records(results!);
    const index = run.response.results[0]!.index!;
    expect(index.priorScore).not.toBeNull();
    expect([a!["Prior Score"], a!.Change]).toEqual([index.priorScore, index.change]);
    expect(a!.Change).toBeCloseTo((a!["Index Score"] as number) - (a!["Prior Score"] as number), 0);
    expect([b!["Prior Score"], b!.Change]).toEqual([null, null]);
    expect(results!.numberFormats).toMatchObject({ "Prior Score": "0.0", Change: '+0.0;"−"0.0;0.0' });
  });
});

describe("SQII Indicators", () => {
  it("ends with the prior value and level, the change, status, change class and colour of §13's grid", async () => {
    const sheet = indicatorsSheet(await runOf(body), []);
    expect(sheet.table!.header).toEqual([
      ...["School ID", "Indicator", "Value", "All Level", "Subgroup Level", "Level", "Band", "Weight", "Points", "+1 Level", "+2 Levels", "+3 Levels"],
      ...["Prior Value", "Prior Level", "Change", "Status", "Change Class", "Colour"],
    ]);
    const a = records(sheet)
      .filter((r) => r["School ID"] === "A")
      .map((r) => [r.Indicator, r.Value, r["All Level"], r["Prior Value"], r["Prior Level"], r.Change, r.Status, r["Change Class"], r.Colour]);
    expect(a).toEqual([
      ["ELA", 55, 6, 35, 4, 2, "Medium", "Increased significantly", "Green"],
      ["Math", 55, 6, 55, 6, 0, "Medium", "Maintained", "Yellow"],
      ["Growth", 55, 6, 65, 7, -1, "Medium", "Declined", "Orange"],
      ["Chronic Absence", 55, 5, 35, 7, -2, "Medium", "Declined significantly", "Orange"],
      ["Suspension", 15, 9, 25, 8, 1, "Very high", "Increased", "Blue"],
      ["SEL", 85, 9, 75, 8, 1, "Very high", "Increased", "Blue"],
      ["Climate", 95, 10, 95, 10, 0, "Very high", "Maintained", "Blue"],
      // No value in either year: no level, so no change.
      ["EL Redesignation", null, null, null, null, null, null, null, null],
      ["SpEd Identification", null, null, null, null, null, null, null, null],
    ]);
    const b = records(sheet).filter((r) => r["School ID"] === "B");
    expect(b.every((r) => [r["Prior Value"], r["Prior Level"], r.Change, r.Status, r["Change Class"], r.Colour].every((c) => c === null))).toBe(true);
    expect(sheet.numberFormats!.Change).toBe('+0;"−"0;0');
  });

  it("fills each colour's cells with that colour from the one palette, keyed on the code", async () => {
    const sheet = indicatorsSheet(await runOf(body), []);
    const colour = sheet.highlights!.find((h) => h.column === "Colour")!;
    expect(colour.match).toBe("equals");
    expect(colour.fills).toEqual(COLORS.map((code) => ({ code, text: codeLabel(code), color: PALETTE[code] })));
    // Every label the column shows has its fill.
    const shown = new Set(records(sheet).flatMap((r) => (r.Colour === null ? [] : [r.Colour])));
    for (const label of shown) expect(colour.fills.map((f) => f.text)).toContain(label);
  });
});

describe("the performance colours", () => {
  /** WCAG relative luminance of #RRGGBB. */
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };

  it("keep black text readable (contrast 7:1 or more) and go from red through orange, yellow and green to blue", () => {
    for (const code of COLORS) expect((luminance(PALETTE[code]) + 0.05) / 0.05, code).toBeGreaterThanOrEqual(7);
    const hue = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
      const max = Math.max(r, g, b);
      const d = max - Math.min(r, g, b);
      const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
      return (h * 60 + 360) % 360;
    };
    const hues = COLORS.map((code) => hue(PALETTE[code]));
    expect(hues).toEqual([...hues].sort((x, y) => x - y));
    expect(hues[0]).toBeLessThan(20);
    expect(hues[4]).toBeGreaterThan(190);
  });
});

describe("SQII Subgroups", () => {
  it("has Academic Change after Academic Level: now − prior for a group accountable in both years", async () => {
    const [, subgroups] = resultSheets(await runOf(body), trace);
    const header = subgroups!.table!.header;
    expect(header[header.indexOf("Academic Level") + 1]).toBe("Academic Change");
    const change = records(subgroups!).map((r) => [r["School ID"], r.Group, r["Academic Level"], r["Academic Change"]]);
    // ALL: (6 + 6) / 2 now, (4 + 6) / 2 before; HI: (5 + 5) / 2 now, (3 + 4) / 2 before.
    expect(change).toEqual([
      ["A", "ALL", 6, 1],
      ["A", "HI", 5, 1.5],
      ["B", "ALL", 6, null],
      ["B", "HI", 5, null],
    ]);
  });
});

describe("SQII Partnerships", () => {
  it("says for each pair whether the partner raised the subgroup or qualified by its level only", async () => {
    // The sample's prior years, taken from every third school: Reward partners with and without one.
    const sample = generateConsortium({ schools: 400, seed: 3, year: 2014, priors: "every" });
    const run = await runOf({ ...sample, schools: sample.schools.map(({ prior, ...school }, i) => (i % 3 === 2 ? school : { ...school, prior })) });
    const { pairs, unmatched } = run.response.partnerships;
    const sheet = partnershipsSheet(run, []);
    expect(sheet.table!.header).toEqual(["School ID", "Designation", "Stage", "Subgroup", "Partner", "Quality", "Evidence", "Reason"]);
    const evidence = records(sheet).map((r) => r.Evidence);
    expect(evidence).toEqual([...pairs.map((p) => EVIDENCE_LABELS[p.evidence]), ...unmatched.map(() => null)]);
    // Both kinds occur: partners with a prior year that raised the group, and partners without one.
    expect(new Set(evidence)).toEqual(new Set(["Raised the subgroup", "Level only", ...(unmatched.length > 0 ? [null] : [])]));
    for (const pair of pairs) expect(pair.evidence === "raised", pair.partner).toBe(run.schools.get(pair.partner)!.prior !== undefined);
  });
});
