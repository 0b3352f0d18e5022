/**
 * Job queue throughput and enqueue latency, embedded (SQLite) and Redis (BullMQ).
 *   npx tsx bench/jobs/run.ts [--jobs 2000] [--concurrency 16]
 * Starts its own redis-server on a loopback port (Debian's package).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { defineJob, JobQueue } from "../../src/index.js";
import { startRedis } from "../../test/jobs/redis-server.js";

const { values } = parseArgs({
  options: {
    jobs: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "16" },
  },
});
const JOBS = Number(values.jobs);
const CONCURRENCY = Number(values.concurrency);

const noop = defineJob("noop", {
  input: z.object({ n: z.number().int() }),
  output: z.object({ n: z.number().int() }),
  handler: ({ n }) => ({ n }),
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(label: string, queue: JobQueue) {
  await queue.pending(); // opens the backend outside the clock
  const latencies: number[] = [];
  const enqueueStart = performance.now();
  for (let n = 0; n < JOBS; n += 1) {
    const start = performance.now();
    await queue.enqueue(noop, { n });
    latencies.push(performance.now() - start);
  }
  const enqueueMs = performance.now() - enqueueStart;
  latencies.sort((a, b) => a - b);

  const runStart = performance.now();
  const worker = queue.work({ concurrency: CONCURRENCY, jobs: [noop] });
  while ((await queue.pending()) > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  const runMs = performance.now() - runStart;
  await worker.close();
  return {
    label,
    enqueuePerSecond: Math.round((JOBS / enqueueMs) * 1000),
    p50: percentile(latencies, 50).toFixed(3),
    p99: percentile(latencies, 99).toFixed(3),
    runPerSecond: Math.round((JOBS / runMs) * 1000),
  };
}

const dir = mkdtempSync(join(tmpdir(), "tailor-bench-jobs-"));
const redis = await startRedis();
try {
  const rows = [];
  const sqlite = new JobQueue({ path: join(dir, "jobs.db"), pollInterval: 5 });
  rows.push(await measure("SQLite (WAL, synchronous=FULL), embedded", sqlite));
  await sqlite.close();
  const normal = new JobQueue({
    path: join(dir, "normal.db"),
    pollInterval: 5,
    synchronous: "normal",
  });
  rows.push(await measure('SQLite (WAL, synchronous: "normal"), embedded', normal));
  await normal.close();
  const bull = new JobQueue({ redis: redis.url, name: "bench" });
  rows.push(await measure("Redis 7 + BullMQ, same process", bull));
  await bull.close();

  console.log(`${JOBS} no-op jobs, worker concurrency ${CONCURRENCY}; Node ${process.version};`);
  console.log(`${cpus().length} × ${cpus()[0]?.model}, load average ${loadavg()[0]!.toFixed(2)}`);
  console.log("");
  console.log(
    "| backend | enqueue/s (sequential awaits) | enqueue p50 ms | enqueue p99 ms | run jobs/s |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const row of rows) {
    console.log(
      `| ${row.label} | ${row.enqueuePerSecond} | ${row.p50} | ${row.p99} | ${row.runPerSecond} |`,
    );
  }
} finally {
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
}
