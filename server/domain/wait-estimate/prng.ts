// A seeded generator for the wait estimates' Monte Carlo. The domain reads no randomness (ESLint), so
// the estimate is reproducible: the same facts, configuration and time give the same bands — which a
// queue screen needs (a band must not flicker between two refreshes with nothing changed).

/** FNV-1a over the text: a stable 32-bit seed from a key such as the hall id and the time. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small and well mixed; uniform draws in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
