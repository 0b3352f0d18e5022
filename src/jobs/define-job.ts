import { ConfigError } from "../errors/config-error.js";
import type { MaybePromise } from "../internal/types.js";
import type { StandardSchemaV1 } from "../schema/index.js";

/** What a job's progress reports: a fraction, a percentage or a small JSON object. */
export type JobProgress = number | Record<string, unknown>;

/** The second argument of a job handler. */
export interface JobContext {
  /** the job's id, as `enqueue` returned it */
  id: string;
  /** aborted when the job is cancelled (or its worker shuts down) */
  signal: AbortSignal;
  /** records progress: stored with the job and sent to `queue.events(id)` readers */
  progress(value: JobProgress): Promise<void>;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
}

/** How a failed run is retried: `attempts` runs in all, waiting `delay · 2^(n-1)` ms (or `delay`). */
export interface RetryPolicy {
  /** runs in all, the first included (default 3); after the last one the job is dead-lettered */
  attempts?: number;
  backoff?: { type?: "exponential" | "fixed"; delay: number };
}

/** A job as declared: its name, schemas, handler and retry policy. */
export interface JobDefinition<
  TInput extends StandardSchemaV1 = StandardSchemaV1,
  TOutput extends StandardSchemaV1 = StandardSchemaV1,
> {
  readonly name: string;
  readonly input: TInput;
  readonly output: TOutput;
  readonly handler: (
    input: StandardSchemaV1.InferOutput<TInput>,
    ctx: JobContext,
  ) => MaybePromise<StandardSchemaV1.InferInput<TOutput>>;
  readonly attempts: number;
  readonly backoff: { type: "exponential" | "fixed"; delay: number };
}

/** The options of `defineJob`. */
export interface JobSpec<TInput extends StandardSchemaV1, TOutput extends StandardSchemaV1>
  extends RetryPolicy {
  input: TInput;
  output: TOutput;
  handler: (
    input: StandardSchemaV1.InferOutput<TInput>,
    ctx: JobContext,
  ) => MaybePromise<StandardSchemaV1.InferInput<TOutput>>;
}

const JOB_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/**
 * Declares a durable job: the input is validated when it is enqueued, the output when the handler
 * returns; the handler's argument types are inferred from the schemas.
 *
 * @example
 * const embed = defineJob("embed", { input: z.object({ texts: z.array(z.string()) }), output: z.object({ count: z.number() }), handler: async ({ texts }, { progress }) => { await progress(1); return { count: texts.length }; } });
 */
export function defineJob<TInput extends StandardSchemaV1, TOutput extends StandardSchemaV1>(
  name: string,
  spec: JobSpec<TInput, TOutput>,
): JobDefinition<TInput, TOutput> {
  if (!JOB_NAME.test(name)) {
    throw new ConfigError(
      "E_JOB_CONFIG",
      `defineJob("${name}")`,
      'a job name is 1-100 letters, digits, "_", "-" or "." characters. Rename the job.',
    );
  }
  const attempts = spec.attempts ?? 3;
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new ConfigError(
      "E_JOB_CONFIG",
      `defineJob("${name}")`,
      `attempts must be an integer >= 1, got ${attempts}.`,
    );
  }
  return Object.freeze({
    name,
    input: spec.input,
    output: spec.output,
    handler: spec.handler,
    attempts,
    backoff: { type: spec.backoff?.type ?? "exponential", delay: spec.backoff?.delay ?? 1000 },
  });
}

/** The wait before retry number `attempt` (1 = the wait after the first failed run). */
export function backoffDelay(job: JobDefinition<any, any>, attempt: number): number {
  const { type, delay } = job.backoff;
  return type === "fixed" ? delay : delay * 2 ** (attempt - 1);
}
