// A small district whose escalation can be worked by hand (methodology §7–§9), scored three years
// running on the same data with the history rolled forward in between. Ten elementary Title I
// schools S01–S10 rise in every indicator from S01 to S10, and one high school H1 graduates 55%.
// With eleven schools in the pool: Priority takes ceil(5% × 11) = 1 (S01, the lowest index),
// Focus ceil(10% × 11) = 2 slots, Reward ceil(10% × 11) = 2 (S10, S09). S05 is the only school
// with an achievement gap (HI 5% against AS 90%), so it is Focus every year; H1 is Focus for a
// graduation rate under 60%, and Priority once the prior year's rate (rolled forward) is under 60
// too. S10's HI group (80%) makes it the Reward partner S05 needs at the Reward-partnership stage.
import type { ScoreRequest } from "../../shared/contract/requests.js";

export function threeYearDistrict(year: number): ScoreRequest {
  const schools: ScoreRequest["schools"] = Array.from({ length: 10 }, (_, k) => {
    const i = k + 1;
    const subgroups: ScoreRequest["schools"][number]["subgroups"] = {
      ALL: {
        n: 300,
        ela: 20 + 6 * i,
        math: 18 + 6 * i,
        growth: 30 + 4 * i,
        chronicAbsence: 20 - i,
        suspension: 6 - 0.4 * i,
        sel: 50 + 3 * i,
        climate: 50 + 3 * i,
      },
    };
    if (i === 5) Object.assign(subgroups, { HI: { n: 100, ela: 5, math: 5 }, AS: { n: 60, ela: 90, math: 90 } });
    if (i === 10) subgroups.HI = { n: 50, ela: 80, math: 80 };
    return { id: `S${String(i).padStart(2, "0")}`, name: `School ${i}`, district: "North", level: "elementary", title1: "participating", subgroups };
  });
  schools.push({
    id: "H1",
    name: "High 1",
    district: "South",
    level: "high",
    title1: "participating",
    subgroups: { ALL: { n: 400, ela: 50, math: 45, grad: 55, chronicAbsence: 12, suspension: 4, sel: 60, climate: 62 } },
  });
  return { year, schools };
}

/** Designation, stage and years in status per school and year, by §8: what the roll forward must produce. */
export const EXPECTED_ESCALATION: Record<number, Record<string, [string, string | null, number]>> = {
  2014: { S01: ["priority", "peerReview", 1], S05: ["focus", "communityOfPractice", 1], H1: ["focus", "communityOfPractice", 1], S10: ["reward", null, 1] },
  2015: { S01: ["priority", "turnaroundPrinciples", 2], S05: ["focus", "communityOfPractice", 2], H1: ["priority", "peerReview", 1], S10: ["reward", null, 2] },
  2016: {
    S01: ["priority", "turnaroundPrinciples", 3],
    S05: ["focus", "rewardPartnership", 3],
    H1: ["priority", "turnaroundPrinciples", 2],
    S10: ["reward", null, 3],
  },
};

/** How a sheet shows a designation or stage code (`rewardPartnership` → "Reward partnership"), worked out apart from the code under test; "" for none. */
export const shownLabel = (code: string | null) =>
  code === null
    ? ""
    : code
        .replace(/([A-Z])/g, " $1")
        .replace(/^./, (c) => c.toUpperCase())
        .replace(/ (\w)/g, (_, c) => ` ${c.toLowerCase()}`);
