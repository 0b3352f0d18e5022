import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RedisServer, startRedis } from "../jobs/redis-server.js";
import { busy, crashRun, finalRecords, SEED, submitter } from "./job-crash-helpers.js";
import { seeded } from "./job-processes.js";
import { expectOnlyInFlightRerun } from "./job-runs.js";

const run = crashRun();
let redis: RedisServer;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

describe(`kill -9 while jobs are submitted and run (seed ${SEED})`, () => {
  it("Redis: a killed worker's jobs run again on the next worker, none is lost", async () => {
    const random = seeded(SEED + 1);
    const log = run.file("redis.log");
    writeFileSync(log, "");
    const env = { REDIS_URL: redis.url, QUEUE_NAME: "crash", JOB_LOG: log, LEASE_MS: "800" };
    const api = await run.start(["api"], env);
    let worker = await run.start(["worker"], env);
    // the API never stops here, so two lanes already queue more than the workers run during restarts
    const submissions = submitter(() => api.port, random, 2);
    for (let round = 0; round < 3; round += 1) {
      await busy(log);
      await new Promise((resolve) => setTimeout(resolve, random() * 400));
      await worker.kill();
      appendFileSync(log, `kill ${round}\n`);
      worker = await run.start(["worker"], env);
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
