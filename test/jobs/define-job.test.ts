import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError } from "../../src/errors/index.js";
import { backoffDelay, defineJob } from "../../src/jobs/define-job.js";
import { JobQueue } from "../../src/jobs/job-queue.js";

const schemas = { input: z.object({}), output: z.object({}), handler: () => ({}) };

describe("defineJob", () => {
  it("defaults to 3 attempts with exponential back-off from 1 s", () => {
    const job = defineJob("report", schemas);
    expect(job.attempts).toBe(3);
    expect([1, 2, 3].map((attempt) => backoffDelay(job, attempt))).toEqual([1000, 2000, 4000]);
    const fixed = defineJob("fixed", { ...schemas, backoff: { type: "fixed", delay: 250 } });
    expect([1, 2, 3].map((attempt) => backoffDelay(fixed, attempt))).toEqual([250, 250, 250]);
  });

  it("names the job and the fix when a name or attempt count is invalid", () => {
    expect(() => defineJob("has space", schemas)).toThrow(
      expect.objectContaining({
        code: "E_JOB_CONFIG",
        message: expect.stringContaining("has space"),
      }),
    );
    expect(() => defineJob("zero", { ...schemas, attempts: 0 })).toThrow(ConfigError);
  });
});

describe("JobQueue options", () => {
  it("refuses a path and a Redis URL together, and non-positive limits", () => {
    expect(() => new JobQueue({ path: "a.db", redis: "redis://127.0.0.1" })).toThrow(
      /\[E_JOB_CONFIG\] new JobQueue\(\): `path` \(SQLite\) and `redis` \(BullMQ\)/,
    );
    expect(() => new JobQueue({ maxQueued: 0 })).toThrow(/maxQueued must be a positive number/);
  });

  it("refuses a worker that knows no job, and two jobs sharing a name", async () => {
    const queue = new JobQueue({ path: ":memory:" });
    expect(() => queue.work()).toThrow(/knows no job/);
    expect(() => queue.work({ jobs: [defineJob("a", schemas)], concurrency: 0 })).toThrow(
      /concurrency must be an integer >= 1/,
    );
    expect(() => queue.work({ jobs: [defineJob("b", schemas), defineJob("b", schemas)] })).toThrow(
      /two different jobs share this name/,
    );
    await queue.close();
  });
});
