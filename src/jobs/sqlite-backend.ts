import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { backoffDelay, type JobDefinition, type JobProgress } from "./define-job.js";
import { QueueFullError } from "./errors.js";
import { runJob } from "./run-job.js";
import { type ClaimedJob, SqliteJobStore } from "./sqlite-store.js";
import type { EnqueueResult, JobBackend, JobRecord, JobWorker } from "./types.js";

export interface SqliteBackendOptions {
  path: string;
  /** how long a worker owns a job without renewing its lease (ms) */
  leaseMs: number;
  /** how often an idle worker looks for work, and `events()` re-reads a job (ms) */
  pollInterval: number;
  synchronous: "full" | "normal";
  onError: (error: unknown) => void;
}

/**
 * The embedded backend: jobs live in one SQLite file (WAL), shared by every process that opens
 * it. A worker leases a job and renews the lease while the handler runs; a job whose worker died
 * is leased again once the lease expires.
 */
export class SqliteBackend implements JobBackend {
  readonly pollInterval: number;
  readonly #store: SqliteJobStore;
  readonly #leaseMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #changes = new EventEmitter();
  readonly #workers = new Set<SqliteWorker>();

  constructor(options: SqliteBackendOptions) {
    this.#store = new SqliteJobStore(options.path, options.synchronous);
    this.#leaseMs = options.leaseMs;
    this.#onError = options.onError;
    this.pollInterval = options.pollInterval;
    this.#changes.setMaxListeners(0);
  }

  async enqueue(
    job: JobDefinition<any, any>,
    input: unknown,
    options: { idempotencyKey?: string; maxQueued: number | undefined },
  ): Promise<EnqueueResult> {
    const result = this.#store.enqueue(
      job.name,
      input,
      job.attempts,
      options.idempotencyKey,
      options.maxQueued,
    );
    if (result === "full") throw new QueueFullError(options.maxQueued!);
    if (result.created) for (const worker of this.#workers) worker.wake();
    return result;
  }

  async get(id: string): Promise<JobRecord | null> {
    return this.#store.get(id);
  }

  async cancel(id: string): Promise<JobRecord | null> {
    if (this.#store.cancel(id)) {
      for (const worker of this.#workers) worker.abort(id);
      this.changed(id);
    }
    return this.#store.get(id);
  }

  async pending(): Promise<number> {
    return this.#store.pending();
  }

  async deadLetters(limit: number): Promise<JobRecord[]> {
    return this.#store.deadLetters(limit);
  }

  work(jobs: ReadonlyMap<string, JobDefinition<any, any>>, concurrency: number): JobWorker {
    const worker = new SqliteWorker(this.#store, jobs, concurrency, {
      leaseMs: this.#leaseMs,
      pollInterval: this.pollInterval,
      changed: (id) => this.changed(id),
      onError: this.#onError,
    });
    this.#workers.add(worker);
    return {
      close: async () => {
        await worker.close();
        this.#workers.delete(worker);
      },
    };
  }

  watch(id: string, wake: () => void): () => void {
    this.#changes.on(id, wake);
    return () => this.#changes.off(id, wake);
  }

  changed(id: string): void {
    this.#changes.emit(id);
  }

  async close(): Promise<void> {
    await Promise.all([...this.#workers].map((worker) => worker.close()));
    this.#workers.clear();
    this.#store.close();
  }
}

interface WorkerSettings {
  leaseMs: number;
  pollInterval: number;
  changed: (id: string) => void;
  onError: (error: unknown) => void;
}

/** One `work()` call: claims up to `concurrency` jobs at a time, runs them, records the outcome. */
class SqliteWorker {
  readonly #owner = randomUUID();
  readonly #store: SqliteJobStore;
  readonly #jobs: ReadonlyMap<string, JobDefinition<any, any>>;
  readonly #names: string;
  readonly #concurrency: number;
  readonly #settings: WorkerSettings;
  readonly #running = new Map<string, AbortController>();
  readonly #finished = new Set<Promise<void>>();
  readonly #heartbeat: NodeJS.Timeout;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(
    store: SqliteJobStore,
    jobs: ReadonlyMap<string, JobDefinition<any, any>>,
    concurrency: number,
    settings: WorkerSettings,
  ) {
    this.#store = store;
    this.#jobs = jobs;
    this.#names = JSON.stringify([...jobs.keys()]);
    this.#concurrency = concurrency;
    this.#settings = settings;
    // renewing at a third of the lease leaves two renewals of slack before another worker may take over
    const every = Math.min(settings.leaseMs / 3, 1000);
    this.#heartbeat = setInterval(() => this.#renewLeases(), every);
    this.wake();
  }

  /** looks for work now instead of at the next poll */
  wake(): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    try {
      this.#fill();
    } catch (error) {
      this.#settings.onError(error); // a locked file: the next poll tries again
    }
    if (!this.#closed) this.#timer = setTimeout(() => this.wake(), this.#settings.pollInterval);
  }

  abort(id: string): void {
    this.#running.get(id)?.abort(new Error("the job was cancelled"));
  }

  #fill(): void {
    while (this.#running.size < this.#concurrency) {
      const claimed = this.#store.claim(this.#owner, this.#names, this.#settings.leaseMs);
      if (claimed === null) return;
      this.#settings.changed(claimed.id);
      if (claimed.attempts > claimed.maxAttempts) {
        this.#store.expire(claimed.id, "the worker running its last attempt stopped");
        this.#settings.changed(claimed.id);
        continue;
      }
      const done = this.#run(claimed)
        // a failed write leaves the lease to expire: the job runs again
        .catch(this.#settings.onError)
        .finally(() => {
          this.#finished.delete(done);
          this.wake();
        });
      this.#finished.add(done);
    }
  }

  async #run(claimed: ClaimedJob): Promise<void> {
    const { id } = claimed;
    const job = this.#jobs.get(claimed.name)!;
    const controller = new AbortController();
    this.#running.set(id, controller);
    const progress = async (value: JobProgress) => {
      if (this.#store.progress(id, this.#owner, value)) this.#settings.changed(id);
    };
    try {
      const outcome = await runJob(
        id,
        job,
        claimed.input,
        controller.signal,
        progress,
        claimed.attempts,
      );
      if (controller.signal.aborted) return; // cancelled: the row already says so
      if (outcome.ok) {
        this.#store.finish(id, this.#owner, "done", { result: outcome.result });
      } else if (outcome.retryable && claimed.attempts < claimed.maxAttempts) {
        const retryInMs = backoffDelay(job, claimed.attempts);
        this.#store.finish(id, this.#owner, "queued", { error: outcome.error, retryInMs });
      } else {
        this.#store.finish(id, this.#owner, "failed", { error: outcome.error });
      }
      this.#settings.changed(id);
    } finally {
      this.#running.delete(id);
    }
  }

  /** renews every lease; a lease that cannot be renewed means the job was cancelled elsewhere */
  #renewLeases(): void {
    try {
      for (const [id, controller] of this.#running) {
        if (!this.#store.renew(id, this.#owner, this.#settings.leaseMs)) {
          controller.abort(new Error("the job was cancelled"));
        }
      }
    } catch (error) {
      this.#settings.onError(error);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await Promise.all(this.#finished);
    clearInterval(this.#heartbeat);
  }
}
