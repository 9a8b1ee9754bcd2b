// Quantiles of a count with a given mean and variance: Poisson when the variance does not exceed the mean,
// otherwise the negative binomial with those two moments (the Gamma–Poisson mixture the arrival model is).

/** The smallest count k with P(N ≤ k) ≥ p. */
export function countQuantile(mean: number, variance: number, p: number): number {
  if (!(mean > 0)) return 0;
  const sd = Math.sqrt(Math.max(variance, mean));
  const limit = Math.ceil(mean + 12 * sd + 10);
  const overdispersed = variance > mean * (1 + 1e-9);
  // Negative binomial with r = mean² / (variance − mean) and success probability q = r / (r + mean).
  const r = overdispersed ? (mean * mean) / (variance - mean) : Infinity;
  const logP0 = overdispersed ? r * Math.log(r / (r + mean)) : -mean;
  if (logP0 < -700) return normalQuantile(mean, sd, p);
  let pk = Math.exp(logP0);
  let cumulative = pk;
  let k = 0;
  while (cumulative < p && k < limit) {
    pk = overdispersed ? (pk * (k + r) * (mean / (r + mean))) / (k + 1) : (pk * mean) / (k + 1);
    k += 1;
    cumulative += pk;
  }
  return k;
}

/** Very large counts only (the pmf at 0 underflows): the normal approximation, rounded up. */
function normalQuantile(mean: number, sd: number, p: number): number {
  return Math.max(0, Math.ceil(mean + sd * probit(p) - 0.5));
}

/** Inverse standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
export function probit(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const poly = (k: number[], x: number) => k.reduce((acc, v) => acc * x + v, 0);
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - 0.02425) return -probit(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}
