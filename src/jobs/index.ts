// Durable jobs: SQLite (embedded) and BullMQ (Redis) backends behind one JobQueue, plus HTTP routes.
export {
  defineJob,
  type JobContext,
  type JobDefinition,
  type JobProgress,
  type JobSpec,
  type RetryPolicy,
} from "./define-job.js";
export { QueueFullError } from "./errors.js";
export type { JobEvent } from "./events.js";
export { type JobRouteTarget, type MountJobOptions, mountJob } from "./http-routes.js";
export { JobQueue, type JobQueueOptions } from "./job-queue.js";
export type {
  EnqueueOptions,
  EnqueueResult,
  JobRecord,
  JobStatus,
  JobWorker,
  WorkOptions,
} from "./types.js";
