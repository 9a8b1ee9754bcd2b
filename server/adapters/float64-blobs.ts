// Waits are kept as blobs of float64 milliseconds (the machine's byte order; both stores and every reader
// run on little-endian x86/ARM) and read back as typed arrays without a per-value conversion.
export const float64Blob = (values: ArrayLike<number>): Buffer => Buffer.from(Float64Array.from(values).buffer);

/** A typed view over a copy of a float64 blob (the copy is aligned for Float64Array). */
export const float64s = (b: Buffer): Float64Array => new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

/** A day wait group as stored (waits and hours as blobs) made readable. */
export const dayWaitGroup = <G extends { waits: Buffer; hours: Buffer }>(g: G): Omit<G, "waits" | "hours"> & { waits: Float64Array; hours: Uint8Array } => ({
  ...g,
  waits: float64s(g.waits),
  hours: new Uint8Array(g.hours),
});

/** A month wait group as stored (waits, hours and days of the month as blobs) made readable. */
export const monthWaitGroup = <G extends { waits: Buffer; hours: Buffer; days: Buffer }>(g: G): Omit<G, "waits" | "hours" | "days"> & { waits: Float64Array; hours: Uint8Array; days: Uint8Array } => ({
  ...g,
  waits: float64s(g.waits),
  hours: new Uint8Array(g.hours),
  days: new Uint8Array(g.days),
});
