// The fake API's answers (test support for the admin pages): a status with a JSON body or with text (the
// CSV exports), and the contract's error body { error: { code, message, field? } }. Used by tests only.

export interface Reply {
  status: number;
  body?: unknown;
  /** A reply that is not JSON (the CSV export). */
  text?: string;
  type?: string;
}

export const error = (status: number, code: string, message: string, field?: string): Reply => ({ status, body: { error: { code, message, ...(field ? { field } : {}) } } });
