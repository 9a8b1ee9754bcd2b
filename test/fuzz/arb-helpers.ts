// Small combinators used by several input families: optional fields, dropping the ones left out, and
// picking from a list by a generated number (so the choice stays part of the seed's sample).
import fc from "fast-check";

export const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });
export const dropUndefined = (o: Record<string, unknown>) => {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
};
export const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;
