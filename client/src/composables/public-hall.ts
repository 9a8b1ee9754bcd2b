// The public page's address, and whether a hall has opted in (its anonymous public API answers 200; the
// poster page asks). The wall learns it from its display feed's hall summary instead.

/** The citizens' page of a hall (issue #10). Kept apart from qr-matrix.ts so the wall loads qrcode only when needed. */
export function publicPageUrl(origin: string, hallId: string): string {
  return `${origin}/public/${encodeURIComponent(hallId)}`;
}

export async function hallIsPublic(hallId: string): Promise<boolean> {
  try {
    const res = await fetch(`/api/public/halls/${encodeURIComponent(hallId)}`, { headers: { accept: "application/json" } });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}
