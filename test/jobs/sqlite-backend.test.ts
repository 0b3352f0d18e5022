import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { RequestValidationError } from "../../src/errors/index.js";
import { defineJob } from "../../src/jobs/define-job.js";
import { QueueFullError } from "../../src/jobs/errors.js";
import { JobQueue } from "../../src/jobs/job-queue.js";
import { SqliteJobStore } from "../../src/jobs/sqlite-store.js";
import type { JobRecord } from "../../src/jobs/types.js";

let dir: string;
const queues: JobQueue[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "tailor-jobs-"));
});
afterEach(async () => {
  await Promise.all(queues.splice(0).map((queue) => queue.close()));
  rmSync(dir, { recursive: true, force: true });
});

function open(options: ConstructorParameters<typeof JobQueue>[0] = {}): JobQueue {
  const queue = new JobQueue({ path: join(dir, "jobs.db"), pollInterval: 20, ...options });
  queues.push(queue);
  return queue;
}

async function until(queue: JobQueue, id: string, status: JobRecord["status"]): Promise<JobRecord> {
  for await (const event of queue.events(id)) if (event.status === status) return event;
  const record = await queue.get(id);
  throw new Error(`job ${id} ended as ${record?.status}, not ${status}`);
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const Sum = defineJob("sum", {
  input: z.object({ numbers: z.array(z.number()).min(1) }),
  output: z.object({ total: z.number() }),
  handler: async ({ numbers }, { progress }) => {
    await progress(0.5);
    return { total: numbers.reduce((a, b) => a + b, 0) };
  },
});

describe("the embedded SQLite job queue", () => {
  it("runs an enqueued job and reports queued, running, progress and done in order", async () => {
    const seenRunning = deferred();
    const gated = defineJob("gated-sum", {
      input: z.object({ numbers: z.array(z.number()).min(1) }),
      output: z.object({ total: z.number() }),
      handler: async ({ numbers }, { progress }) => {
        await progress(0.5);
        await seenRunning.promise; // a reader sees the latest state, so hold it until read
        return { total: numbers.reduce((a, b) => a + b, 0) };
      },
    });
    const queue = open();
    const { id, status, created } = await queue.enqueue(gated, { numbers: [1, 2, 3] });
    expect({ status, created }).toEqual({ status: "queued", created: true });
    const seen: string[] = [];
    const events = (async () => {
      for await (const event of queue.events(id)) {
        seen.push(`${event.status}:${event.progress}`);
        if (event.status === "running" && event.progress === 0.5) seenRunning.resolve();
      }
    })();
    queue.work({ concurrency: 2 });
    await events;
    expect(seen[0]).toBe("queued:null");
    expect(seen).toContain("running:0.5");
    expect(seen.at(-1)).toBe("done:0.5");
    expect(await queue.get(id)).toEqual({
      id,
      name: "gated-sum",
      status: "done",
      attempts: 1,
      progress: 0.5,
      result: { total: 6 },
      error: null,
    });
  });

  it('keeps jobs with synchronous: "normal" across a reopen too', async () => {
    const first = open({ synchronous: "normal" });
    const { id } = await first.enqueue(Sum, { numbers: [2, 2] });
    await first.close();
    const second = open({ synchronous: "normal" });
    second.work({ jobs: [Sum] });
    expect((await until(second, id, "done")).result).toEqual({ total: 4 });
  });

  it("answers null for an unknown id", async () => {
    const queue = open();
    expect(await queue.get("nope")).toBeNull();
    expect(await queue.cancel("nope")).toBeNull();
  });

  it("rejects invalid input with FastAPI's error entries and stores nothing", async () => {
    const queue = open();
    const error = await queue.enqueue(Sum, { numbers: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).errors[0]).toMatchObject({
      type: "too_short",
      loc: ["input", "numbers"],
    });
    expect(await queue.pending()).toBe(0);
  });

  it("returns the first job for a repeated idempotency key, per job name", async () => {
    const queue = open();
    const first = await queue.enqueue(Sum, { numbers: [1] }, { idempotencyKey: "k1" });
    const again = await queue.enqueue(Sum, { numbers: [2] }, { idempotencyKey: "k1" });
    const other = await queue.enqueue(Sum, { numbers: [1] }, { idempotencyKey: "k2" });
    expect(again).toEqual({ id: first.id, status: "queued", created: false });
    expect(other.id).not.toBe(first.id);
    expect(await queue.pending()).toBe(2);
  });

  it("keeps an acknowledged job across a close and a reopen of the file", async () => {
    const first = open();
    const { id } = await first.enqueue(Sum, { numbers: [4, 5] });
    await first.close();
    const second = open();
    second.work({ jobs: [Sum] });
    expect((await until(second, id, "done")).result).toEqual({ total: 9 });
  });

  it("retries a failing run after its back-off, then succeeds", async () => {
    const runs: number[] = [];
    const flaky = defineJob("flaky", {
      input: z.object({}),
      output: z.object({ runs: z.number() }),
      attempts: 3,
      backoff: { delay: 60 },
      handler: async (_input, { attempt }) => {
        runs.push(Date.now());
        if (attempt < 3) throw new Error(`boom ${attempt}`);
        return { runs: runs.length };
      },
    });
    const queue = open();
    const { id } = await queue.enqueue(flaky, {});
    queue.work();
    const done = await until(queue, id, "done");
    expect(done).toMatchObject({ attempts: 3, result: { runs: 3 }, error: null });
    // exponential: 60 ms before the second run, 120 ms before the third
    expect(runs[1]! - runs[0]!).toBeGreaterThanOrEqual(55);
    expect(runs[2]! - runs[1]!).toBeGreaterThanOrEqual(115);
  });

  it("dead-letters a job after its last attempt, keeping the last error", async () => {
    let runs = 0;
    const broken = defineJob("broken", {
      input: z.object({}),
      output: z.object({}),
      attempts: 2,
      backoff: { type: "fixed", delay: 10 },
      handler: () => {
        runs += 1;
        throw new Error(`upstream down (${runs})`);
      },
    });
    const queue = open();
    const { id } = await queue.enqueue(broken, {});
    queue.work();
    const failed = await until(queue, id, "failed");
    expect(failed).toMatchObject({ attempts: 2, error: "upstream down (2)", result: null });
    expect(runs).toBe(2);
    expect((await queue.deadLetters()).map((job) => job.id)).toEqual([id]);
  });

  it("fails a job whose output does not fit its schema, without retrying", async () => {
    let runs = 0;
    const wrong = defineJob("wrong", {
      input: z.object({}),
      output: z.object({ n: z.number() }),
      handler: () => {
        runs += 1;
        return { n: "x" } as never;
      },
    });
    const queue = open();
    const { id } = await queue.enqueue(wrong, {});
    queue.work();
    const failed = await until(queue, id, "failed");
    expect(failed.error).toMatch(/^output failed validation \(1 error at output\.n:/);
    expect(runs).toBe(1);
  });

  it("cancels a queued job before it runs", async () => {
    let runs = 0;
    const job = defineJob("never", {
      input: z.object({}),
      output: z.object({}),
      handler: () => {
        runs += 1;
        return {};
      },
    });
    const queue = open();
    const { id } = await queue.enqueue(job, {});
    expect((await queue.cancel(id))?.status).toBe("cancelled");
    const worker = queue.work();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await worker.close();
    expect(runs).toBe(0);
    expect((await queue.get(id))?.status).toBe("cancelled");
  });

  it("aborts a running handler's signal on cancel and never records its late result", async () => {
    let aborted: unknown;
    const started = deferred();
    const slow = defineJob("slow", {
      input: z.object({}),
      output: z.object({ finished: z.boolean() }),
      handler: async (_input, { signal }) => {
        started.resolve();
        await new Promise((resolve) => signal.addEventListener("abort", resolve));
        aborted = signal.reason;
        return { finished: true };
      },
    });
    const queue = open();
    const { id } = await queue.enqueue(slow, {});
    const worker = queue.work();
    await started.promise;
    expect((await queue.cancel(id))?.status).toBe("cancelled");
    await worker.close();
    expect(aborted).toBeInstanceOf(Error);
    expect(await queue.get(id)).toMatchObject({ status: "cancelled", result: null });
  });

  it("aborts a handler running in another queue instance when its lease is renewed", async () => {
    const started = deferred();
    const stopped = deferred();
    const slow = defineJob("remote-slow", {
      input: z.object({}),
      output: z.object({}),
      handler: async (_input, { signal }) => {
        started.resolve();
        await new Promise((resolve) => signal.addEventListener("abort", resolve));
        stopped.resolve();
        return {};
      },
    });
    const api = open({ leaseMs: 300 });
    const workers = open({ leaseMs: 300 });
    const { id } = await api.enqueue(slow, {});
    workers.work({ jobs: [slow] });
    await started.promise;
    await api.cancel(id);
    await stopped.promise; // within one renewal (leaseMs / 3)
    expect((await workers.get(id))?.status).toBe("cancelled");
  });

  it("streams events of a job run by a worker on another connection to the file", async () => {
    const api = open();
    const workers = open();
    const { id } = await api.enqueue(Sum, { numbers: [1, 1] });
    workers.work({ jobs: [Sum] });
    const seen: string[] = [];
    for await (const event of api.events(id)) seen.push(event.status);
    expect(seen.at(-1)).toBe("done");
    expect((await api.get(id))?.result).toEqual({ total: 2 });
  });

  it("runs a job again when the worker holding it stopped renewing its lease", async () => {
    const queue = open({ leaseMs: 200 });
    const { id } = await queue.enqueue(Sum, { numbers: [7] });
    // a worker that leased the job and died: the row says running, nobody renews it
    const dead = new SqliteJobStore(join(dir, "jobs.db"));
    expect(dead.claim("dead-worker", JSON.stringify(["sum"]), 200)?.id).toBe(id);
    dead.close();
    expect((await queue.get(id))?.status).toBe("running");
    queue.work();
    expect(await until(queue, id, "done")).toMatchObject({ attempts: 2, result: { total: 7 } });
  });

  it("dead-letters a job whose last attempt's worker died", async () => {
    const once = defineJob("once", {
      input: z.object({}),
      output: z.object({}),
      attempts: 1,
      handler: () => ({}),
    });
    const queue = open({ leaseMs: 100 });
    const { id } = await queue.enqueue(once, {});
    const dead = new SqliteJobStore(join(dir, "jobs.db"));
    dead.claim("dead-worker", JSON.stringify(["once"]), 100);
    dead.close();
    queue.work();
    expect(await until(queue, id, "failed")).toMatchObject({
      attempts: 1,
      error: "the worker running its last attempt stopped",
    });
  });

  it("refuses a job with QueueFullError once maxQueued jobs are pending", async () => {
    const queue = open({ maxQueued: 2 });
    await queue.enqueue(Sum, { numbers: [1] });
    await queue.enqueue(Sum, { numbers: [2] });
    await expect(queue.enqueue(Sum, { numbers: [3] })).rejects.toBeInstanceOf(QueueFullError);
    // a repeated idempotency key still answers: it adds nothing
    const keyed = open({ maxQueued: 3 });
    const first = await keyed.enqueue(Sum, { numbers: [1] }, { idempotencyKey: "x" });
    const full = open({ maxQueued: 3 });
    expect((await full.enqueue(Sum, { numbers: [1] }, { idempotencyKey: "x" })).id).toBe(first.id);
  });
});
