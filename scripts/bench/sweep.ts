// The ten what-ifs a district office might run, the first the baseline: the scenario sweep that
// `npm run bench` times and `npm run bench:memory` measures, one list so the two cannot drift.
export const SWEEP_SCENARIOS = [
  { name: "baseline" },
  { name: "academic 50 / SE-CC 50", config: { domainWeights: { academic: 0.5, secc: 0.5 } } },
  { name: "academic 70 / SE-CC 30", config: { domainWeights: { academic: 0.7, secc: 0.3 } } },
  { name: "minN 11", config: { minN: 11 } },
  { name: "minN 30", config: { minN: 30 } },
  { name: "minN 100 (old rule)", config: { minN: 100 } },
  { name: "subgroups 30%", config: { subgroupShare: 0.3 } },
  { name: "subgroups 70%", config: { subgroupShare: 0.7 } },
  { name: "focus 5%", config: { designation: { focusShare: 0.05 } } },
  { name: "focus 15%", config: { designation: { focusShare: 0.15 } } },
];
