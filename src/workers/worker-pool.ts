import { Piscina } from "piscina";
import { resolveWorkerModule, typescriptExecArgv } from "./resolve-module.js";

export interface WorkerPoolOptions {
  /** threads at most (default: the machine's available parallelism, as piscina) */
  maxThreads?: number;
  /** threads kept alive while idle (default 1) */
  minThreads?: number;
  /** tasks waiting for a thread before `run` rejects (default: unbounded) */
  maxQueue?: number;
  /** ms an idle thread lives above minThreads (default 30,000) */
  idleTimeout?: number;
}

/** What a worker module exports by default: one function of the task's input. */
export type WorkerTask = (input: any) => unknown;

/**
 * CPU-bound work off the event loop, on a piscina thread pool: the module's default export
 * runs in a worker thread for each `run(input)`. Aborting the signal cancels a queued task and
 * stops a running one (its thread is replaced). A `.ts` module runs under tsx in development
 * and as the compiled `.js` beside it from dist/.
 *
 * @example
 * import type hash from "./hash-worker.js";
 * const pool = new WorkerPool<typeof hash>(new URL("./hash-worker.ts", import.meta.url), { maxThreads: 2 });
 * app.post("/hash", { params: { body: Body(Input) } }, ({ body }, ctx) => pool.run(body, { signal: ctx.signal }));
 */
export class WorkerPool<TTask extends WorkerTask = WorkerTask> {
  readonly #pool: Piscina;
  /** the module the threads load (a compiled `.js` when the `.ts` named is not on disk) */
  readonly filename: string;

  constructor(moduleUrl: string | URL, options: WorkerPoolOptions = {}) {
    const { filename, typescript } = resolveWorkerModule(moduleUrl);
    this.filename = filename;
    // piscina takes an option given as undefined as the value, not as "use the default"
    const settings: Record<string, unknown> = { filename };
    for (const [name, value] of Object.entries(options))
      if (value !== undefined) settings[name] = value;
    if (typescript) settings.execArgv = typescriptExecArgv();
    this.#pool = new Piscina(settings);
  }

  /** runs the module's default export on `input` in a worker thread */
  run(
    input: Parameters<TTask>[0],
    options: { signal?: AbortSignal } = {},
  ): Promise<Awaited<ReturnType<TTask>>> {
    return this.#pool.run(input, { signal: options.signal ?? null });
  }

  /** counters for a readiness probe: threads, tasks waiting, tasks done */
  get stats(): { threads: number; queued: number; completed: number; utilization: number } {
    return {
      threads: this.#pool.threads.length,
      queued: this.#pool.queueSize,
      completed: this.#pool.completed,
      utilization: this.#pool.utilization,
    };
  }

  /** stops every thread; tasks still queued or running reject */
  close(): Promise<void> {
    return this.#pool.destroy();
  }
}
