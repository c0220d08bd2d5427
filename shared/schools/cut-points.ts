// §3 norm cut points: deciles of a reference year's school ALL values, by the nearest-rank method,
// ready to paste into `config.cutPoints` so later years are scored against a frozen base year.

import { parseRequest } from "../contract/parse.js";
import { type Config, CutPointsRequestSchema, type School } from "../contract/requests.js";
import type { CutPointsResponse } from "../contract/responses.js";
import { INDICATOR_INFO, INDICATORS, METHODOLOGY_VERSION } from "../core/model.js";
import { round6 } from "../core/numbers.js";
import type { Parsed } from "../core/problems.js";

export const MIN_NORM_SCHOOLS = 10;

/** One value per school: its ALL value (spedIdentification: distance from the reference) when ALL.n ≥ minN. */
export function normCutPoints(schools: readonly School[], config: Config): CutPointsResponse {
  const out: CutPointsResponse = { methodologyVersion: METHODOLOGY_VERSION, cutPoints: {}, counts: {}, skipped: {} };
  for (const code of INDICATORS) {
    const values: number[] = [];
    for (const school of schools) {
      const all = school.subgroups.ALL;
      const value = all[code];
      if (value == null || all.n < config.minN) continue;
      values.push(INDICATOR_INFO[code].better === "closer" ? round6(Math.abs(value - config.spedReference)) : value);
    }
    out.counts[code] = values.length;
    if (values.length < MIN_NORM_SCHOOLS) {
      out.skipped[code] = `only ${values.length} schools have an All Students value with n ≥ ${config.minN}; at least ${MIN_NORM_SCHOOLS} are needed`;
      continue;
    }
    values.sort((a, b) => a - b);
    const N = values.length;
    // k × N is a whole number, so k × N / 10 is exact enough for ceil: no 9-decimal guard needed.
    out.cutPoints[code] = Array.from({ length: 9 }, (_, i) => values[Math.ceil(((i + 1) * N) / 10) - 1]!);
  }
  return out;
}

/** Parse and compute: the whole of `POST /v1/cut-points`. */
export function cutPointsRequest(body: unknown): Parsed<CutPointsResponse> {
  const parsed = parseRequest(CutPointsRequestSchema, body);
  if (!parsed.ok) return parsed;
  return { ok: true, value: normCutPoints(parsed.value.request.schools, parsed.value.config) };
}
