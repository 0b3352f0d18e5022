/**
 * The building blocks of generated accept functions (generate.ts): the lines being written,
 * the constants they use (functions, sets, defaults: passed in, never spliced into the code),
 * fresh variable names, and the refusal thrown for a schema the generator does not handle.
 */

/** Returned by a generated accept function for any input it does not accept. */
export const ACCEPT_FAIL: unique symbol = Symbol("accept-fail");

/** Thrown while generating: this schema keeps the interpreter alone. */
export class Unsupported extends Error {}

// beyond this many schema nodes (a wide or repeatedly shared tree), the code is not worth it
const MAX_NODES = 500;

export class Emitter {
  readonly lines: string[] = [];
  readonly constants: unknown[] = [];
  #names = 0;
  #nodes = 0;

  /** a constant's variable name in the generated code (hoisted out of the accept function) */
  constant(value: unknown): string {
    this.constants.push(value);
    return `k${this.constants.length - 1}`;
  }

  /** a variable name unused so far */
  fresh(prefix = "v"): string {
    return `${prefix}${this.#names++}`;
  }

  line(code: string): void {
    this.lines.push(code);
  }

  /** counts one schema node; refuses trees too large to be worth generating */
  visit(): void {
    if (++this.#nodes > MAX_NODES) throw new Unsupported("too many nodes");
  }
}

/** A number as a JavaScript literal: -0, NaN and the infinities included. */
export function numberLiteral(n: number): string {
  if (Number.isNaN(n)) return "(0 / 0)";
  if (n === Number.POSITIVE_INFINITY) return "(1 / 0)";
  if (n === Number.NEGATIVE_INFINITY) return "(-1 / 0)";
  if (Object.is(n, -0)) return "(-0)";
  return n < 0 ? `(${String(n)})` : String(n);
}

/** A property name as a JavaScript string literal: user text enters code only this way. */
export function stringLiteral(s: string): string {
  // JSON.stringify leaves U+2028/U+2029 raw, which older parsers read as line ends
  return JSON.stringify(s)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
