// §3 and §12: from an indicator value to an index level 1–10, its band, and the change needed for
// the next levels. Cut points are rounded once per config, values once per comparison.

import type { Config } from "../contract/requests.js";
import { type Band, INDICATOR_INFO, INDICATORS, type Indicator } from "../core/model.js";
import { round6 } from "../core/numbers.js";

export interface Scale {
  /** Nine ascending cut points, already rounded to 6 decimals (a typed array: the hot loop reads it). */
  cuts: Float64Array;
  higherIsBetter: boolean;
  /** For spedIdentification: the reference the distance is taken from. */
  reference: number | null;
}

export type Scales = Record<Indicator, Scale>;

export function scalesFor(config: Config): Scales {
  const scales = {} as Scales;
  for (const code of INDICATORS) {
    const better = INDICATOR_INFO[code].better;
    scales[code] = {
      cuts: Float64Array.from(config.cutPoints[code], round6),
      higherIsBetter: better === "higher",
      reference: better === "closer" ? config.spedReference : null,
    };
  }
  return scales;
}

/** The value as it meets the cut points: spedIdentification becomes |rate − reference|. */
export function comparable(scale: Scale, value: number): number {
  return round6(scale.reference === null ? value : Math.abs(value - scale.reference));
}

/** Higher is better: 1 + #{k : v ≥ c_k}; lower is better: 1 + #{k : v ≤ c_k}. */
export function levelOf(scale: Scale, value: number): number {
  const v = comparable(scale, value);
  const cuts = scale.cuts;
  // Cut points ascend, so counting stops at the first one that fails.
  if (scale.higherIsBetter) {
    let k = 0;
    while (k < 9 && v >= cuts[k]!) k++;
    return 1 + k;
  }
  let k = 9;
  while (k > 0 && v <= cuts[k - 1]!) k--;
  return 10 - k;
}

/**
 * Signed change of the compared value that reaches levels L+1, L+2, L+3 (null past 10).
 * Higher is better: c_{L+j−1} − v; lower is better: c_{10−L−j+1} − v (1-based cut indices).
 * For spedIdentification the value is the distance from the reference, so the change is in distance.
 */
export function changeNeeded(scale: Scale, value: number, level: number): [number | null, number | null, number | null] {
  const v = comparable(scale, value);
  const out: [number | null, number | null, number | null] = [null, null, null];
  for (let j = 1; j <= 3 && level + j <= 10; j++) {
    const k = scale.higherIsBetter ? level + j - 1 : 10 - level - j + 1;
    out[j - 1] = round6(scale.cuts[k - 1]! - v);
  }
  return out;
}

/** Below average 1–3, average 4–7, above average 8–10 (for a whole level). */
export function bandOf(level: number): Band {
  if (level <= 3) return "belowAverage";
  if (level <= 7) return "average";
  return "aboveAverage";
}
