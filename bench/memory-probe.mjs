/*
 * Preloaded into the app server by `bench/memory-profile.ts` only (`--import`, through
 * NODE_OPTIONS); nothing in the app imports it and it opens no port. On SIGUSR2 it writes
 * the process's own view of its memory — before and after a full GC — to
 * `<LOUPE_BENCH_MEMORY_PROBE>.<pid>.json`, where the profiler reads it.
 */
import { writeFileSync } from "node:fs";
import v8 from "node:v8";
import vm from "node:vm";

const prefix = process.env.LOUPE_BENCH_MEMORY_PROBE;
if (prefix) {
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc");
  const mb = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;
  const usage = () => {
    const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
    return { rss: mb(rss), heapTotal: mb(heapTotal), heapUsed: mb(heapUsed), external: mb(external), arrayBuffers: mb(arrayBuffers) };
  };
  process.on("SIGUSR2", () => {
    const before = usage();
    gc();
    const after = usage();
    const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, mb(s.space_used_size)]));
    writeFileSync(`${prefix}.${process.pid}.json`, JSON.stringify({ at: Date.now(), before, afterGc: after, spaces }));
  });
}
