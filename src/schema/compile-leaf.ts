import { PARSE_FAILED, parseBoolString } from "./coerce.js";
import { expectedList, MSG } from "./messages.js";
import type { Compiled, Run } from "./run.js";
import type { ZodLike } from "./zod-def.js";

export const passThrough: Compiled = { fn: (value) => value, acceptsUndefined: true };

export const booleanNode: Compiled = {
  fn(value: unknown, run: Run): unknown {
    if (typeof value === "boolean") return value;
    if (typeof value === "string") {
      const b = parseBoolString(value);
      return b === PARSE_FAILED ? run.fail("bool_parsing", MSG.bool_parsing, value) : b;
    }
    if (typeof value === "number") {
      if (value === 1) return true;
      if (value === 0) return false;
      return run.fail("bool_parsing", MSG.bool_parsing, value);
    }
    return run.fail("bool_type", MSG.bool_type, value);
  },
  acceptsUndefined: false,
};

export const nullNode: Compiled = {
  fn: (value, run) => (value === null ? null : run.fail("none_required", MSG.none_required, value)),
  acceptsUndefined: false,
};

export const undefinedNode: Compiled = {
  fn: (value, run) =>
    value === undefined ? undefined : run.fail("none_required", MSG.none_required, value),
  acceptsUndefined: true,
};

/**
 * `z.enum` (pydantic `enum`) and `z.literal` (pydantic `literal_error`). Numeric members also
 * match their string form ("1" -> 1), as query strings carry them.
 */
export function compileChoice(schema: ZodLike): Compiled {
  const values = [...(schema._zod.values ?? [])];
  const allowed = new Set(values);
  const byString = new Map<string, unknown>();
  for (const v of values) if (typeof v === "number") byString.set(String(v), v);
  const type = schema._zod.def.type === "enum" ? "enum" : "literal_error";
  const expected = expectedList(values);
  const msg = `Input should be ${expected}`;
  const ctx = { expected };
  return {
    fn(value: unknown, run: Run): unknown {
      if (allowed.has(value)) return value;
      if (typeof value === "string" && byString.size > 0) {
        const hit = byString.get(value.trim());
        if (hit !== undefined) return hit;
      }
      return run.fail(type, msg, value, ctx);
    },
    acceptsUndefined: allowed.has(undefined),
  };
}

/** `z.date()`: a Date, or an ISO 8601 string as pydantic reads datetimes from JSON. */
export const dateNode: Compiled = {
  fn(value: unknown, run: Run): unknown {
    if (value instanceof Date) {
      if (!Number.isNaN(value.getTime())) return value;
    } else if (typeof value === "string") {
      const d = new Date(value);
      if (!Number.isNaN(d.getTime())) return d;
      const error = value.length < 10 ? "input is too short" : "invalid datetime format";
      return run.fail("datetime_parsing", `Input should be a valid datetime, ${error}`, value, {
        error,
      });
    }
    return run.fail("datetime_type", MSG.datetime_type, value);
  },
  acceptsUndefined: false,
};
