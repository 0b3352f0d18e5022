/** A function to run after the response is sent, with its arguments. */
type Task = { fn: (...args: any[]) => unknown; args: unknown[] };

/**
 * Work that runs after the response has been sent, in the order it was added. A failing task is
 * logged; the tasks after it do not run (as in FastAPI), and the process never crashes.
 *
 * @example ctx.background.add(sendEmail, user.email, "Welcome");
 */
export class BackgroundTasks {
  readonly #tasks: Task[] = [];

  add<TArgs extends unknown[]>(fn: (...args: TArgs) => unknown, ...args: TArgs): void {
    this.#tasks.push({ fn, args });
  }

  get size(): number {
    return this.#tasks.length;
  }

  /** the error that stopped the tasks, once they ran (thrown into the generator dependencies) */
  failure: unknown;

  /** Runs every task in order; resolves to the error that stopped them, if any. */
  async run(): Promise<unknown> {
    for (const task of this.#tasks) {
      try {
        await task.fn(...task.args);
      } catch (error) {
        this.failure = error;
        return error;
      }
    }
    return undefined;
  }
}
