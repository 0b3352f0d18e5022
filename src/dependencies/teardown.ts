/** A started generator dependency, closed after the response (or before it, for "function" scope). */
interface OpenGenerator {
  gen: Generator | AsyncGenerator;
  early: boolean;
}

/** The generators a request (or the app, for app-scoped dependencies) opened, newest last. */
export class TeardownStack {
  readonly #open: OpenGenerator[] = [];

  push(gen: Generator | AsyncGenerator, early: boolean): void {
    this.#open.push({ gen, early });
  }

  get size(): number {
    return this.#open.length;
  }

  /**
   * Resumes each generator after its `yield`, newest first; with `error`, throws it in at the
   * `yield` instead (so `catch`/`finally` blocks see it). As Python's exit stack, what a teardown
   * raises is thrown into the generators outside it, and one that catches the error without
   * raising again hides it from them. Returns errors the teardowns raised.
   */
  async close(error: unknown, onlyEarly: boolean): Promise<unknown[]> {
    const failures: unknown[] = [];
    let current = error;
    for (let i = this.#open.length - 1; i >= 0; i--) {
      const entry = this.#open[i]!;
      if (onlyEarly && !entry.early) continue;
      this.#open.splice(i, 1);
      try {
        if (current === undefined) await entry.gen.next();
        else {
          await entry.gen.throw(current);
          current = undefined; // caught and not raised again
        }
      } catch (raised) {
        if (raised !== current) failures.push(raised);
        current = raised;
      }
    }
    return failures;
  }
}
