import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RedisServer, startRedis } from "../jobs/redis-server.js";
import { busy, finalRecords, submitter } from "./job-crash-helpers.js";
import { type JobProcess, seeded, startProcess } from "./job-processes.js";
import { expectOnlyInFlightRerun } from "./job-runs.js";

const SEED = Number(process.env.JOBS_CRASH_SEED ?? Date.now() % 100_000);
let dir: string;
let redis: RedisServer;
const started: JobProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tailor-jobs-crash-"));
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(started.map((process) => process.kill()));
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function start(args: string[], env: Record<string, string>) {
  const process = await startProcess(args, env);
  started.push(process);
  return process;
}

describe(`kill -9 while jobs are submitted and run (seed ${SEED})`, () => {
  it("Redis: a killed worker's jobs run again on the next worker, none is lost", async () => {
    const random = seeded(SEED + 1);
    const log = join(dir, "redis.log");
    writeFileSync(log, "");
    const env = { REDIS_URL: redis.url, QUEUE_NAME: "crash", JOB_LOG: log, LEASE_MS: "800" };
    const api = await start(["api"], env);
    let worker = await start(["worker"], env);
    // the API never stops here, so two lanes already queue more than the workers run during restarts
    const submissions = submitter(() => api.port, random, 2);
    for (let round = 0; round < 3; round += 1) {
      await busy(log);
      await new Promise((resolve) => setTimeout(resolve, random() * 400));
      await worker.kill();
      appendFileSync(log, `kill ${round}\n`);
      worker = await start(["worker"], env);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    await submissions.stop();
    expect(submissions.acked.length).toBeGreaterThan(10);
    const records = await finalRecords(api.port, submissions.acked);
    const { kills, reruns } = expectOnlyInFlightRerun(readFileSync(log, "utf8"), records);
    expect(kills).toBe(3);
    console.log(`redis: ${records.size} acknowledged jobs, ${reruns} re-runs after 3 kills`);
  }, 90_000);
});
