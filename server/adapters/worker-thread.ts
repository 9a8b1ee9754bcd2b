// Starts a worker thread from a module next to the caller. The built server runs the .js file directly;
// from the sources (tsx: development and tests) the worker first registers tsx's loader itself, because
// a worker does not inherit the parent's loader hooks.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

/** `moduleUrl`: the worker module's URL without extension, e.g. new URL("./rollup-worker", import.meta.url). */
export function startModuleWorker(callerUrl: string, moduleUrl: URL, workerData: unknown): Worker {
  if (!callerUrl.endsWith(".ts")) return new Worker(new URL(`${moduleUrl.href}.js`), { workerData });
  const require = createRequire(callerUrl);
  const tsx = pathToFileURL(require.resolve("tsx/package.json").replace(/package\.json$/, "dist/esm/api/index.mjs")).href;
  const target = `${moduleUrl.href}.ts`;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}
