import { describe, expect, it } from "vitest";
import type { Educator, EducatorLevel, EducatorResult, Role } from "../../shared/contract/educators.js";
import { distribution } from "../../shared/educators/distribution.js";

/** `n` rated educators at one school, levels cycling through the list given. */
function group(school: string, district: string, role: Role, levels: (EducatorLevel | null)[]) {
  return levels.map((level, i) => ({
    educator: { id: `${school}-${role}-${i}`, role, school, district, measures: { practice: 3 } } as Educator,
    result: { id: `${school}-${role}-${i}`, status: level ? "rated" : "unrated", level } as EducatorResult,
  }));
}
const report = (rows: ReturnType<typeof group>, minReport = 10) =>
  distribution(
    rows.map((r) => r.educator),
    rows.map((r) => r.result),
    minReport,
  );
const many = (n: number, level: EducatorLevel = "effective") => Array.from({ length: n }, () => level);

describe("distribution report", () => {
  it("counts and percentages per school and district, unrated not counted", () => {
    const rows = group("A", "D1", "teacher", [
      "highlyEffective",
      "highlyEffective",
      "highlyEffective",
      ...many(6),
      "developing",
      "developing",
      "ineffective",
      null,
    ]);
    const out = report(rows);
    expect(out.schools.A!.teacher).toEqual({
      rated: 12,
      counts: { ineffective: 1, developing: 2, effective: 6, highlyEffective: 3 },
      percents: { ineffective: 8.3, developing: 16.7, effective: 50, highlyEffective: 25 },
      suppressed: false,
      reason: null,
    });
    expect(out.districts.D1!.teacher!.rated).toBe(12);
  });

  it("suppresses a group under minReport: all its cells blank, with the reason", () => {
    const out = report(group("A", "D1", "principal", many(3)));
    expect(out.schools.A!.principal).toEqual({ rated: null, counts: null, percents: null, suppressed: true, reason: "fewer than 10 rated educators" });
    expect(out.districts.D1!.principal!.suppressed).toBe(true);
  });

  it("complementary: one suppressed school in a shown district hides the smallest other school", () => {
    // A 12, B 11, C 5: C is small; the district (28) is shown, so C = 28 − 12 − 11 unless B goes too.
    const out = report([...group("A", "D1", "teacher", many(12)), ...group("B", "D1", "teacher", many(11)), ...group("C", "D1", "teacher", many(5))]);
    expect(out.schools.C!.teacher!.reason).toBe("fewer than 10 rated educators");
    expect(out.schools.B!.teacher).toMatchObject({ suppressed: true, counts: null, reason: expect.stringContaining("complementary") });
    expect(out.schools.A!.teacher!.suppressed).toBe(false);
    expect(out.districts.D1!.teacher).toMatchObject({ rated: 28, suppressed: false });
    // Nothing shown recovers a hidden count: shown schools add up to less than the district by ≥ 2 groups.
  });

  it("ties for the smallest other school go to the smaller id; two small schools need nothing more", () => {
    const tie = report([...group("B", "D1", "teacher", many(11)), ...group("A", "D1", "teacher", many(11)), ...group("C", "D1", "teacher", many(5))]);
    expect(tie.schools.A!.teacher!.suppressed).toBe(true);
    expect(tie.schools.B!.teacher!.suppressed).toBe(false);
    const two = report([...group("A", "D1", "teacher", many(12)), ...group("B", "D1", "teacher", many(4)), ...group("C", "D1", "teacher", many(5))]);
    expect(two.schools.A!.teacher!.suppressed).toBe(false);
  });

  it("a suppressed district row needs no complementary cell", () => {
    const out = report([...group("A", "D2", "teacher", many(4)), ...group("B", "D2", "teacher", many(12))], 20);
    expect(out.districts.D2!.teacher!.suppressed).toBe(true);
    expect(out.schools.B!.teacher!.suppressed).toBe(true); // 12 < 20 itself
  });

  it("roles are reported separately", () => {
    const out = report([...group("A", "D1", "teacher", many(12)), ...group("A", "D1", "principal", many(1))]);
    expect(out.schools.A!.teacher!.suppressed).toBe(false);
    expect(out.schools.A!.principal!.suppressed).toBe(true);
    expect(out.schools.A!.district).toBe("D1");
  });
});
