import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineJob } from "../../src/jobs/define-job.js";
import { QueueFullError } from "../../src/jobs/errors.js";
import { JobQueue } from "../../src/jobs/job-queue.js";
import type { JobRecord } from "../../src/jobs/types.js";
import { freePort, type RedisServer, startRedis } from "./redis-server.js";

let redis: RedisServer;
let counter = 0;
const queues: JobQueue[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(queues.map((queue) => queue.close()));
  await redis.stop();
});

/** a queue on its own BullMQ queue name, so tests do not see each other's jobs */
function open(options: { maxQueued?: number; leaseMs?: number; name?: string } = {}): JobQueue {
  counter += 1;
  const queue = new JobQueue({
    redis: redis.url,
    name: options.name ?? `test-${counter}`,
    pollInterval: 20,
    ...options,
  });
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
    await progress({ step: "adding" });
    return { total: numbers.reduce((a, b) => a + b, 0) };
  },
});

describe("the BullMQ job queue on a real redis-server", () => {
  it("runs a job and reports it as the SQLite queue does", async () => {
    const queue = open();
    const { id, status } = await queue.enqueue(Sum, { numbers: [1, 2] });
    expect(status).toBe("queued");
    expect(await queue.get(id)).toEqual({
      id,
      name: "sum",
      status: "queued",
      attempts: 0,
      progress: null,
      result: null,
      error: null,
    });
    queue.work({ concurrency: 2 });
    expect(await until(queue, id, "done")).toEqual({
      id,
      name: "sum",
      status: "done",
      attempts: 1,
      progress: { step: "adding" },
      result: { total: 3 },
      error: null,
    });
    expect(await queue.get("unknown")).toBeNull();
  });

  it("returns the first job for a repeated idempotency key", async () => {
    const queue = open();
    const first = await queue.enqueue(Sum, { numbers: [1] }, { idempotencyKey: "order-1" });
    const again = await queue.enqueue(Sum, { numbers: [9] }, { idempotencyKey: "order-1" });
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, status: "queued", created: false });
    expect(await queue.pending()).toBe(1);
  });

  it("retries with back-off and dead-letters after the last attempt", async () => {
    const runs: number[] = [];
    const broken = defineJob("broken", {
      input: z.object({}),
      output: z.object({}),
      attempts: 3,
      backoff: { delay: 50 },
      handler: (_input, { attempt }) => {
        runs.push(Date.now());
        throw new Error(`attempt ${attempt} failed`);
      },
    });
    const queue = open();
    const { id } = await queue.enqueue(broken, {});
    queue.work();
    expect(await until(queue, id, "failed")).toMatchObject({
      attempts: 3,
      error: "attempt 3 failed",
    });
    expect(runs).toHaveLength(3);
    expect(runs[1]! - runs[0]!).toBeGreaterThanOrEqual(45);
    expect(runs[2]! - runs[1]!).toBeGreaterThanOrEqual(95);
    expect((await queue.deadLetters()).map((job) => job.id)).toEqual([id]);
  });

  it("cancels a queued job so that it never runs", async () => {
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
    await new Promise((resolve) => setTimeout(resolve, 150));
    await worker.close();
    expect(runs).toBe(0);
    expect(await queue.get(id)).toMatchObject({ id, name: "never", status: "cancelled" });
  });

  it("aborts a running handler cancelled from another queue instance", async () => {
    const started = deferred();
    let reason: unknown;
    const slow = defineJob("slow", {
      input: z.object({}),
      output: z.object({}),
      handler: async (_input, { signal }) => {
        started.resolve();
        await new Promise((resolve) => signal.addEventListener("abort", resolve));
        reason = signal.reason;
        return {};
      },
    });
    const name = `shared-${++counter}`;
    const api = open({ name });
    const workers = open({ name });
    const { id } = await api.enqueue(slow, {});
    workers.work({ jobs: [slow] });
    await started.promise;
    expect((await api.cancel(id))?.status).toBe("cancelled");
    const done = await until(workers, id, "cancelled");
    expect(done.result).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reason).toBeInstanceOf(Error);
    expect((await api.get(id))?.status).toBe("cancelled");
  });

  it("reports a worker's connection errors through onError", async () => {
    const errors: unknown[] = [];
    const port = await freePort(); // nothing listens there
    const queue = new JobQueue({
      redis: `redis://127.0.0.1:${port}`,
      onError: (error) => errors.push(error),
    });
    const worker = queue.work({ jobs: [Sum] });
    while (errors.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(String(errors[0])).toMatch(/ECONNREFUSED/);
    await Promise.race([worker.close(), new Promise((resolve) => setTimeout(resolve, 500))]);
    await Promise.race([queue.close(), new Promise((resolve) => setTimeout(resolve, 500))]);
  });

  it("refuses a job with QueueFullError once maxQueued jobs are pending", async () => {
    const queue = open({ maxQueued: 1 });
    await queue.enqueue(Sum, { numbers: [1] });
    await expect(queue.enqueue(Sum, { numbers: [2] })).rejects.toBeInstanceOf(QueueFullError);
  });
});
