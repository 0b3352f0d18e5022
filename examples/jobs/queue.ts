/** Chooses the queue from the environment: SQLite by default, BullMQ when REDIS_URL is set. */

import { JobQueue } from "tailor";

// #region queue
export function openQueue(env: Record<string, string | undefined> = process.env): JobQueue {
  const maxQueued = Number(env.JOBS_MAX_QUEUED ?? 10_000); // beyond it, POST answers 503
  if (env.REDIS_URL) return new JobQueue({ redis: env.REDIS_URL, maxQueued });
  return new JobQueue({ path: env.JOBS_DB ?? "jobs.db", maxQueued });
}
// #endregion queue
