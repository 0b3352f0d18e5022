/**
 * `enqueue` refused a job because the queue already holds `maxQueued` pending jobs. The HTTP
 * helpers answer it with 503 and `Retry-After`.
 *
 * @example
 * try { await queue.enqueue(job, input); } catch (error) { if (error instanceof QueueFullError) backOff(); }
 */
export class QueueFullError extends Error {
  readonly limit: number;

  constructor(limit: number) {
    super(`the job queue is full (${limit} jobs pending)`);
    this.name = "QueueFullError";
    this.limit = limit;
  }
}
