// `npm run bench`: how long the engine takes on a statewide request (10,000 schools), against the
// targets the API was designed for. Times are medians of repeated runs after a warm-up, and the
// main ones are also given relative to JSON.parse of the same request on the same machine, so a
// slow laptop does not turn a pass into a miss.
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { dirname } from "node:path";
import { SCHOOL_LEVELS, SUBGROUPS, type Subgroup } from "../../shared/core/model.js";
import { formatRequestJson, generateConsortium, STATEWIDE_JSON, STATEWIDE_OPTIONS } from "../../shared/samples/consortium.js";
import { Random } from "../../shared/samples/random.js";
import { assignPartners } from "../../shared/schools/partnerships.js";
import { runScenarios } from "../../shared/schools/scenarios.js";
import { evaluateSchools, findPartnerships, parseScoreRequest } from "../../shared/schools/score.js";

const REPEATS = 9;
const SWEEP_REPEATS = 7; // each sweep scores the state ten times; seven keeps the run short

type Needs = Parameters<typeof assignPartners>[0];
type Rewards = Parameters<typeof assignPartners>[1];

interface Row {
  step: string;
  median: number;
  /** Ratio to JSON.parse, when the row is compared with it. */
  ratio: number | null;
  target: string;
  pass: boolean | null;
}

// ---------------------------------------------------------------- input

/** The statewide request text, generated once and kept in tmp/ for later runs. */
async function statewideText(): Promise<string> {
  if (existsSync(STATEWIDE_JSON)) return readFile(STATEWIDE_JSON, "utf8");
  console.log(`generating ${STATEWIDE_JSON} …`);
  const text = formatRequestJson(generateConsortium(STATEWIDE_OPTIONS));
  await mkdir(dirname(STATEWIDE_JSON), { recursive: true });
  await writeFile(STATEWIDE_JSON, text);
  return text;
}

/** Ten what-ifs a district office might run; the first is the baseline. */
function sweepScenarios() {
  return [
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
}

/**
 * 500 schools needing a partner and 300 Reward schools, most of which raised most groups to level 7
 * or more: nearly every pair is eligible, the hard case for an optimal assignment.
 */
function stressInput(): { needs: Needs; rewards: Rewards } {
  const rng = new Random(500300);
  const districts = [
    "Fresno Unified",
    "Long Beach Unified",
    "Los Angeles Unified",
    "Oakland Unified",
    "Sacramento City Unified",
    "San Francisco Unified",
    "Santa Ana Unified",
    "Sanger Unified",
  ];
  const groups = SUBGROUPS.filter((g) => g !== "ALL");
  const needs: Needs = Array.from({ length: 500 }, (_, i) => ({
    id: `need-${i}`,
    level: rng.pick(SCHOOL_LEVELS),
    district: rng.pick(districts),
    subgroup: rng.pick(groups) as Subgroup,
  }));
  const rewards: Rewards = Array.from({ length: 300 }, (_, i) => {
    const academicLevels: Partial<Record<Subgroup, number>> = {};
    for (const group of SUBGROUPS) if (rng.chance(0.9)) academicLevels[group] = rng.chance(0.9) ? rng.uniform(7, 10) : rng.uniform(3, 7);
    return { id: `reward-${i}`, level: rng.pick(SCHOOL_LEVELS), district: rng.pick(districts), academicLevels };
  });
  return { needs, rewards };
}

// ---------------------------------------------------------------- timing

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median wall time of `repeats` runs after one warm-up run (which lets the JIT settle). */
async function time(run: () => unknown, repeats = REPEATS): Promise<number> {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** Fails loudly: a benchmark of a request the engine rejects would time the error path. */
function expectOk<T>(parsed: { ok: true; value: T } | { ok: false; problems: { path: string; message: string }[] }, what: string): T {
  if (parsed.ok) return parsed.value;
  const first = parsed.problems
    .slice(0, 5)
    .map((p) => `  ${p.path}: ${p.message}`)
    .join("\n");
  throw new Error(`${what} was rejected (${parsed.problems.length} problems):\n${first}`);
}

// ---------------------------------------------------------------- report

function printTable(rows: Row[]): void {
  const cells = rows.map((r) => [
    r.step,
    r.median.toFixed(1),
    r.ratio === null ? "" : `${r.ratio.toFixed(2)}×`,
    r.target,
    r.pass === null ? "" : r.pass ? "PASS" : "MISS",
  ]);
  const header = ["step", "median ms", "÷ JSON.parse", "target", "result"];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i === 1 || i === 2 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const c of cells) console.log(line(c));
}

async function main(): Promise<void> {
  console.log(`Node ${process.version} · ${cpus()[0]?.model ?? "unknown CPU"} (${cpus().length} threads)`);
  const text = await statewideText();
  const body = JSON.parse(text) as { schools: unknown[] };
  console.log(
    `input: ${STATEWIDE_JSON}, ${(text.length / 1e6).toFixed(1)} MB, ${body.schools.length.toLocaleString("en-US")} schools; medians of ${REPEATS} runs (sweep ${SWEEP_REPEATS}) after a warm-up\n`,
  );

  const { request, config } = expectOk(parseScoreRequest(body), "the statewide request");
  const evaluation = evaluateSchools(request.schools, config, request.year);
  const sweepBody = { ...body, scenarios: sweepScenarios() };
  expectOk(await runScenarios(sweepBody), "the scenario sweep");
  const stress = stressInput();

  const parse = await time(() => JSON.parse(text));
  const validate = await time(() => parseScoreRequest(body));
  const score = await time(() => evaluateSchools(request.schools, config, request.year));
  const partner = await time(() => findPartnerships(evaluation, config));
  const sweep = await time(() => runScenarios(sweepBody), SWEEP_REPEATS);
  const stressed = await time(() => assignPartners(stress.needs, stress.rewards, { capacity: 2, minLevel: 7 }));

  printTable([
    { step: "JSON.parse (request text)", median: parse, ratio: 1, target: "reference", pass: null },
    { step: "validation (parseScoreRequest)", median: validate, ratio: validate / parse, target: "≤ 2 × JSON.parse", pass: validate <= 2 * parse },
    { step: "scoring (evaluateSchools)", median: score, ratio: score / parse, target: "≤ 50 ms and ≤ 1.0 × JSON.parse", pass: score <= 50 && score <= parse },
    { step: "partnerships (findPartnerships)", median: partner, ratio: partner / parse, target: "≤ 1 s", pass: partner <= 1000 },
    { step: "10-scenario sweep (runScenarios)", median: sweep, ratio: sweep / parse, target: "none (reported)", pass: null },
    { step: "partner stress (500 × 300)", median: stressed, ratio: stressed / parse, target: "≤ 1 s", pass: stressed <= 1000 },
  ]);
  const pairs = findPartnerships(evaluation, config);
  const matched = assignPartners(stress.needs, stress.rewards, { capacity: 2, minLevel: 7 });
  console.log(
    `\nstatewide: ${evaluation.results.filter((r) => r.status === "scored").length.toLocaleString("en-US")} scored, Title I pool ${evaluation.poolSize}, ${pairs.pairs.length} partnerships (${pairs.unmatched.length} unmatched); stress: ${matched.pairs.length} of 500 matched`,
  );
}

await main();
