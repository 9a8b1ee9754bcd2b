// Batching and resend pacing shared by the socket client and the HTTP fallback.

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Exponential backoff with jitter, so clients that failed together do not all retry together. */
export function backoffMs(attempt: number, base: number, max: number): number {
  const exp = Math.min(max, base * 2 ** Math.min(attempt - 1, 20));
  return exp * (0.5 + Math.random() * 0.5);
}
