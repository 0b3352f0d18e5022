import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { busy, crashRun, finalRecords, SEED, submitter } from "./job-crash-helpers.js";
import { seeded } from "./job-processes.js";
import { expectOnlyInFlightRerun } from "./job-runs.js";

const run = crashRun();

describe(`kill -9 while jobs are submitted and run (seed ${SEED})`, () => {
  it("SQLite: loses no acknowledged job and re-runs only those in flight", async () => {
    const random = seeded(SEED);
    const log = run.file("sqlite.log");
    writeFileSync(log, "");
    const env = { JOBS_DB: run.file("jobs.db"), JOB_LOG: log, LEASE_MS: "600" };
    let server = await run.start(["both"], env);
    const submissions = submitter(() => server.port, random);
    for (let round = 0; round < 3; round += 1) {
      await busy(log);
      await new Promise((resolve) => setTimeout(resolve, random() * 400));
      await server.kill();
      appendFileSync(log, `kill ${round}\n`); // after the process is gone: no run can follow it unseen
      server = await run.start(["both"], env);
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
