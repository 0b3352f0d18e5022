import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RedisServer, startRedis } from "../jobs/redis-server.js";
import { type JobProcess, postJson, seeded, startProcess, waitFinal } from "./job-processes.js";
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

/**
 * Keeps `lanes` submissions in flight against whatever port `target()` names; a 202 is an
 * acknowledgement, a refused or broken connection is not.
 */
function submitter(target: () => number, random: () => number, lanes = 4) {
  const acked: string[] = [];
  let running = true;
  const lane = async () => {
    while (running) {
      const ms = 20 + Math.floor(random() * 80);
      try {
        const response = await postJson(`http://127.0.0.1:${target()}/durable-probes`, { ms });
        if (response.status === 202) acked.push(((await response.json()) as { id: string }).id);
        // about 12 submissions a second per lane: the workers keep up, so the test ends soon after
        await new Promise((resolve) => setTimeout(resolve, 80));
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 20)); // the server is down
      }
    }
  };
  const inFlight = Array.from({ length: lanes }, lane);
  return {
    acked,
    stop: async () => {
      running = false;
      await Promise.all(inFlight);
    },
  };
}

/** waits until a job has started since the last kill, so the next kill finds work in flight */
async function busy(log: string): Promise<void> {
  for (;;) {
    const text = readFileSync(log, "utf8");
    const sinceKill = text.slice(text.lastIndexOf("kill ") + 1);
    if (/^start /m.test(sinceKill)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function finalRecords(port: number, ids: string[]) {
  const records = new Map<string, { status: string; attempts: number }>();
  for (const id of ids) {
    records.set(id, (await waitFinal(`http://127.0.0.1:${port}/durable-probes/${id}`)) as never);
  }
  return records;
}

describe(`kill -9 while jobs are submitted and run (seed ${SEED})`, () => {
  it("SQLite: loses no acknowledged job and re-runs only those in flight", async () => {
    const random = seeded(SEED);
    const log = join(dir, "sqlite.log");
    writeFileSync(log, "");
    const env = { JOBS_DB: join(dir, "jobs.db"), JOB_LOG: log, LEASE_MS: "600" };
    let server = await start(["both"], env);
    const submissions = submitter(() => server.port, random);
    for (let round = 0; round < 3; round += 1) {
      await busy(log);
      await new Promise((resolve) => setTimeout(resolve, random() * 400));
      await server.kill();
      appendFileSync(log, `kill ${round}\n`); // after the process is gone: no run can follow it unseen
      server = await start(["both"], env);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    await submissions.stop();
    expect(submissions.acked.length).toBeGreaterThan(10);
    const records = await finalRecords(server.port, submissions.acked);
    const { kills, reruns } = expectOnlyInFlightRerun(readFileSync(log, "utf8"), records);
    expect(kills).toBe(3);
    console.log(`sqlite: ${records.size} acknowledged jobs, ${reruns} re-runs after 3 kills`);
  }, 90_000);

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
