// Whether DATABASE_URL names PostgreSQL (issue #11). Apart from pool.ts so that a SQLite server can ask
// without loading the pg driver: the PostgreSQL storage is imported only when the URL asks for it.
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}
