import { describe, expect, it } from "vitest";
import { DEFAULT_CUTS, type Educator } from "../../shared/contract/educators.js";
import { resolveEducatorConfig } from "../../shared/educators/config.js";
import { impactOf, levelFor, parseEducatorsRequest, rateEducator } from "../../shared/educators/rating.js";

const educator = (measures: Educator["measures"], district = "Fresno", id = "T1"): Educator => ({ id, role: "teacher", school: "S1", district, measures });
const config = (models: Record<string, unknown> = {}) => {
  const resolved = resolveEducatorConfig({ models: models as never });
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
  return resolved.value;
};
const checkModel = config({ Fresno: { model: "check" } });

describe("weighted model (default: practice 0.5, growth 0.3, surveys 0.1, goals 0.1)", () => {
  it("composite = Σ weight × measure ÷ Σ weights present", () => {
    // 0.5 × 3 + 0.3 × 4 + 0.1 × 2 + 0.1 × 3 = 3.2 → effective
    expect(rateEducator(educator({ practice: 3, growth: 4, surveys: 2, goals: 3 }), config())).toMatchObject({
      status: "rated",
      composite: 3.2,
      level: "effective",
      measuresUsed: ["practice", "growth", "surveys", "goals"],
    });
    // without surveys: (1.5 + 1.2 + 0.3) / 0.9 = 3.333333
    expect(rateEducator(educator({ practice: 3, growth: 4, goals: 3 }), config())).toMatchObject({ composite: 3.333333, level: "effective" });
    // (2 + 1.2 + 0.25) / 0.9 = 3.833333 → highly effective
    expect(rateEducator(educator({ practice: 4, growth: 4, goals: 2.5 }), config()).level).toBe("highlyEffective");
  });

  it("compares after rounding to 6 decimals: (0.5 × 3.9 + 0.3 × 3 + 0.1 × 3) / 0.9 = 3.5 is highly effective", () => {
    expect((0.5 * 3.9 + 0.3 * 3 + 0.1 * 3) / (0.5 + 0.3 + 0.1)).toBeLessThan(3.5); // 3.499999999999999 in floating point
    expect(rateEducator(educator({ practice: 3.9, growth: 3, goals: 3 }), config())).toMatchObject({ composite: 3.5, level: "highlyEffective" });
  });

  it("an educator without growth is unrated with the reason, never re-weighted", () => {
    const r = rateEducator(educator({ practice: 4, surveys: 4, goals: 4 }), config());
    expect(r).toMatchObject({ status: "unrated", level: null, composite: null });
    expect(r.reasons[0]).toContain("student growth");
  });

  it("cuts: ≥ 3.5, ≥ 2.5, ≥ 1.75, else ineffective", () => {
    expect([3.5, 3.49, 2.5, 2.4999999, 1.75, 1.7499].map((v) => levelFor(v, DEFAULT_CUTS))).toEqual([
      "highlyEffective",
      "effective",
      "effective",
      "effective",
      "developing",
      "ineffective",
    ]);
  });
});

describe("the 20% growth rule", () => {
  it("rejects a weighted model whose growth is under 20% of the total, naming the district", () => {
    const out = resolveEducatorConfig({ models: { Fresno: { model: "weighted", weights: { practice: 0.7, growth: 0.15, surveys: 0.1, goals: 0.05 } } } });
    expect(out).toEqual({
      ok: false,
      problems: [{ path: "config.models.Fresno.weights.growth", message: 'district "Fresno": student growth is 15% of the weights; at least 20% is required' }],
    });
  });

  it("accepts exactly 20%, and does not apply to the check model", () => {
    expect(resolveEducatorConfig({ models: { Fresno: { model: "weighted", weights: { practice: 0.6, growth: 0.2, surveys: 0.1, goals: 0.1 } } } }).ok).toBe(
      true,
    );
    expect(resolveEducatorConfig({ models: { Oakland: { model: "check", weights: { growth: 0 } } } }).ok).toBe(true);
  });

  it("is a 400-style problem of the whole request, with every other problem", () => {
    // A shape problem (practice 5), a duplicate id (both T1) and the growth rule: all three at once.
    const out = parseEducatorsRequest({
      config: { models: { Sanger: { model: "weighted", weights: { growth: 0.1 } } } },
      educators: [educator({ practice: 5, growth: 2 }), educator({ practice: 2, growth: 2 })],
    });
    expect(out).toEqual({
      ok: false,
      problems: [
        { path: "educators[0].measures.practice", message: "expected a rating from 1 to 4, got 5" },
        { path: "educators[1].id", message: 'duplicate educator id "T1" (first at educators[0])' },
        { path: "config.models.Sanger.weights.growth", message: 'district "Sanger": student growth is 12.5% of the weights; at least 20% is required' },
      ],
    });
  });

  it("is checked for every well-formed district even when another district's model is malformed", () => {
    const out = parseEducatorsRequest({
      config: {
        models: {
          Fresno: { model: "weighted", cuts: { highlyEffective: 2, effective: 3, developing: 1 } },
          Sanger: { model: "weighted", weights: { growth: 0 } },
        },
        minReport: 0,
      },
      educators: [educator({ practice: 3, growth: 3 })],
    });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    // The malformed parts are reported once each (the request's shape and the config's are one check).
    expect(out.problems).toEqual([
      { path: "config.models.Fresno.cuts", message: "cuts must rise: developing ≤ effective ≤ highlyEffective" },
      { path: "config.minReport", message: "expected a minimum group size: a whole number from 1 to 1000000, got 0" },
      { path: "config.models.Sanger.weights.growth", message: 'district "Sanger": student growth is 0% of the weights; at least 20% is required' },
    ]);
  });
});

describe("check model", () => {
  it("practice sets the level; a low impact caps highly effective at effective and flags a review", () => {
    // practice 3.6 → highly effective; impact mean (1.5 + 2) / 2 = 1.75 → low
    expect(rateEducator(educator({ practice: 3.6, growth: 1.5, goals: 2 }), checkModel)).toMatchObject({
      level: "effective",
      practiceLevel: "highlyEffective",
      impact: "low",
      flags: ["impactReview"],
      composite: null,
    });
    // practice 3.0 → effective stays effective with low impact, still flagged
    expect(rateEducator(educator({ practice: 3, growth: 1, growth2: 1.5 }), checkModel)).toMatchObject({
      level: "effective",
      impact: "low",
      flags: ["impactReview"],
    });
  });

  it("needs two impact measures, else insufficient with impactEvidenceMissing", () => {
    expect(rateEducator(educator({ practice: 2, growth: 1 }), checkModel)).toMatchObject({
      level: "developing",
      impact: "insufficient",
      flags: ["impactEvidenceMissing"],
    });
  });

  it("impact: mean < 2 low, ≥ 3 high, else moderate (surveys are not impact)", () => {
    const impact = (m: Partial<Educator["measures"]>) => impactOf(educator({ practice: 3, ...m })).impact;
    expect(impact({ growth: 2, goals: 2 })).toBe("moderate");
    expect(impact({ growth: 3, goals: 3 })).toBe("high");
    expect(impact({ growth: 2.9, goals: 2.9 })).toBe("moderate");
    expect(impact({ growth: 1.9, goals: 2 })).toBe("low");
    expect(impact({ growth: 4, surveys: 4 })).toBe("insufficient");
  });

  it("unknown districts use defaultModel", () => {
    const resolved = resolveEducatorConfig({ defaultModel: "check" });
    expect(resolved.ok && rateEducator(educator({ practice: 3.6, growth: 1, goals: 1 }, "Elsewhere"), resolved.value).level).toBe("effective");
  });
});

describe("scoreEducators", () => {
  it("rates every educator in order and reports the distribution, with version and config hash", async () => {
    const { scoreEducators } = await import("../../shared/educators/rating.js");
    const educators = Array.from({ length: 12 }, (_, i) => ({ ...educator({ practice: 3, growth: 3 + (i % 2) }, "Fresno", `T${i}`) }));
    const out = await scoreEducators({ educators: [...educators, educator({ practice: 3 }, "Fresno", "U1")] });
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    expect(out.value.results.map((r) => r.id)).toEqual([...educators.map((e) => e.id), "U1"]);
    expect(out.value.results.at(-1)!.status).toBe("unrated");
    expect(out.value.configHash).toMatch(/^[0-9a-f]{64}$/);
    expect(out.value.distribution.districts.Fresno!.teacher!.rated).toBe(12);
  });
});
