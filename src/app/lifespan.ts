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

export class LifespanRunner<TApp> {
  readonly #lifespan: Lifespan<TApp> | undefined;
  #generator: AsyncGenerator<unknown, void, unknown> | undefined;
  #started: Promise<Record<string, unknown>> | undefined;

  constructor(lifespan: Lifespan<TApp> | undefined) {
    this.#lifespan = lifespan;
  }

  get started(): boolean {
    return this.#started !== undefined;
  }

  /** runs startup once; resolves to the state the lifespan yielded */
  start(app: TApp): Promise<Record<string, unknown>> {
    this.#started ??= (async () => {
      if (!this.#lifespan) return {};
      this.#generator = this.#lifespan(app);
      const step = await this.#generator.next();
      const state = step.done ? undefined : step.value;
      return typeof state === "object" && state !== null ? (state as Record<string, unknown>) : {};
    })();
    return this.#started;
  }

  /** runs the code after `yield`; a no-op if startup never ran */
  async stop(): Promise<void> {
    if (!this.#started) return;
    await this.#started.catch(() => undefined);
    const generator = this.#generator;
    this.#generator = undefined;
    this.#started = undefined;
    if (generator) await generator.next();
  }
}
