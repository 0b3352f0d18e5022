/** A promise or any thenable: lets hot paths stay synchronous until something is async. */
export function isThenable<T = unknown>(value: unknown): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T> | null)?.then === "function";
}
