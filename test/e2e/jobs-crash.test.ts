import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { busy, finalRecords, submitter } from "./job-crash-helpers.js";
import { type JobProcess, seeded, startProcess } from "./job-processes.js";
import { expectOnlyInFlightRerun } from "./job-runs.js";

const SEED = Number(process.env.JOBS_CRASH_SEED ?? Date.now() % 100_000);
let dir: string;
const started: JobProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tailor-jobs-crash-"));
});
afterAll(async () => {
  await Promise.all(started.map((process) => process.kill()));
  rmSync(dir, { recursive: true, force: true });
});

async function start(args: string[], env: Record<string, string>) {
  const process = await startProcess(args, env);
  started.push(process);
  return process;
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
});
