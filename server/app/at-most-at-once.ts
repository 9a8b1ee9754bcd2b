// Runs `task` on every item, at most `limit` at a time, started in the items' order; resolves when all are
// done. At the first failure it rejects at once (as Promise.all does); the other lanes go on with the items
// left, the failed lane stops.
export async function atMostAtOnce<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.max(0, Math.min(limit, items.length)) }, lane));
}
