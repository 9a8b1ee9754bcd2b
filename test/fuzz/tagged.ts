// The tag every generated input carries: what the server must do with it and how it was made. Shared by
// the arbitraries (which set it) and the runner (which judges answers against it), so it lives apart
// from both.
export type Expect = "valid" | "pii" | "any";
export interface Tagged<T = unknown> {
  value: T;
  expect: Expect;
  /** What was done to it, for the failure report. */
  how: string;
}
