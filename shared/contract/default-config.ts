// The default config: the methodology's fixed numbers and the project's documented choices.
// The cut-point tables are the project's illustrative "fixed" tables (docs/cut-points.md says where
// they come from); districts should replace them with norm cut points from their own base year.
import type { Config } from "./requests.js";

const SECC = { chronicAbsence: 1, suspension: 1, sel: 1, climate: 1, elRedesignation: 1, spedIdentification: 1 };

export const DEFAULT_CONFIG: Config = {
  minN: 20,
  subgroupShare: 0.5,
  suppressBelow: 11,
  allowMissingDomain: false,
  domainWeights: { academic: 0.6, secc: 0.4 },
  indicatorWeights: {
    elementary: { ela: 1, math: 1, growth: 1, ...SECC },
    middle: { ela: 1, math: 1, growth: 1, hsReady: 1, ...SECC },
    high: { ela: 1, math: 1, grad: 1, ...SECC },
    span: { ela: 1, math: 1, growth: 1, grad: 1, hsReady: 1, ...SECC },
  },
  // Nine ascending cut points per indicator. For lower-is-better indicators (absence, suspension,
  // distance from the SpEd reference) a value at or below c_k counts, so c1 is the level-10 bar.
  cutPoints: {
    ela: [18, 24, 29, 34, 39, 45, 51, 58, 67],
    math: [12, 17, 22, 27, 32, 38, 45, 53, 63],
    growth: [35, 40, 44, 47, 50, 53, 56, 60, 65],
    grad: [65, 72, 78, 82, 85, 88, 91, 94, 97],
    hsReady: [20, 27, 33, 39, 45, 51, 58, 65, 74],
    chronicAbsence: [3, 4.5, 6, 7.5, 9, 11, 13.5, 16.5, 21],
    suspension: [0.5, 1, 1.5, 2.2, 3, 4, 5.5, 7.5, 11],
    sel: [62, 65, 67.5, 69.5, 71.5, 73.5, 75.5, 78, 81],
    climate: [60, 64, 67, 70, 72.5, 75, 77.5, 80.5, 84],
    elRedesignation: [5, 8, 10.5, 13, 15.5, 18, 21, 25, 31],
    spedIdentification: [0.5, 1, 1.6, 2.3, 3, 3.8, 4.8, 6, 8],
  },
  spedReference: 11.0,
  targets: { ela: 89.2, math: 89.5, grad: 90 },
  gapLevels: 2,
  designation: {
    pool: ["participating"],
    priorityShare: 0.05,
    focusShare: 0.1,
    rewardShare: 0.1,
    progressShare: 0.1,
    gradRateFloor: 60,
  },
  partnerCapacity: 2,
  partnerMinLevel: 7,
  previousMinN: 100,
};
