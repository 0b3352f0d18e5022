import { resolve } from "node:path";
import { ConfigError } from "../errors/config-error.js";
import { RequestValidationError } from "../errors/validation.js";
import type { StandardSchemaV1 } from "../schema/index.js";
import type { JobDefinition } from "./define-job.js";
import { type JobEvent, watchJob } from "./events.js";
import { validatorsOf } from "./run-job.js";
import type {
  EnqueueOptions,
  EnqueueResult,
  JobBackend,
  JobRecord,
  JobWorker,
  WorkOptions,
} from "./types.js";

export interface JobQueueOptions {
  /** the SQLite file of the embedded queue (default `tailor-jobs.db` in the working directory) */
  path?: string;
  /** a Redis URL (`redis://127.0.0.1:6379`): the queue runs on BullMQ instead of SQLite */
  redis?: string;
  /**
   * SQLite: `"full"` (default) syncs each enqueue to disk before acknowledging it, so it survives
   * a power cut; `"normal"` only survives the process dying, for an order of magnitude more enqueues per second
   */
  synchronous?: "full" | "normal";
  /** the BullMQ queue name (default `tailor-jobs`); several apps may share one Redis */
  name?: string;
  /** `enqueue` throws `QueueFullError` while this many jobs are queued or running */
  maxQueued?: number;
  /** how long a worker owns a job without renewing its lease; a dead worker's job runs again after it (ms, default 30000) */
  leaseMs?: number;
  /**
   * errors no job's record can hold (a lost Redis connection, a SQLite file locked past its busy
   * timeout); the job concerned runs again once its lease expires. Default: `console.error`.
   */
  onError?: (error: unknown) => void;
  /** how often idle workers and `events()` readers look for changes made by other processes (ms, default 100) */
  pollInterval?: number;
}

function checkOptions(options: JobQueueOptions): void {
  if (options.path !== undefined && options.redis !== undefined) {
    throw new ConfigError(
      "E_JOB_CONFIG",
      "new JobQueue()",
      "`path` (SQLite) and `redis` (BullMQ) are two different backends. Pass one of them.",
    );
  }
  for (const key of ["maxQueued", "leaseMs", "pollInterval"] as const) {
    const value = options[key];
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
      throw new ConfigError(
        "E_JOB_CONFIG",
        "new JobQueue()",
        `${key} must be a positive number, got ${value}.`,
      );
    }
  }
}

async function openBackend(options: JobQueueOptions): Promise<JobBackend> {
  const leaseMs = options.leaseMs ?? 30_000;
  const pollInterval = options.pollInterval ?? 100;
  const onError =
    options.onError ?? ((error: unknown) => console.error("tailor job worker:", error));
  if (options.redis !== undefined) {
    const { RedisBackend } = await import("./redis-backend.js");
    return new RedisBackend({
      url: options.redis,
      name: options.name ?? "tailor-jobs",
      leaseMs,
      pollInterval,
      onError,
    });
  }
  const { SqliteBackend } = await import("./sqlite-backend.js");
  const path = options.path ?? resolve("tailor-jobs.db");
  const synchronous = options.synchronous ?? "full";
  return new SqliteBackend({ path, leaseMs, pollInterval, synchronous, onError });
}

/**
 * Durable jobs: an embedded SQLite file by default, BullMQ when given a Redis URL. A job is
 * acknowledged only once stored; workers (`work()`, in this process or another) run it at least
 * once, retry it with back-off, and dead-letter it after its last attempt.
 *
 * @example
 * const queue = new JobQueue({ path: "jobs.db" });
 * const { id } = await queue.enqueue(embed, { texts: ["hello"] });
 * queue.work({ concurrency: 4 });
 */
export class JobQueue {
  readonly #options: JobQueueOptions;
  readonly #jobs = new Map<string, JobDefinition<any, any>>();
  #backend: Promise<JobBackend> | undefined;

  constructor(options: JobQueueOptions = {}) {
    checkOptions(options);
    this.#options = options;
  }

  /** the backend, opened on first use so importing the framework loads neither SQLite nor Redis */
  #open(): Promise<JobBackend> {
    this.#backend ??= openBackend(this.#options);
    return this.#backend;
  }

  /** the largest number of pending jobs `enqueue` accepts, when one was set */
  get maxQueued(): number | undefined {
    return this.#options.maxQueued;
  }

  #register(job: JobDefinition<any, any>): void {
    const known = this.#jobs.get(job.name);
    if (known !== undefined && known !== job) {
      throw new ConfigError(
        "E_JOB_CONFIG",
        `job "${job.name}"`,
        "two different jobs share this name on one queue. Rename one of them.",
      );
    }
    this.#jobs.set(job.name, job);
  }

  /**
   * Validates `input` and stores the job; resolves once it is committed. Invalid input throws
   * `RequestValidationError` (a 422 when it reaches a route), a full queue `QueueFullError`.
   *
   * @example const { id, status } = await queue.enqueue(embed, { texts: ["a"] }, { idempotencyKey: "batch-7" });
   */
  async enqueue<TInput extends StandardSchemaV1>(
    job: JobDefinition<TInput, any>,
    input: StandardSchemaV1.InferInput<TInput>,
    options: EnqueueOptions = {},
  ): Promise<EnqueueResult> {
    this.#register(job);
    const checked = validatorsOf(job).input(input, ["input"]);
    if (!checked.ok) throw new RequestValidationError(checked.errors, input);
    const backend = await this.#open();
    return backend.enqueue(job, input, {
      idempotencyKey: options.idempotencyKey,
      maxQueued: options.maxQueued ?? this.#options.maxQueued,
    });
  }

  /** @example const job = await queue.get(id); // null when unknown */
  async get(id: string): Promise<JobRecord | null> {
    return (await this.#open()).get(id);
  }

  /**
   * Cancels a queued or running job: it will not run (again), and a running handler's `signal`
   * aborts. Returns the job as it now is (a finished job is left as it was), null when unknown.
   *
   * @example await queue.cancel(id);
   */
  async cancel(id: string): Promise<JobRecord | null> {
    return (await this.#open()).cancel(id);
  }

  /** jobs queued or running now @example if ((await queue.pending()) > 1000) shedLoad(); */
  async pending(): Promise<number> {
    return (await this.#open()).pending();
  }

  /** the jobs that failed their last attempt, newest first @example await queue.deadLetters(20) */
  async deadLetters(limit = 100): Promise<JobRecord[]> {
    return (await this.#open()).deadLetters(limit);
  }

  /**
   * The job's record now and after each change of status, attempts or progress; ends after a
   * final status. Feeds `GET /jobs/{id}/events`.
   *
   * @example for await (const event of queue.events(id)) console.log(event.status, event.progress);
   */
  async *events(id: string, options: { signal?: AbortSignal } = {}): AsyncGenerator<JobEvent> {
    yield* watchJob(await this.#open(), id, options.signal);
  }

  /**
   * Starts a worker in this process: it runs up to `concurrency` jobs at a time until closed.
   *
   * @example const worker = queue.work({ concurrency: 4, jobs: [embed] }); … await worker.close();
   */
  work(options: WorkOptions = {}): JobWorker {
    for (const job of options.jobs ?? []) this.#register(job);
    const concurrency = options.concurrency ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new ConfigError(
        "E_JOB_CONFIG",
        "queue.work()",
        `concurrency must be an integer >= 1, got ${concurrency}.`,
      );
    }
    if (this.#jobs.size === 0) {
      throw new ConfigError(
        "E_JOB_CONFIG",
        "queue.work()",
        "this worker knows no job. Pass them: queue.work({ jobs: [myJob] }).",
      );
    }
    const jobs = new Map(this.#jobs);
    const worker = this.#open().then((backend) => backend.work(jobs, concurrency));
    return { close: async () => (await worker).close() };
  }

  /** stops this process's workers (waiting for their jobs) and closes the connection @example await queue.close(); */
  async close(): Promise<void> {
    if (this.#backend === undefined) return;
    await (await this.#backend).close();
  }
}
