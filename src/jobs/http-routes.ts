import { z } from "zod";
import type { DependsMarker } from "../dependencies/dependency.js";
import { HTTPException } from "../errors/http-exception.js";
import type { RequestContext } from "../http/context.js";
import { Body, Header, Path } from "../params/markers.js";
import { EventSourceResponse } from "../responses/streaming.js";
import type { JobDefinition } from "./define-job.js";
import { QueueFullError } from "./errors.js";
import type { JobQueue } from "./job-queue.js";
import { JobAccepted, jobRecordSchema } from "./job-schemas.js";
import { FINAL_STATUSES, type JobRecord } from "./types.js";

type AnyHandler = (args: any, ctx: RequestContext) => unknown;
type Declare = (path: string, options: any, handler: AnyHandler) => unknown;

/** What `mountJob` needs of an app or router: `App` and `APIRouter` both fit. */
export interface JobRouteTarget {
  get: Declare;
  post: Declare;
  delete: Declare;
}

export interface MountJobOptions {
  queue: JobQueue;
  job: JobDefinition<any, any>;
  /** answer 503 (or `overloadStatus`) with `Retry-After` while this many jobs are pending */
  maxQueued?: number;
  /** the status of a refused submission: 503 (the service is busy, default) or 429 */
  overloadStatus?: 429 | 503;
  /** seconds a refused client should wait, sent as `Retry-After` (default 5) */
  retryAfter?: number;
  tags?: readonly string[];
  /** run before each route (an API key check) */
  dependencies?: readonly DependsMarker[];
}

const JobId = Path(z.string().max(200), { description: "The job's id, from `Location`" });
const IdempotencyKey = Header(z.string().min(1).max(200).optional(), {
  alias: "idempotency-key",
  description: "A repeated key returns the job the first request created",
});
/** "ingest" -> "an", "embed" -> "an", "summarize" -> "a" (by the first letter only) */
function article(name: string): string {
  return /^[aeiou]/i.test(name) ? "an" : "a";
}

const NOT_FOUND = { 404: { description: "No such job" } } as const;

/**
 * Mounts the routes of a long job under `path`: `POST` submits (202 + `Location`), `GET /{job_id}`
 * reads, `GET /{job_id}/events` streams progress as server-sent events, `DELETE /{job_id}` cancels.
 * All four are documented in OpenAPI with the job's own input and output schemas.
 *
 * @example mountJob(router, "/batches", { queue, job: embedBatch, maxQueued: 1000 });
 */
export function mountJob(target: JobRouteTarget, path: string, options: MountJobOptions): void {
  const { queue, job } = options;
  const base = path.replace(/\/+$/, "");
  const record = jobRecordSchema(job);
  const common = { tags: options.tags ?? [], dependencies: options.dependencies ?? [] };
  const limit = options.maxQueued ?? queue.maxQueued;
  const overload = options.overloadStatus ?? 503;
  const retryAfter = String(options.retryAfter ?? 5);
  const refuse = () =>
    new HTTPException(overload, "Job queue is full, retry later", { "Retry-After": retryAfter });

  const find = async (id: string): Promise<JobRecord> => {
    const found = await queue.get(id);
    // a job of another kind is not addressable under this path
    if (found === null || found.name !== job.name) throw new HTTPException(404, "Job not found");
    return found;
  };

  target.post(
    base,
    {
      ...common,
      params: { input: Body(job.input), idempotencyKey: IdempotencyKey },
      response: JobAccepted,
      status: 202,
      summary: `Submit ${article(job.name)} ${job.name} job`,
      responses: {
        202: {
          headers: { Location: { description: "The job's URL", schema: { type: "string" } } },
        },
        [overload]: {
          description: "The queue is full",
          headers: {
            "Retry-After": { description: "Seconds to wait", schema: { type: "string" } },
          },
        },
      },
    },
    async function submitJob(
      { idempotencyKey }: { idempotencyKey: string | undefined },
      ctx: RequestContext,
    ) {
      // the body as sent: the worker parses it with the job's schema, so defaults and transforms apply once
      const input = await ctx.json();
      let accepted: Awaited<ReturnType<JobQueue["enqueue"]>>;
      try {
        // the limit is checked with the insert: a repeated key still answers when the queue is full
        accepted = await queue.enqueue(job, input, { idempotencyKey, maxQueued: limit });
      } catch (error) {
        if (error instanceof QueueFullError) throw refuse();
        throw error;
      }
      ctx.response.headers.set(
        "location",
        `${ctx.rootPath}${ctx.rawPath.replace(/\/+$/, "")}/${accepted.id}`,
      );
      return { id: accepted.id, status: accepted.status };
    },
  );

  target.get(
    `${base}/{job_id}`,
    {
      ...common,
      params: { job_id: JobId },
      response: record,
      summary: `Read ${article(job.name)} ${job.name} job`,
      responses: NOT_FOUND,
    },
    async function readJob({ job_id }: { job_id: string }) {
      return find(job_id);
    },
  );

  target.get(
    `${base}/{job_id}/events`,
    {
      ...common,
      params: { job_id: JobId },
      responseClass: EventSourceResponse,
      summary: `Stream a ${job.name} job's status and progress`,
      description:
        "Server-sent events: one `data:` line with the job's record now and after each change; the stream ends after `done`, `failed` or `cancelled`.",
      responses: NOT_FOUND,
    },
    async function streamJobEvents({ job_id }: { job_id: string }, ctx: RequestContext) {
      await find(job_id);
      return new EventSourceResponse(queue.events(job_id, { signal: ctx.signal }));
    },
  );

  target.delete(
    `${base}/{job_id}`,
    {
      ...common,
      params: { job_id: JobId },
      response: record,
      summary: `Cancel ${article(job.name)} ${job.name} job`,
      responses: { ...NOT_FOUND, 409: { description: "The job already finished" } },
    },
    async function cancelJob({ job_id }: { job_id: string }) {
      const found = await find(job_id);
      if (FINAL_STATUSES.has(found.status) && found.status !== "cancelled") {
        throw new HTTPException(409, `Job already ${found.status}`);
      }
      return (await queue.cancel(job_id)) ?? found;
    },
  );
}
