/**
 * The building blocks of generated accept functions (generate.ts): the lines being written,
 * the constants they use (functions, sets, defaults: passed in, never spliced into the code),
 * fresh variable names, and the refusal thrown for a schema the generator does not handle.
 */

import { asyncUnsupported } from "./fallback.js";
import type { ZodCheckLike } from "./zod-def.js";

/** Returned by a generated accept function for any input it does not accept. */
export const ACCEPT_FAIL: unique symbol = Symbol("accept-fail");

/** Thrown while generating: this schema keeps the interpreter alone. */
export class Unsupported extends Error {}

// beyond this many schema nodes (a wide or repeatedly shared tree), the code is not worth it
const MAX_NODES = 500;

export class Emitter {
  lines: string[] = [];
  readonly constants: unknown[] = [];
  /** helper functions (union members), declared beside the accept function */
  readonly functions: string[] = [];
  #names = 0;
  #nodes = 0;

  /** a constant's variable name in the generated code (hoisted out of the accept function) */
  constant(value: unknown): string {
    this.constants.push(value);
    return `K${this.constants.length - 1}`;
  }

  /** a variable name unused so far (a lower-case prefix: constants are K0, K1…) */
  fresh(prefix = "v"): string {
    return `${prefix}${this.#names++}`;
  }

  line(code: string): void {
    this.lines.push(code);
  }

  /** the lines `write` emits, kept out of the current function's body */
  capture(write: () => void): string[] {
    const saved = this.lines;
    this.lines = [];
    try {
      write();
      return this.lines;
    } finally {
      this.lines = saved;
    }
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

/** What every schema node's emitter needs while generating one accept function. */
export interface Context {
  readonly e: Emitter;
  /** read object fields by alias (requests) or by name (a handler's return value) */
  readonly keys: "alias" | "name";
  /** schemas being generated: a recursive one is refused */
  readonly open: Set<unknown>;
}

/** Writes the accept-path of one schema node reading variable `v`; returns the output's variable. */
export type EmitChild = (schema: unknown, v: string, cx: Context) => string;

/**
 * Zod checks with no generated code (`.refine`, `.startsWith`…), run as the interpreter runs them
 * (fallback.ts) on the converted value: the value (overwrites applied) or ACCEPT_FAIL.
 */
function checksRunner(checks: readonly ZodCheckLike[]): (value: unknown) => unknown {
  const runners = checks.map((c) => c._zod.check).filter((fn) => typeof fn === "function");
  return (value) => {
    const payload = { value, issues: [] as unknown[] };
    for (const check of runners) {
      const result = check(payload);
      // refused as the interpreter refuses it: a union must not try its next member instead
      if (result instanceof Promise) asyncUnsupported(result);
    }
    return payload.issues.length === 0 ? payload.value : ACCEPT_FAIL;
  };
}

/** Writes the run of `checks` on variable `out`; returns the variable holding the result. */
export function emitChecks(checks: readonly ZodCheckLike[], out: string, e: Emitter): string {
  if (checks.length === 0) return out;
  const r = e.fresh("h");
  e.line(`const ${r} = ${e.constant(checksRunner(checks))}(${out});`);
  e.line(`if (${r} === FAIL) return FAIL;`);
  return r;
}
