// A rollup worker that dies on its first job (rollup-runner.test.ts): the runner must fail that job, say
// so, and start a new worker for the retry instead of waiting for an answer that never comes.
import { parentPort } from "node:worker_threads";

parentPort?.on("message", () => {
  process.exit(3);
});
