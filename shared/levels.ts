// §3 and §12: from an indicator value to an index level 1–10, its band, and the change needed for
// the next levels. Cut points are rounded once per config, values once per comparison.
import { type Band, INDICATORS, INDICATOR_INFO, type Indicator } from "./model.js";
import { round6 } from "./numbers.js";
import type { Config } from "./schemas.js";

export interface Scale {
  /** Nine ascending cut points, already rounded to 6 decimals. */
  cuts: readonly number[];
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
      cuts: config.cutPoints[code].map(round6),
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
  const { cuts } = scale;
  let level = 1;
  if (scale.higherIsBetter) {
    for (let k = 0; k < cuts.length; k++) if (v >= cuts[k]!) level++;
  } else {
    for (let k = 0; k < cuts.length; k++) if (v <= cuts[k]!) level++;
  }
  return level;
}

/**
 * Signed change of the compared value that reaches levels L+1, L+2, L+3 (null past 10).
 * Higher is better: c_{L+j−1} − v; lower is better: c_{10−L−j+1} − v (1-based cut indices).
 * For spedIdentification the value is the distance from the reference, so the change is in distance.
 */
export function changeNeeded(scale: Scale, value: number, level: number): [number | null, number | null, number | null] {
  const v = comparable(scale, value);
  const step = (j: number): number | null => {
    if (level + j > 10) return null;
    const k = scale.higherIsBetter ? level + j - 1 : 10 - level - j + 1;
    return round6(scale.cuts[k - 1]! - v);
  };
  return [step(1), step(2), step(3)];
}

/** Below average 1–3, average 4–7, above average 8–10 (for a whole level). */
export function bandOf(level: number): Band {
  if (level <= 3) return "belowAverage";
  if (level <= 7) return "average";
  return "aboveAverage";
}
