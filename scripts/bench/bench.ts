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
import { assessSchools, partnershipsOf } from "../../shared/schools/assessment.js";
import { jsonPieces } from "../../shared/schools/json-pieces.js";
import { assignPartners } from "../../shared/schools/partnerships.js";
import { parseScenariosRequest, runScenarios, scenariosResponse } from "../../shared/schools/scenarios.js";
import { evaluateSchools, parseScoreRequest, scoreResponse } from "../../shared/schools/score.js";
import { summarize } from "../../shared/schools/summary.js";
import { SWEEP_SCENARIOS } from "./sweep.js";

const REPEATS = 9;
const SWEEP_REPEATS = 7; // each sweep scores the state ten times; seven keeps the run short

type Needs = Parameters<typeof assignPartners>[0];
type Rewards = Parameters<typeof assignPartners>[1];

interface Row {
  step: string;
  median: number;
  /** Ratio to JSON.parse, when the row is compared with it. */
  ratio: number | null;
  /** Ratio to scoring, for the rows compared with it. */
  toScoring?: number;
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

/**
 * The same request two ways (§13): no school with a prior year, and every school with one. A prior
 * the file already has is kept; the others are this year's groups moved a few points each way and
 * a few students up or down (so some groups cross minN), as a year apart looks.
 */
function priorVariants(body: { year?: number; schools: unknown[] }): { without: typeof body; every: typeof body } {
  const rng = new Random(2013);
  type Group = Record<string, number | null | undefined>;
  type Raw = { prior?: unknown; subgroups: Record<string, Group> };
  const schools = body.schools as Raw[];
  // Both as JSON.parse makes them (objects built by spreading have other shapes, slower to read),
  // and the file's own objects when it has no prior years.
  const without = schools.some((school) => school.prior)
    ? JSON.parse(JSON.stringify({ ...body, schools: schools.map(({ prior: _, ...rest }) => rest) }))
    : body;
  const moved = (group: Group): Group => {
    const out: Group = {};
    for (const [key, value] of Object.entries(group)) {
      if (typeof value !== "number") out[key] = value;
      else if (key === "n") out[key] = Math.max(0, Math.round(value * rng.uniform(0.85, 1.15)));
      else if (key === "growth") out[key] = Math.min(99, Math.max(1, Math.round(value + rng.uniform(-6, 6))));
      else out[key] = Math.min(100, Math.max(0, Math.round((value + rng.uniform(-6, 6)) * 10) / 10));
    }
    return out;
  };
  const every = {
    ...body,
    schools: schools.map((school) => ({
      ...school,
      prior: school.prior ?? {
        ...(body.year === undefined ? {} : { year: body.year - 1 }),
        subgroups: Object.fromEntries(Object.entries(school.subgroups).map(([g, r]) => [g, moved(r)])),
      },
    })),
  };
  return { without, every: JSON.parse(JSON.stringify(every)) };
}

// ---------------------------------------------------------------- timing

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Median wall times of each step, after one warm-up run of each (which lets the JIT settle). The
 * steps take turns, one run each per round, so a shared machine's load, which changes over a run,
 * weighs on every step alike and the ratios between them hold. With node's --expose-gc (npm run
 * bench passes it) the heap is collected before each run, so no step pays for another's garbage.
 */
async function timeInTurns(steps: { run: () => unknown; repeats?: number }[]): Promise<number[]> {
  for (const step of steps) await step.run();
  const samples: number[][] = steps.map(() => []);
  const rounds = Math.max(...steps.map((s) => s.repeats ?? REPEATS));
  for (let round = 0; round < rounds; round++) {
    for (const [i, step] of steps.entries()) {
      if (round >= (step.repeats ?? REPEATS)) continue;
      (globalThis as { gc?: () => void }).gc?.();
      const start = performance.now();
      await step.run();
      samples[i]!.push(performance.now() - start);
    }
  }
  return samples.map(median);
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
    r.toScoring === undefined ? "" : `${r.toScoring.toFixed(2)}×`,
    r.target,
    r.pass === null ? "" : r.pass ? "PASS" : "MISS",
  ]);
  const header = ["step", "median ms", "÷ JSON.parse", "÷ scoring", "target", "result"];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i >= 1 && i <= 3 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const c of cells) console.log(line(c));
}

async function main(): Promise<void> {
  console.log(`Node ${process.version} · ${cpus()[0]?.model ?? "unknown CPU"} (${cpus().length} threads)`);
  const text = await statewideText();
  const body = JSON.parse(text) as { schools: unknown[] };
  console.log(
    `input: ${STATEWIDE_JSON}, ${(text.length / 1e6).toFixed(1)} MB, ${body.schools.length.toLocaleString("en-US")} schools; medians of ${REPEATS} runs (sweep ${SWEEP_REPEATS}) after a warm-up, the steps taking turns\n`,
  );

  const variants = priorVariants(body);
  const { request, config } = expectOk(parseScoreRequest(variants.without), "the statewide request");
  const withPrior = expectOk(parseScoreRequest(variants.every), "the statewide request with a prior year for every school").request;
  const assessment = assessSchools(request.schools, config, request.year);
  const sweepBody = { ...body, scenarios: SWEEP_SCENARIOS };
  const sweepParsed = expectOk(parseScenariosRequest(sweepBody), "the scenario sweep");
  const stress = stressInput();
  /** Every piece of a response written out, as the Worker sends it; returns the characters written. */
  const write = (pieces: Iterable<string>) => {
    let length = 0;
    for (const piece of pieces) length += piece.length;
    return length;
  };

  const [parse, validate, score, scorePrior, partner, objects, written, writtenPrior, sweep, sweepWritten, sweepObjects, stressed] = (await timeInTurns([
    { run: () => JSON.parse(text) },
    { run: () => parseScoreRequest(variants.without) },
    // Scoring as the issue counts it: levels, index, flags, designations and summary, in numbers.
    {
      run: () => {
        const a = assessSchools(request.schools, config, request.year);
        return summarize(a);
      },
    },
    // The same with a prior year for every school: the prior scored too, colours counted (§13).
    {
      run: () => {
        const a = assessSchools(withPrior.schools, config, withPrior.year);
        return summarize(a);
      },
    },
    { run: () => partnershipsOf(assessment) },
    { run: () => evaluateSchools(request.schools, config, request.year) },
    { run: async () => write(jsonPieces(await scoreResponse(request, config))) },
    { run: async () => write(jsonPieces(await scoreResponse(withPrior, config))) },
    { run: () => scenariosResponse(sweepParsed), repeats: SWEEP_REPEATS },
    { run: async () => write(jsonPieces(await scenariosResponse(sweepParsed))), repeats: SWEEP_REPEATS },
    { run: () => runScenarios(sweepBody), repeats: SWEEP_REPEATS },
    { run: () => assignPartners(stress.needs, stress.rewards, { capacity: 2, minLevel: 7 }) },
  ])) as [number, number, number, number, number, number, number, number, number, number, number, number];

  printTable([
    { step: "JSON.parse (request text)", median: parse, ratio: 1, target: "reference", pass: null },
    { step: "validation (parseScoreRequest)", median: validate, ratio: validate / parse, target: "≤ 0.3 × JSON.parse", pass: validate <= 0.3 * parse },
    {
      step: "scoring (levels, index, flags, designations, summary)",
      median: score,
      ratio: score / parse,
      toScoring: 1,
      target: "≤ 1.0 × JSON.parse",
      pass: score <= parse,
    },
    {
      step: "scoring, a prior year for every school (§13)",
      median: scorePrior,
      ratio: scorePrior / parse,
      toScoring: scorePrior / score,
      target: "≤ 2 × scoring",
      pass: scorePrior <= 2 * score,
    },
    { step: "partnerships (partnershipsOf)", median: partner, ratio: partner / parse, target: "≤ 1 s", pass: partner <= 1000 },
    {
      step: "scoring + every result object (evaluateSchools)",
      median: objects,
      ratio: objects / parse,
      toScoring: objects / score,
      target: "none (reported)",
      pass: null,
    },
    {
      step: "whole /v1/score answer written as JSON pieces",
      median: written,
      ratio: written / parse,
      toScoring: written / score,
      target: "none (reported)",
      pass: null,
    },
    {
      step: "whole answer, a prior year for every school",
      median: writtenPrior,
      ratio: writtenPrior / parse,
      toScoring: writtenPrior / score,
      target: "none (reported)",
      pass: null,
    },
    {
      step: "10-scenario sweep (scenariosResponse)",
      median: sweep,
      ratio: sweep / parse,
      toScoring: sweep / score,
      target: "≤ 3 × scoring",
      pass: sweep <= 3 * score,
    },
    {
      step: "10-scenario sweep written as JSON pieces",
      median: sweepWritten,
      ratio: sweepWritten / parse,
      toScoring: sweepWritten / score,
      target: "none (reported)",
      pass: null,
    },
    {
      step: "10-scenario sweep as objects (runScenarios)",
      median: sweepObjects,
      ratio: sweepObjects / parse,
      toScoring: sweepObjects / score,
      target: "none (reported)",
      pass: null,
    },
    { step: "partner stress (500 × 300)", median: stressed, ratio: stressed / parse, target: "≤ 1 s", pass: stressed <= 1000 },
  ]);
  const pairs = partnershipsOf(assessment);
  const matched = assignPartners(stress.needs, stress.rewards, { capacity: 2, minLevel: 7 });
  console.log(
    `\nstatewide: ${assessment.scores.filter((x) => x !== null).length.toLocaleString("en-US")} scored, Title I pool ${assessment.poolSize}, ${pairs.pairs.length} partnerships (${pairs.unmatched.length} unmatched); stress: ${matched.pairs.length} of 500 matched`,
  );
  console.log(
    "scoring leaves the result objects to be made as the answer is written (the Worker writes them one school at a time);\n" +
      "'scoring + every result object' is what scoring cost when every result was held as an object.",
  );
}

await main();
