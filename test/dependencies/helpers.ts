import type { Logger } from "tailor";

/** A logger that keeps what it was given, for asserting that errors were logged, not sent. */
export function recordingLogger(): Logger & { entries: { message: string; error: unknown }[] } {
  const entries: { message: string; error: unknown }[] = [];
  return { entries, error: (message, error) => entries.push({ message, error }) };
}

/** A promise with its resolve function, to sequence concurrent code without timers. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Fails (instead of hanging) when `promise` has not settled after `ms`; a bound, not a measurement. */
export function within<T>(promise: Promise<T>, what: string, ms = 2_000): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms).unref(),
    ),
  ]);
}
