import type { JobDefinition, JobProgress } from "./define-job.js";

/** Where a job is in its life; `done`, `failed` and `cancelled` are final. */
export type JobStatus = "queued" | "running" | "done" | "failed" | "cancelled";

/** A job as `queue.get(id)` reports it. */
export interface JobRecord<TResult = unknown> {
  id: string;
  name: string;
  status: JobStatus;
  /** runs started so far (a run cut short by a crash counts) */
  attempts: number;
  progress: JobProgress | null;
  /** the handler's validated output, once `done` */
  result: TResult | null;
  /** why the last run failed (kept while a retry waits), or why the job was dead-lettered */
  error: string | null;
}

/** What `enqueue` answers once the job is durably stored. */
export interface EnqueueResult {
  id: string;
  status: JobStatus;
  /** false when an earlier job with the same idempotency key was returned instead */
  created: boolean;
}

export interface EnqueueOptions {
  /** a second enqueue of the same job with the same key returns the first job, not a new one */
  idempotencyKey?: string;
  /** refuse this job with `QueueFullError` while this many are pending (default: the queue's) */
  maxQueued?: number;
}

export interface WorkOptions {
  /** jobs run at once by this worker (default 1) */
  concurrency?: number;
  /** the jobs this worker runs (default: every job this queue has enqueued) */
  jobs?: readonly JobDefinition<any, any>[];
}

/** A running worker: `close()` stops taking jobs and waits for the ones in flight. */
export interface JobWorker {
  close(): Promise<void>;
}

export const FINAL_STATUSES: ReadonlySet<JobStatus> = new Set(["done", "failed", "cancelled"]);

/** What one storage engine (SQLite, BullMQ) provides; `JobQueue` adds validation on top. */
export interface JobBackend {
  enqueue(
    job: JobDefinition<any, any>,
    input: unknown,
    options: { idempotencyKey?: string; maxQueued: number | undefined },
  ): Promise<EnqueueResult>;
  get(id: string): Promise<JobRecord | null>;
  cancel(id: string): Promise<JobRecord | null>;
  /** jobs queued or running */
  pending(): Promise<number>;
  /** jobs that failed their last attempt, newest first */
  deadLetters(limit: number): Promise<JobRecord[]>;
  work(jobs: ReadonlyMap<string, JobDefinition<any, any>>, concurrency: number): JobWorker;
  /** calls `wake` when job `id` may have changed; returns the unsubscribe function */
  watch(id: string, wake: () => void): () => void;
  /** how often a reader of `events()` re-reads the job without a wake-up, in ms */
  readonly pollInterval: number;
  close(): Promise<void>;
}
