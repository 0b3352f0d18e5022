/**
 * POST → 202 through mountJob's routes on a real server: requests/s and latency of submitting a
 * job over HTTP, embedded (SQLite) and Redis (BullMQ), no worker running.
 *   npx tsx bench/jobs/http.ts [--seconds 5] [--connections 10]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createApp } from "../../examples/jobs/app.js";
import { JobQueue, serve } from "../../src/index.js";
import { startRedis } from "../../test/jobs/redis-server.js";

interface LoadResult {
  "2xx": number;
  non2xx: number;
  latency: { p50: number; p99: number };
}
// autocannon ships no type declarations: only the fields read here are typed
const autocannon = createRequire(import.meta.url)("autocannon") as (
  options: Record<string, unknown>,
) => Promise<LoadResult>;

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    connections: { type: "string", default: "10" },
  },
});

const body = JSON.stringify({ documents: [{ id: "a", text: "one two three" }] });

async function measure(label: string, queue: JobQueue) {
  const server = await serve(createApp(queue), { port: 0 });
  try {
    const result = await autocannon({
      url: `${server.url}/ingestions`,
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      duration: Number(values.seconds),
      connections: Number(values.connections),
    });
    const accepted = result["2xx"];
    return `| ${label} | ${Math.round(accepted / Number(values.seconds))} | ${result.latency.p50} | ${result.latency.p99} | ${result.non2xx} |`;
  } finally {
    await server.close();
    await queue.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), "tailor-bench-jobs-http-"));
const redis = await startRedis();
try {
  const rows = [
    await measure("SQLite, synchronous=FULL", new JobQueue({ path: join(dir, "full.db") })),
    await measure(
      'SQLite, synchronous: "normal"',
      new JobQueue({ path: join(dir, "normal.db"), synchronous: "normal" }),
    ),
    await measure("Redis + BullMQ", new JobQueue({ redis: redis.url, name: "bench-http" })),
  ];
  console.log(`${values.connections} connections, ${values.seconds} s each, no worker running`);
  console.log("| backend | 202/s | p50 ms | p99 ms | non-2xx |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const row of rows) console.log(row);
} finally {
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
}
