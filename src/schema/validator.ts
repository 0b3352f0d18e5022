import { compileNode } from "./compile.js";
import { describeSchema } from "./describe.js";
import { MSG } from "./messages.js";
import { acquireRun, INVALID, releaseRun } from "./run.js";
import type { StandardSchemaV1 } from "./standard.js";
import type { InputKind, Validated, Validator, ValidatorOptions } from "./types.js";

/**
 * Compiles a schema into a validator that converts and reports errors as pydantic v2 in lax
 * mode does, every error with `loc` = the prefix given at call time + the path inside the value.
 * @example
 * const v = compileValidator(z.number().int().min(1), { input: "string" });
 * v("0", ["query", "limit"]).ok // false: greater_than_equal at ["query","limit"]
 */
export function compileValidator(schema: StandardSchemaV1, options: ValidatorOptions): Validator {
  const node = compileNode(schema);
  const fn = node.fn;
  const acceptsUndefined = node.acceptsUndefined;
  // a single query/header value for a list schema is a list of one
  const wrapSingle = options.input === "string" && describeSchema(schema).isList;
  return (input, loc): Validated => {
    if (input === undefined && !acceptsUndefined) {
      return {
        ok: false,
        errors: [{ type: "missing", loc: loc.slice(), msg: MSG.missing, input: null }],
      };
    }
    const run = acquireRun(loc);
    try {
      const value = fn(wrapSingle && typeof input === "string" ? [input] : input, run);
      if (value === INVALID || run.errors !== null) return { ok: false, errors: run.errors ?? [] };
      return { ok: true, value };
    } finally {
      releaseRun(run);
    }
  };
}

const validatorCache: Record<InputKind, WeakMap<object, Validator>> = {
  string: new WeakMap(),
  json: new WeakMap(),
};

/** One validator per schema and input kind, shared by every route that uses the schema. */
export function validatorFor(schema: StandardSchemaV1, input: InputKind): Validator {
  const cache = validatorCache[input];
  let validator = cache.get(schema);
  if (validator === undefined) {
    validator = compileValidator(schema, { input });
    cache.set(schema, validator);
  }
  return validator;
}
