import { hasAliases } from "./aliases.js";
import { compileNode } from "./compile.js";
import { describeSchema } from "./describe.js";
import { ACCEPT_FAIL, type Accept, generateAccept } from "./generate.js";
import { MSG } from "./messages.js";
import { acquireRun, INVALID, releaseRun } from "./run.js";
import type { StandardSchemaV1 } from "./standard.js";
import type { FieldKeys, InputKind, Validated, Validator, ValidatorOptions } from "./types.js";

const alwaysFail: Accept = () => ACCEPT_FAIL;

/**
 * Compiles a schema into a validator that converts and reports errors as pydantic v2 in lax
 * mode does, every error with `loc` = the prefix given at call time + the path inside the value.
 * @example
 * const v = compileValidator(z.number().int().min(1), { input: "string" });
 * v("0", ["query", "limit"]).ok // false: greater_than_equal at ["query","limit"]
 */
export function compileValidator(schema: StandardSchemaV1, options: ValidatorOptions): Validator {
  // the accept function `acceptorFor` gives callers: one generated function per schema and kind
  const accept =
    options.generated === false
      ? alwaysFail
      : acceptorFor(schema, options.input, options.keys ?? "alias");
  const node = compileNode(schema);
  const fn = node.fn;
  const acceptsUndefined = node.acceptsUndefined;
  // a single query/header value for a list schema is a list of one
  const wrapSingle = options.input === "string" && describeSchema(schema).isList;
  // only a schema with aliases read by field name sets the run's flag
  const byName = options.keys === "name" && hasAliases(schema);
  return (input, loc): Validated => {
    // the generated accept-path first; the interpreter decides (and words the errors) otherwise
    const accepted = accept(input);
    if (accepted !== ACCEPT_FAIL) return { ok: true, value: accepted };
    if (input === undefined && !acceptsUndefined) {
      return {
        ok: false,
        errors: [{ type: "missing", loc: loc.slice(), msg: MSG.missing, input: null }],
      };
    }
    const run = acquireRun(loc);
    if (byName) run.byName = true;
    try {
      const value = fn(wrapSingle && typeof input === "string" ? [input] : input, run);
      if (value === INVALID || run.errors !== null) return { ok: false, errors: run.errors ?? [] };
      return { ok: true, value };
    } finally {
      if (byName) run.byName = false;
      releaseRun(run);
    }
  };
}

type SchemaCache<T> = (schema: StandardSchemaV1, input: InputKind, keys?: FieldKeys) => T;

/** `make` once per schema, input kind and field keys; later calls get the same value */
function perSchema<T>(make: (schema: StandardSchemaV1, input: InputKind, keys: FieldKeys) => T) {
  const caches = new Map<`${InputKind}:${FieldKeys}`, WeakMap<object, T>>();
  const cached: SchemaCache<T> = (schema, input, keys = "alias") => {
    const key = `${input}:${keys}` as const;
    let cache = caches.get(key);
    if (cache === undefined) caches.set(key, (cache = new WeakMap()));
    let value = cache.get(schema);
    if (value === undefined) {
      value = make(schema, input, keys);
      cache.set(schema, value);
    }
    return value;
  };
  return cached;
}

/**
 * One validator per schema, input kind and field keys, shared by every route that uses the
 * schema; `keys: "name"` reads aliased fields by their names (a handler's return value).
 * @example
 * validatorFor(Item, "json")(body, ["body"]).ok
 */
export const validatorFor = perSchema((schema, input, keys) =>
  compileValidator(schema, { input, keys }),
);

/**
 * `validatorFor` without the accept-path, for callers that ran `acceptorFor` first: a value it
 * refused goes straight to the interpreter, which words the errors.
 * @example
 * const value = acceptorFor(Item, "json")(body);
 * if (value === ACCEPT_FAIL) report(interpreterFor(Item, "json")(body, ["body"]));
 */
export const interpreterFor = perSchema((schema, input, keys) =>
  compileValidator(schema, { input, keys, generated: false }),
);

/**
 * Validations a schema runs through the interpreter before its accept function is generated:
 * generating costs about as much as compiling the interpreter's nodes (~60 µs for scenario C's
 * item, bench/VALIDATORS.md), which a route's first request and a schema used once (settings,
 * a cold route) need not pay.
 */
export const GENERATE_AFTER = 8;

/**
 * The generated accept function of a schema, made once the schema is in use (GENERATE_AFTER
 * calls); until then, and for good when the schema is not generated, ACCEPT_FAIL for every input.
 */
function lazyAccept(schema: StandardSchemaV1, input: InputKind, keys: FieldKeys): Accept {
  let calls = 0;
  let accept: Accept = (value) => {
    if (++calls < GENERATE_AFTER) return ACCEPT_FAIL;
    accept = generateAccept(schema, input, keys) ?? alwaysFail;
    return accept(value);
  };
  return (value) => accept(value);
}

/**
 * A schema's accept-path alone: the validated value of an input the validator accepts, or
 * ACCEPT_FAIL (also for any input it is unsure of): then `interpreterFor` gives the errors.
 * @example
 * const value = acceptorFor(schema, "string")(raw);
 * if (value === ACCEPT_FAIL) report(interpreterFor(schema, "string")(raw, loc));
 */
export const acceptorFor = perSchema(lazyAccept);
