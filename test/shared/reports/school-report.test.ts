// The school data report of docs/methodology.md's worked example: the pool, the distance to exit,
// the gains and the targets are read from the document, and the report model must show exactly
// those numbers. Then the other kinds of school, and public mode.
import { describe, expect, it } from "vitest";
import type { School } from "../../../shared/contract/requests.js";
import { schoolReport, schoolReports } from "../../../shared/reports/school-report.js";
import { scoreSchools } from "../../../shared/schools/score.js";
import { FIELD_LABELS } from "../../../shared/tables/school-columns.js";
import { makeSchool, testConfig } from "../fixtures.js";
import { atLevels, code, fromMarker, num, poolRows, tableAfter, workedPool, workedSchool } from "../worked-example-doc.js";

const pool = workedPool;
const config = testConfig();
const response = await scoreSchools({ schools: pool }, config);
const source = { response, schools: pool, config };
const report = schoolReport(source, "W1")!;

describe("the worked example's data report (docs/methodology.md)", () => {
  it("scores the pool as the document says", () => {
    expect(pool).toHaveLength(20);
    for (const row of poolRows) for (const id of row.names) expect(response.results.find((r) => r.id === id)!.index!.score, id).toBe(row.index);
  });

  it("states the index and domains of the worked example", () => {
    const [, score, level, band] = fromMarker("index").match(/Index score ([\d.]+), index level (\d+), band (\w+)/)!;
    expect(report.index).toMatchObject({ score: Number(score), level: Number(level), band });
    expect(report.domains.map((d) => d.meanLevel)).toEqual([5.666667, 7.4]);
  });

  it("says why it is Priority, in words, and that it has no partner", () => {
    expect(report.designation).toMatchObject({ code: "priority", headline: "Priority school · year 1 · Peer review", basis: "Lowest index" });
    expect(report.designation.reasons).toEqual(["Its index of 63.6 is the lowest of the 20 schools in the Title I pool (the lowest 5%)."]);
    expect(report.partner).toEqual([
      "No Reward partner for Socioeconomically Disadvantaged: no Reward school has Socioeconomically Disadvantaged accountable at academic level 7 or above.",
    ]);
  });

  it("gives the distance to exit the document works out", () => {
    const [, cutOff, target, points] = fromMarker("exit").match(/cut-off \*\*([\d.]+)\*\*, exit at \*\*([\d.]+)\*\*, \*\*([\d.]+) index points\*\*/)!;
    expect(report.exit.lines).toEqual([
      `Priority for its index. The cut-off is ${cutOff}, the lowest index among the other schools of the pool: an index of ${target} leaves Priority, ${points} points above today's 63.6.`,
    ]);
    expect(report.exit.pointsNeeded).toBe(Number(points));
    expect(report.exit.short).toBe(`${points} index points`);
  });

  it("lists the indicators the document names, with the gains of its table", () => {
    const gains = tableAfter("gains").map(([indicator, value, next, , , points]) => ({
      code: code(indicator!),
      value: num(value!),
      next: num(next!),
      gain: num(points!),
    }));
    expect(report.indicators.filter((l) => l.value !== null).map((l) => ({ code: l.code, value: l.value, next: l.next[0], gain: l.gain }))).toEqual(gains);
    const [, named] = fromMarker("gains").match(/report\s+names \*\*([^*]+)\*\*/)!;
    const names = named!.split(/, | and /).map((word) => word.toLowerCase());
    expect(report.exit.steps.map((s) => FIELD_LABELS[s.code].toLowerCase())).toEqual(names);
    expect(report.exit.stepsGain).toBe(3);
    expect(report.exit.stepsNote).toMatch(/^One level more on these 3 indicators adds 3 index points, enough for the 2\.5 needed/);
    expect(report.exit.notes).toEqual(["Past the cut-off it would still be a Focus school, for its achievement gap."]);
  });

  it("shows every accountable group against the targets, as the document's table", () => {
    const rows = tableAfter("targets").map(([group, n, ela, elaGap, math, mathGap]) => ({
      code: code(group!),
      n: Number(n),
      targets: [
        { code: "ela", value: num(ela!), target: 89.2, distance: num(elaGap!) },
        { code: "math", value: num(math!), target: 89.5, distance: num(mathGap!) },
      ],
    }));
    expect(report.groups.filter((g) => g.accountable).map((g) => ({ code: g.code, n: g.n, targets: g.targets }))).toEqual(rows);
    expect(report.groups.find((g) => g.code === "EL")).toMatchObject({ accountable: false, n: 15, note: "under the minimum of 20: not counted", results: {} });
  });
});

describe("school reports: what the engine's facts read as", () => {
  it("a Focus school for its gap lists the bottom group's next levels; the index does not enter", async () => {
    const mid = (level: number) => 10 * (level - 1) + 5;
    const gapped = (id: string, high: number, low: number) =>
      makeSchool(id, {
        subgroups: { ALL: { n: 100, ela: 55, math: 55 }, HI: { n: 40, ela: mid(high), math: mid(high) }, SED: { n: 40, ela: mid(low), math: mid(low) } },
      });
    const schools = [...["A", "B", "C"].map((id, i) => gapped(id, 9, 3 + i)), ...Array.from({ length: 17 }, (_, i) => atLevels(`F${i + 10}`, 6, 6))];
    const focusConfig = testConfig({ allowMissingDomain: true, designation: { priorityShare: 0 } });
    const scored = await scoreSchools({ schools }, focusConfig);
    const a = schoolReport({ response: scored, schools, config: focusConfig }, "A")!;
    // Gaps 6 (A), 5 (B), 4 (C); Focus takes ceil(0.1 × 20) = 2: A and B. A's cut-off is C's 4; A sorts first: 3.5.
    expect(a.designation.code).toBe("focus");
    expect(a.exit.lines[0]).toContain("a gap of 3.5 levels or less leaves Focus, 2.5 levels narrower than today's 6");
    expect(a.exit.gapGroups).toEqual([{ group: "Socioeconomically Disadvantaged", ela: { value: 25, nextValue: 30 }, math: { value: 25, nextValue: 30 } }]);
    expect(a.exit.notes[0]).toBe("Each level more in ELA or math for Socioeconomically Disadvantaged narrows the gap by up to 0.5 levels.");
    expect(a.exit.steps).toEqual([]);
  });

  it("a school outside the pool, and one with no index, say so", async () => {
    const schools = [makeSchool("E", { title1: "eligible" }), makeSchool("U", { subgroups: { ALL: { n: 5, ela: 50 } } })];
    const [e, u] = schoolReports({ response: await scoreSchools({ schools }, config), schools, config });
    expect(e!.designation.reasons).toEqual(["Designations are made among Title I participating schools; this school's Title I status is eligible."]);
    expect(e!.exit.lines).toEqual(["Not in the Title I pool: designations do not apply."]);
    expect(u!.index).toBeNull();
    expect(u!.exit.lines).toEqual(["No index: the school is not ranked, so no designation applies."]);
  });

  it("names only the schools asked for, in response order", () => {
    expect(schoolReports(source, {}, ["P03", "W1"]).map((r) => r.id)).toEqual(["W1", "P03"]);
    expect(schoolReport(source, "nope")).toBeNull();
  });
});

describe("public reports", () => {
  const withSmall = (n: number): School => ({ ...workedSchool, subgroups: { ...workedSchool.subgroups, EL: { n, ela: 10, math: 12 } } });

  it("blank a group under suppressBelow: no N, value or level, only how small it is", async () => {
    const schools = [withSmall(7)];
    const scored = { response: await scoreSchools({ schools }, config), schools, config };
    const internal = schoolReport(scored, "W1")!;
    const published = schoolReport(scored, "W1", { public: true })!;
    expect(internal.groups.find((g) => g.code === "EL")).toMatchObject({ n: 7, suppressed: false });
    expect(published.groups.find((g) => g.code === "EL")).toEqual({
      code: "EL",
      name: "English Learners",
      accountable: false,
      n: null,
      suppressed: true,
      note: "fewer than 11 students",
      academicLevel: null,
      academicChange: null,
      targets: [],
      results: {},
      flags: [],
    });
    // Everything else is the internal report's.
    expect({ ...published, groups: [], public: false }).toEqual({ ...internal, groups: [] });
  });

  it("a school whose ALL group is under suppressBelow shows nothing of its results", async () => {
    const small = testConfig({ minN: 5 });
    const schools = [
      makeSchool("T", { subgroups: { ALL: { n: 8, ela: 41, math: 42, growth: 43, chronicAbsence: 44, suspension: 45, sel: 46, climate: 47 } } }),
    ];
    const published = schoolReport({ response: await scoreSchools({ schools }, small), schools, config: small }, "T", { public: true })!;
    expect(published).toMatchObject({ withheld: "fewer than 11 students: results not published", index: null, indicators: [], domains: [] });
    expect(published.groups).toEqual([expect.objectContaining({ code: "ALL", n: null, suppressed: true })]);
    expect(published.exit.lines).toEqual(["fewer than 11 students: results not published"]);
    expect(published.designation.reasons).toEqual([]);
    // None of its values (41 to 47) anywhere; the run line aside, whose hash is hex.
    expect(JSON.stringify({ ...published, run: null })).not.toMatch(/4[1-7]/);
  });

  it("with minN under suppressBelow, a gap that involves a suppressed group is not measured out", async () => {
    const small = testConfig({ minN: 5, allowMissingDomain: true, designation: { priorityShare: 0 } });
    const schools = [
      makeSchool("A", { subgroups: { ALL: { n: 100, ela: 55, math: 55 }, HI: { n: 40, ela: 85, math: 85 }, SED: { n: 8, ela: 15, math: 15 } } }),
      ...Array.from({ length: 19 }, (_, i) => atLevels(`F${i + 10}`, 6, 6)),
    ];
    const scored = { response: await scoreSchools({ schools }, small), schools, config: small };
    const published = schoolReport(scored, "A", { public: true })!;
    expect(published.designation.code).toBe("focus");
    expect(published.designation.reasons[0]).toMatch(/^Its achievement gap between student groups is among the 2 largest .* its size is not published/);
    expect(published.exit.lines).toEqual(["Focus for its achievement gap: the distance is not published, as the gap involves a group too small to report."]);
    expect(published.exit.gapGroups).toEqual([]);
    expect(JSON.stringify(published)).not.toMatch(/Socioeconomically Disadvantaged \(academic|"n":8/);
  });
});
