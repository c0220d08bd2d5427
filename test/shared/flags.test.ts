import { describe, expect, it } from "vitest";
import type { Config, School } from "../../shared/contract/requests.js";
import { academicLevel, subgroupFlags } from "../../shared/schools/flags.js";
import { scalesFor } from "../../shared/schools/levels.js";
import { groupLevels } from "../../shared/schools/school-index.js";
import { makeSchool, testConfig } from "./fixtures.js";

function flags(school: School, config: Config = testConfig()) {
  return subgroupFlags(school, groupLevels(school, config, scalesFor(config)), config);
}

describe("n-size flags", () => {
  const s = makeSchool("A", {
    subgroups: {
      ALL: { n: 250, ela: 55 },
      AA: { n: 0 },
      AI: { n: 5 },
      AS: { n: 10 },
      FI: { n: 11 },
      PI: { n: 19 },
      HI: { n: 20 },
      WH: { n: 99 },
      SED: { n: 100 },
    },
  });
  const { subgroups } = flags(s);

  it("notAccountable 0 < n < 20, newlyAccountable 20 ≤ n < 100, suppressed n < 11", () => {
    expect(subgroups.AA).toMatchObject({ accountable: false, flags: ["suppressed"] });
    expect(subgroups.AI).toMatchObject({ accountable: false, flags: ["notAccountable", "suppressed"] });
    expect(subgroups.AS!.flags).toEqual(["notAccountable", "suppressed"]);
    expect(subgroups.FI!.flags).toEqual(["notAccountable"]);
    expect(subgroups.PI!.flags).toEqual(["notAccountable"]);
    expect(subgroups.HI).toMatchObject({ accountable: true, flags: ["newlyAccountable"] });
    expect(subgroups.WH!.flags).toEqual(["newlyAccountable"]);
    expect(subgroups.SED).toMatchObject({ accountable: true, flags: [] });
  });

  it("follows minN, previousMinN and suppressBelow from config", () => {
    const { subgroups: s2 } = flags(s, testConfig({ minN: 11, previousMinN: 50, suppressBelow: 5 }));
    expect(s2.AI!.flags).toEqual(["notAccountable"]);
    expect(s2.AS!.flags).toEqual(["notAccountable"]);
    expect(s2.FI).toMatchObject({ accountable: true, flags: ["newlyAccountable"] });
    expect(s2.WH!.flags).toEqual([]);
  });

  it("reports every group sent, in §1 order, ALL included", () => {
    expect(Object.keys(subgroups)).toEqual(["ALL", "AA", "AI", "AS", "FI", "HI", "PI", "WH", "SED"]);
  });
});

describe("belowTarget", () => {
  it("flags ela and math under the targets for accountable groups only", () => {
    const s = makeSchool("A", { subgroups: { ALL: { n: 100, ela: 89.2, math: 89.4 }, HI: { n: 30, ela: 50, math: 95 }, EL: { n: 12, ela: 5 } } });
    const { subgroups } = flags(s);
    expect(subgroups.ALL!.flags).toEqual(["belowTarget:math"]); // 89.2 meets 89.2; 89.4 < 89.5
    expect(subgroups.HI!.flags).toEqual(["newlyAccountable", "belowTarget:ela"]);
    expect(subgroups.EL!.flags).toEqual(["notAccountable"]);
  });

  it("flags grad under 90 only where graduation applies (high, span)", () => {
    const high = makeSchool("H", { level: "high", subgroups: { ALL: { n: 400, ela: 95, math: 95, grad: 89.9 } } });
    const elementary = makeSchool("E", { subgroups: { ALL: { n: 400, ela: 95, math: 95, grad: 50 } } });
    expect(flags(high).subgroups.ALL!.flags).toEqual(["belowTarget:grad"]);
    expect(flags(elementary).subgroups.ALL!.flags).toEqual([]);
  });
});

describe("academic level, gap flag and achievement gap", () => {
  it("academic level is the mean of ELA and math levels, or either alone", () => {
    expect(academicLevel({ ela: 7, math: 4 })).toBe(5.5);
    expect(academicLevel({ math: 4 })).toBe(4);
    expect(academicLevel({ sel: 4 })).toBeNull();
  });

  const s = makeSchool("A", {
    subgroups: {
      ALL: { n: 300, ela: 65, math: 55 }, // (7 + 6) / 2 = 6.5
      AS: { n: 40, ela: 85, math: 75 }, // 8.5
      HI: { n: 120, ela: 55, math: 35 }, // (6 + 4) / 2 = 5
      EL: { n: 60, ela: 45, math: 35 }, // (5 + 4) / 2 = 4.5 ≤ 6.5 − 2 → gap
      SWD: { n: 30, ela: 35, math: 35 }, // 4 → gap
      FY: { n: 8, ela: 5, math: 5 }, // not accountable: no level, no gap
    },
  });
  const out = flags(s);

  it("flags accountable groups at or below ALL's academic level − 2", () => {
    expect(out.subgroups.EL!.flags).toContain("gap");
    expect(out.subgroups.SWD!.flags).toContain("gap");
    expect(out.subgroups.HI!.flags).not.toContain("gap");
    expect(out.subgroups.FY!.flags).not.toContain("gap");
    expect(out.subgroups.ALL!.flags).not.toContain("gap");
    expect(out.hasGapFlag).toBe(true);
  });

  it("achievement gap = highest − lowest academic level among accountable non-ALL groups, named", () => {
    expect(out.gap).toEqual({ value: 4.5, highest: ["AS"], lowest: ["SWD"] });
    expect(out.subgroups.AS!.academicLevel).toBe(8.5);
    expect(out.subgroups.FY!.academicLevel).toBeNull();
  });

  it("names every group tied at an extreme, in §1 order", () => {
    const t = makeSchool("T", {
      subgroups: { ALL: { n: 300, ela: 55 }, WH: { n: 40, ela: 75 }, AA: { n: 40, ela: 35 }, SWD: { n: 40, ela: 35 }, AS: { n: 40, ela: 75 } },
    });
    expect(flags(t).gap).toEqual({ value: 4, highest: ["AS", "WH"], lowest: ["AA", "SWD"] });
  });

  it("needs two accountable groups; a gap of 0 is still a gap", () => {
    const one = makeSchool("O", { subgroups: { ALL: { n: 300, ela: 55 }, HI: { n: 40, ela: 55 } } });
    expect(flags(one).gap).toBeNull();
    const even = makeSchool("E", { subgroups: { ALL: { n: 300, ela: 55 }, HI: { n: 40, ela: 55 }, AA: { n: 40, ela: 52 } } });
    expect(flags(even).gap).toEqual({ value: 0, highest: ["AA", "HI"], lowest: ["AA", "HI"] });
  });

  it("no gap flag when ALL is not accountable", () => {
    const t = makeSchool("T", { subgroups: { ALL: { n: 15, ela: 95 }, HI: { n: 40, ela: 5 } } });
    expect(flags(t).hasGapFlag).toBe(false);
  });

  it("gapLevels comes from config", () => {
    expect(flags(s, testConfig({ gapLevels: 2.5 })).subgroups.EL!.flags).not.toContain("gap");
    expect(flags(s, testConfig({ gapLevels: 2.5 })).subgroups.SWD!.flags).toContain("gap");
  });
});
