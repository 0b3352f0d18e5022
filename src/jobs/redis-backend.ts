import { createHash, randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { type Job, Queue, QueueEvents, UnrecoverableError, Worker } from "bullmq";
import { Redis } from "ioredis";
import type { JobDefinition, JobProgress } from "./define-job.js";
import { QueueFullError } from "./errors.js";
import { runJob } from "./run-job.js";
import type { EnqueueResult, JobBackend, JobRecord, JobStatus, JobWorker } from "./types.js";

export interface RedisBackendOptions {
  url: string;
  name: string;
  leaseMs: number;
  pollInterval: number;
  onError: (error: unknown) => void;
}

const CANCELLED = "the job was cancelled";
const LAST_ATTEMPT_LOST = "the worker running its last attempt stopped";

/** BullMQ reports 0 before any progress; a wrapper tells "never reported" from 0 */
interface StoredProgress {
  value: JobProgress;
}

function progressOf(job: Job): JobProgress | null {
  const stored = job.progress as unknown;
  if (typeof stored === "object" && stored !== null && "value" in stored) {
    return (stored as StoredProgress).value;
  }
  return null;
}

const STATUS: Record<string, JobStatus> = {
  waiting: "queued",
  delayed: "queued",
  prioritized: "queued",
  "waiting-children": "queued",
  paused: "queued",
  active: "running",
  completed: "done",
  failed: "failed",
};

/** "batch-7" -> a BullMQ job id that is the same for the same job and key ("embed.k.3f…") */
function keyedId(name: string, key: string): string {
  return `${name}.k.${createHash("sha256").update(key).digest("hex").slice(0, 32)}`;
}

/**
 * The distributed backend on BullMQ: jobs live in Redis, so API processes and worker processes
 * on any machine share them. BullMQ's lock is the lease (`lockDuration`), its stalled-job check
 * re-queues the job of a dead worker, and its `attempts`/`backoff` are the retry policy.
 * Cancellation is Tailor's own: a record in a Redis hash plus a pub/sub message to the workers.
 */
export class RedisBackend implements JobBackend {
  readonly pollInterval: number;
  readonly #options: RedisBackendOptions;
  readonly #connection;
  readonly #queue: Queue;
  readonly #redis: Redis;
  readonly #cancelledKey: string;
  readonly #cancelChannel: string;
  readonly #changes = new EventEmitter();
  readonly #workers = new Set<{ close(): Promise<void> }>();
  #events: QueueEvents | undefined;
  #subscriber: Redis | undefined;
  readonly #running = new Map<string, AbortController>();

  constructor(options: RedisBackendOptions) {
    this.#options = options;
    this.pollInterval = options.pollInterval;
    // BullMQ's workers block on Redis; they need ioredis to retry commands forever
    this.#connection = { url: options.url, maxRetriesPerRequest: null };
    this.#queue = new Queue(options.name, { connection: this.#connection });
    this.#redis = new Redis(options.url, { maxRetriesPerRequest: null });
    this.#queue.on("error", options.onError);
    this.#redis.on("error", options.onError);
    this.#cancelledKey = this.#queue.toKey("tailor-cancelled");
    this.#cancelChannel = this.#queue.toKey("tailor-cancel");
    this.#changes.setMaxListeners(0);
  }

  async enqueue(
    job: JobDefinition<any, any>,
    input: unknown,
    options: { idempotencyKey?: string; maxQueued: number | undefined },
  ): Promise<EnqueueResult> {
    const id =
      options.idempotencyKey === undefined
        ? randomUUID()
        : keyedId(job.name, options.idempotencyKey);
    if (options.idempotencyKey !== undefined) {
      const existing = await this.get(id);
      if (existing !== null) return { id, status: existing.status, created: false };
    }
    if (options.maxQueued !== undefined && (await this.pending()) >= options.maxQueued) {
      throw new QueueFullError(options.maxQueued);
    }
    // resolves once Redis has the job (BullMQ adds an existing id only once)
    await this.#queue.add(job.name, input ?? null, {
      jobId: id,
      attempts: job.attempts,
      backoff: { type: job.backoff.type, delay: job.backoff.delay },
    });
    return { id, status: "queued", created: true };
  }

  async get(id: string): Promise<JobRecord | null> {
    // the state is read before the job, so a "done" state always comes with its result
    const [state, cancelled] = await Promise.all([
      this.#queue.getJobState(id),
      this.#redis.hget(this.#cancelledKey, id),
    ]);
    const job = state === "unknown" ? undefined : await this.#queue.getJob(id);
    if (job === undefined || job === null) {
      return cancelled === null ? null : (JSON.parse(cancelled) as JobRecord);
    }
    const mapped = STATUS[state];
    if (mapped === undefined) return null;
    const status = cancelled !== null && mapped !== "done" ? "cancelled" : mapped;
    return this.#record(job, status);
  }

  #record(job: Job, status: JobStatus): JobRecord {
    return {
      id: job.id!,
      name: job.name,
      status,
      // a start refused after a crash on the last attempt is not a run
      attempts: Math.min(job.attemptsStarted, job.opts.attempts ?? job.attemptsStarted),
      progress: progressOf(job),
      result: status === "done" ? (job.returnvalue ?? null) : null,
      // BullMQ keeps the last failure after a successful retry; a done job reports none
      error: status === "done" || status === "cancelled" ? null : job.failedReason || null,
    };
  }

  async cancel(id: string): Promise<JobRecord | null> {
    const current = await this.get(id);
    if (current === null || (current.status !== "queued" && current.status !== "running")) {
      return current;
    }
    const cancelled: JobRecord = { ...current, status: "cancelled", error: null };
    await this.#redis.hset(this.#cancelledKey, id, JSON.stringify(cancelled));
    if (current.status === "queued") {
      // a waiting job is removed; its record stays in the cancelled hash
      await this.#queue.remove(id).catch(() => 0);
    }
    await this.#redis.publish(this.#cancelChannel, id);
    this.#changes.emit(id);
    return this.get(id);
  }

  async pending(): Promise<number> {
    const counts = await this.#queue.getJobCounts("waiting", "delayed", "prioritized", "active");
    return Object.values(counts).reduce((sum, n) => sum + n, 0);
  }

  async deadLetters(limit: number): Promise<JobRecord[]> {
    const failed = await this.#queue.getFailed(0, limit - 1);
    const records = await Promise.all(failed.map((job) => this.get(job.id!)));
    return records.filter((record): record is JobRecord => record?.status === "failed");
  }

  work(jobs: ReadonlyMap<string, JobDefinition<any, any>>, concurrency: number): JobWorker {
    this.#listenForCancels();
    const worker = new Worker(
      this.#options.name,
      (job, _token, signal) => this.#process(jobs, job, signal),
      {
        connection: this.#connection,
        concurrency,
        lockDuration: this.#options.leaseMs,
        stalledInterval: this.#options.leaseMs,
        // a crash is counted as an attempt by #process, which dead-letters after the last one
        maxStalledCount: 1_000,
      },
    );
    // a job's own errors reach its record; these are the worker's (a lost connection, retried)
    worker.on("error", this.#options.onError);
    const handle = {
      close: async () => {
        await worker.close();
        this.#workers.delete(handle);
      },
    };
    this.#workers.add(handle);
    return handle;
  }

  async #process(
    jobs: ReadonlyMap<string, JobDefinition<any, any>>,
    job: Job,
    workerSignal: AbortSignal | undefined,
  ): Promise<unknown> {
    const definition = jobs.get(job.name);
    if (definition === undefined) {
      throw new UnrecoverableError(`this worker has no job named "${job.name}"`);
    }
    const id = job.id!;
    if ((await this.#redis.hexists(this.#cancelledKey, id)) === 1) {
      throw new UnrecoverableError(CANCELLED);
    }
    if (job.attemptsStarted > definition.attempts) throw new UnrecoverableError(LAST_ATTEMPT_LOST);
    const controller = new AbortController();
    const onWorkerAbort = () => controller.abort(workerSignal?.reason);
    workerSignal?.addEventListener("abort", onWorkerAbort);
    this.#running.set(id, controller);
    this.#changes.emit(id);
    const progress = async (value: JobProgress) => {
      await job.updateProgress({ value } satisfies StoredProgress);
      this.#changes.emit(id);
    };
    try {
      const outcome = await runJob(
        id,
        definition,
        job.data,
        controller.signal,
        progress,
        job.attemptsStarted,
      );
      // a cancel published while this job was being fetched found no handler to abort
      const cancelled =
        controller.signal.aborted || (await this.#redis.hexists(this.#cancelledKey, id)) === 1;
      if (cancelled) throw new UnrecoverableError(CANCELLED);
      if (outcome.ok) return outcome.result;
      throw outcome.retryable ? new Error(outcome.error) : new UnrecoverableError(outcome.error);
    } finally {
      this.#running.delete(id);
      workerSignal?.removeEventListener("abort", onWorkerAbort);
    }
  }

  /** one subscriber per process: a cancel published by any process aborts the handler here */
  #listenForCancels(): void {
    if (this.#subscriber !== undefined) return;
    this.#subscriber = new Redis(this.#options.url, { maxRetriesPerRequest: null });
    this.#subscriber.on("error", this.#options.onError);
    this.#subscriber.subscribe(this.#cancelChannel).catch(this.#options.onError);
    this.#subscriber.on("message", (_channel: string, id: string) => {
      this.#running.get(id)?.abort(new Error(CANCELLED));
    });
  }

  /** BullMQ's event stream wakes `events()` readers when any process changes a job */
  watch(id: string, wake: () => void): () => void {
    if (this.#events === undefined) {
      this.#events = new QueueEvents(this.#options.name, { connection: this.#connection });
      this.#events.on("error", this.#options.onError);
      for (const name of ["active", "progress", "completed", "failed", "delayed", "waiting"]) {
        this.#events.on(name as "active", ({ jobId }: { jobId: string }) => {
          this.#changes.emit(jobId);
        });
      }
    }
    this.#changes.on(id, wake);
    return () => this.#changes.off(id, wake);
  }

  async close(): Promise<void> {
    await Promise.all([...this.#workers].map((worker) => worker.close()));
    await this.#events?.close();
    await this.#queue.close();
    this.#subscriber?.disconnect();
    this.#redis.disconnect();
  }
}
