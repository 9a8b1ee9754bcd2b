// The wall page's own work during the event-to-wall run, from Chromium's cumulative main-thread metrics
// (CDP Performance.getMetrics: all tasks, script, style, layout): the page shares the benchmark box's
// cores with the server, so what it costs is part of reading the run (issue #8). With
// BENCH_WALL_PROFILE=<dir> a CPU profile of the page is written there too.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";

interface RendererMetrics {
  task: number;
  script: number;
  style: number;
  layout: number;
}

type Cdp = { send(method: string, params?: object): Promise<unknown> };

/** Chromium's cumulative seconds of the page's main-thread work. */
async function rendererMetrics(cdp: Cdp): Promise<RendererMetrics> {
  const { metrics } = (await cdp.send("Performance.getMetrics")) as { metrics: { name: string; value: number }[] };
  const v = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return { task: v("TaskDuration"), script: v("ScriptDuration"), style: v("RecalcStyleDuration"), layout: v("LayoutDuration") };
}

/** Starts watching; `report(seconds)` says each kind of work's share of the run's wall-clock time. */
export async function watchWallWork(page: Page): Promise<{ report(elapsedSeconds: number): Promise<string> }> {
  const cdp = (await page.context().newCDPSession(page)) as unknown as Cdp;
  await cdp.send("Performance.enable");
  const start = await rendererMetrics(cdp);
  const profileDir = process.env.BENCH_WALL_PROFILE;
  if (profileDir) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.start");
  }
  return {
    async report(elapsedSeconds) {
      const end = await rendererMetrics(cdp);
      const share = (k: keyof RendererMetrics) => `${(((end[k] - start[k]) / elapsedSeconds) * 100).toFixed(0)}%`;
      let line = `wall page, Chromium renderer main thread (share of the run): tasks ${share("task")}, script ${share("script")}, style ${share("style")}, layout ${share("layout")}`;
      if (profileDir) {
        const { profile } = (await cdp.send("Profiler.stop")) as { profile: unknown };
        fs.mkdirSync(profileDir, { recursive: true });
        const file = path.join(profileDir, `wall-${Date.now()}.cpuprofile`);
        fs.writeFileSync(file, JSON.stringify(profile));
        line += `; CPU profile ${file}`;
      }
      return line;
    },
  };
}
