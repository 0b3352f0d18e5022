import type { ValidationErrorDetail } from "./types.js";

/** Returned by a compiled node when its value failed; the errors are already recorded. */
export const INVALID: unique symbol = Symbol("invalid");

type Loc = (string | number)[];
const NO_LOC: Loc = [];

/**
 * Per-call state: the caller's loc prefix, the path below it (a stack pushed/popped while
 * descending, so success allocates no loc arrays) and the errors, created on the first failure.
 */
export class Run {
  prefix: Loc = NO_LOC;
  readonly path: Loc = [];
  errors: ValidationErrorDetail[] | null = null;
  /** objects with aliased fields read their field names instead of the aliases (responses) */
  byName = false;

  fail(type: string, msg: string, input: unknown, ctx?: Record<string, unknown>): typeof INVALID {
    const loc = this.path.length === 0 ? this.prefix.slice() : this.prefix.concat(this.path);
    const detail: ValidationErrorDetail =
      ctx === undefined ? { type, loc, msg, input } : { type, loc, msg, input, ctx };
    if (this.errors === null) this.errors = [detail];
    else this.errors.push(detail);
    return INVALID;
  }

  /** Number of errors so far; unions use it to roll back the errors of a member that lost. */
  mark(): number {
    return this.errors === null ? 0 : this.errors.length;
  }

  rollback(mark: number): void {
    if (this.errors === null) return;
    if (mark === 0) this.errors = null;
    else this.errors.length = mark;
  }
}

// One spare Run is reused between calls; a nested call (a custom validator that validates
// something else) simply finds none and allocates its own.
let spare: Run | null = null;

export function acquireRun(prefix: Loc): Run {
  const run = spare ?? new Run();
  spare = null;
  run.prefix = prefix;
  return run;
}

export function releaseRun(run: Run): void {
  run.prefix = NO_LOC;
  // the path is back to empty after every balanced descent; only a throw leaves it longer
  if (run.path.length !== 0) run.path.length = 0;
  run.errors = null;
  spare = run;
}

/** A compiled schema node: returns the output value or INVALID after recording errors. */
export type NodeFn = (value: unknown, run: Run) => unknown;

export interface Compiled {
  readonly fn: NodeFn;
  /** an absent (undefined) value is accepted: optional, default, catch */
  readonly acceptsUndefined: boolean;
}
