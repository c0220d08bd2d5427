// Number rules of §12: comparisons at 6 decimals, pool counts at 9, output rounding half away from zero.

/** Rounds half away from zero to `digits` decimals (Math.round rounds -2.5 to -2). */
export function roundHalfAway(x: number, digits: number): number {
  const f = 10 ** digits;
  const scaled = Math.abs(x) * f;
  // The tiny nudge keeps 0.15 (stored as 0.1499999…) rounding to 0.2 as a person expects.
  const r = Math.round(scaled + scaled * Number.EPSILON) / f;
  // Never −0: a change of −0.04 is reported as 0.
  return x < 0 ? -r || 0 : r;
}

/** A value as compared against cut points, targets and floors (§12 floating point). Hot path: kept lean. */
export function round6(x: number): number {
  const scaled = x * 1e6;
  return (scaled < 0 ? -Math.round(-scaled) : Math.round(scaled)) / 1e6;
}

/** ceil(p × N) with p × N rounded to 9 decimals first, so 0.05 × 20 is 1, not 2. */
export function ceilShare(p: number, n: number): number {
  return Math.ceil(roundHalfAway(p * n, 9));
}
