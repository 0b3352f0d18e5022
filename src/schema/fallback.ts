import { config, util } from "zod/v4/core";
import { INVALID, type NodeFn, type Run } from "./run.js";
import type { StandardSchemaV1 } from "./standard.js";
import type { ZodCheckLike } from "./zod-def.js";

// pydantic's wording for an error raised by a custom validator; FastAPI writes the exception
// in ctx as `{}` because jsonable_encoder cannot represent it.
const VALUE_ERROR = "value_error";

function keyOf(segment: PropertyKey | StandardSchemaV1.PathSegment): string | number {
  const key = typeof segment === "object" ? segment.key : segment;
  return typeof key === "number" ? key : String(key);
}

function valueAt(root: unknown, keys: readonly (string | number)[]): unknown {
  let v = root;
  for (const k of keys) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

function report(
  run: Run,
  value: unknown,
  message: string,
  path: ReadonlyArray<PropertyKey | StandardSchemaV1.PathSegment> | undefined,
): void {
  const keys = path === undefined ? [] : path.map(keyOf);
  for (const k of keys) run.path.push(k);
  run.fail(VALUE_ERROR, `Value error, ${message}`, valueAt(value, keys), { error: {} });
  run.path.length -= keys.length;
}

/**
 * Throws the error an async refinement or transform gets: validation here is synchronous. The
 * promise it returned is never awaited: its rejection is caught, not left to crash the process.
 */
export function asyncUnsupported(promise?: Promise<unknown>): never {
  promise?.catch(() => {});
  throw new TypeError(
    "Tailor validates synchronously: an async refinement or transform cannot be used in a " +
      "request or response schema. Move the async work into a dependency or the handler.",
  );
}

/**
 * A schema the compiler does not understand (transforms, non-Zod Standard Schemas, …) runs its
 * own `~standard.validate`; every issue becomes a `value_error` at prefix + issue path.
 */
export function compileStandard(schema: StandardSchemaV1): NodeFn {
  const validate = schema["~standard"].validate;
  return (value, run) => {
    const result = validate(value);
    if (result instanceof Promise) asyncUnsupported(result);
    const issues = (result as StandardSchemaV1.Result<unknown>).issues;
    if (issues === undefined) return (result as StandardSchemaV1.SuccessResult<unknown>).value;
    for (const issue of issues) report(run, value, issue.message, issue.path);
    return INVALID;
  };
}

/**
 * Zod checks the compiler has no pydantic equivalent for (`.refine`, `.superRefine`, `.trim()`,
 * `.startsWith()`…) run on the already converted value, after the known checks passed, so an
 * object refinement sees valid fields and overwrites (trim, lowercase) reach the output.
 */
export function compileChecks(
  checks: readonly ZodCheckLike[],
): (value: unknown, run: Run) => unknown {
  const runners = checks.map((c) => c._zod.check!).filter((fn) => typeof fn === "function");
  return (value, run) => {
    const payload = { value, issues: [] as unknown[] };
    for (const check of runners) {
      const result = check(payload);
      if (result instanceof Promise) asyncUnsupported(result);
    }
    if (payload.issues.length === 0) return payload.value;
    const cfg = config();
    for (const raw of payload.issues) {
      const issue = util.finalizeIssue(raw as never, undefined, cfg);
      report(run, payload.value, issue.message, issue.path);
    }
    return INVALID;
  };
}
