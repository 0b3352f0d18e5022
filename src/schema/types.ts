import type { ValidationErrorDetail } from "../errors/validation.js";

export type { ValidationErrorDetail };

export type Validated<T = unknown> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: ValidationErrorDetail[] };

/**
 * Where a value comes from decides how lax the conversion is:
 * - "string": path/query/header/cookie/form values — a string, or a string[] for list schemas;
 *   "5" -> 5 for numbers, "yes" -> true for booleans (pydantic's lax mode).
 * - "json": parsed JSON (request bodies, handler return values) — "2" -> 2 still accepted for
 *   numbers, 2.0 -> 2 for ints, but 123 is not a string.
 */
export type InputKind = "string" | "json";

export interface ValidatorOptions {
  input: InputKind;
  /**
   * which key an object field with `.meta({ alias })` is read from: "alias" (default, as
   * pydantic validates a request) or "name" (a handler's return value, keyed by field names)
   */
  keys?: FieldKeys;
  /** false: the interpreter alone, no generated accept-path (comparisons, benchmarks) */
  generated?: boolean;
}

/** How object fields with aliases are read: by their alias (requests) or field name (responses). */
export type FieldKeys = "alias" | "name";

/**
 * A compiled validator: `loc` is the location prefix of every error it reports
 * (`["query", "limit"]`, `["body"]`, `["response"]`). `undefined` input means "absent":
 * optional schemas accept it, defaults are applied, otherwise one `missing` error with
 * `input: null`. Object schemas drop unknown keys (unless strict) and fill defaults.
 */
export type Validator = (input: unknown, loc: (string | number)[]) => Validated;

/** Compile-time facts about a schema, used to decide where a bare schema's value comes from. */
export interface SchemaFacts {
  /** accepts an absent value (optional, or has a default) */
  readonly optional: boolean;
  /** an array schema: query/header values are collected from repeated keys */
  readonly isList: boolean;
  /** an object schema: a bare object schema in `params` is the request body */
  readonly isObject: boolean;
}
