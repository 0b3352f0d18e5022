import type { EventHandlers } from "./event-handlers.js";

/**
 * The app's lifespan: code before `yield` runs at startup, what it yields (an object) becomes
 * the app state every request sees, code after `yield` runs at shutdown.
 *
 * @example
 * lifespan: async function* () { const model = await loadModel(); yield { model }; await model.unload(); }
 */
export type Lifespan<TApp> = (
  app: TApp,
) => AsyncGenerator<Record<string, unknown> | undefined | void, void, unknown>;

/**
 * Runs the lifespan around the `onEvent` hooks: the lifespan's startup, then the startup hooks;
 * at shutdown the shutdown hooks, then the code after the lifespan's `yield`.
 */
export class LifespanRunner<TApp> {
  readonly #lifespan: Lifespan<TApp> | undefined;
  readonly #events: EventHandlers;
  #generator: AsyncGenerator<unknown, void, unknown> | undefined;
  #started: Promise<boolean> | undefined;

  constructor(lifespan: Lifespan<TApp> | undefined, events: EventHandlers) {
    this.#lifespan = lifespan;
    this.#events = events;
  }

  get started(): boolean {
    return this.#started !== undefined;
  }

  /**
   * Runs startup once: `applyState` gets what the lifespan yielded before the startup hooks run.
   * A failing hook fails startup; its error is thrown into the lifespan at its `yield` first, so
   * the lifespan's `finally` (or `catch`) releases what it opened.
   */
  async start(app: TApp, applyState: (state: Record<string, unknown>) => void): Promise<void> {
    this.#started ??= (async () => {
      let state: unknown;
      if (this.#lifespan) {
        this.#generator = this.#lifespan(app);
        const step = await this.#generator.next();
        state = step.done ? undefined : step.value;
      }
      applyState(
        typeof state === "object" && state !== null ? (state as Record<string, unknown>) : {},
      );
      if (this.#events.startup.length === 0) return true;
      try {
        await this.#events.run("startup");
      } catch (error) {
        const generator = this.#generator;
        this.#generator = undefined;
        await generator?.throw(error).catch(() => undefined);
        throw error;
      }
      return true;
    })();
    await this.#started;
  }

  /** runs the shutdown hooks, then the code after `yield`; a no-op if startup never succeeded */
  async stop(): Promise<void> {
    if (!this.#started) return;
    const succeeded = await this.#started.catch(() => false);
    const generator = this.#generator;
    this.#generator = undefined;
    this.#started = undefined;
    try {
      if (succeeded && this.#events.shutdown.length > 0) await this.#events.run("shutdown");
    } finally {
      if (generator) await generator.next();
    }
  }
}
