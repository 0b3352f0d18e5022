import { NOT_FINITE, PARSE_FAILED, parseFloatString, parseIntString, TOO_LONG } from "./coerce.js";
import { fmtNumber, MSG } from "./messages.js";
import { type Compiled, INVALID, type Run } from "./run.js";
import { checksOf, type ZodCheckLike, type ZodLike } from "./zod-def.js";

interface Bound {
  readonly failed: (n: number) => boolean;
  readonly type: string;
  readonly msg: string;
  readonly ctx: Record<string, unknown>;
}

/** `z.int32()`…: [min, max, is an integer] */
const FORMAT_RANGES: Record<string, [number, number, boolean]> = {
  safeint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, true],
  int32: [-2147483648, 2147483647, true],
  uint32: [0, 4294967295, true],
  float32: [-3.4028234663852886e38, 3.4028234663852886e38, false],
  float64: [-Number.MAX_VALUE, Number.MAX_VALUE, false],
};

function bound(kind: BoundKind, v: number): Bound {
  const shown = fmtNumber(v);
  switch (kind) {
    case "ge":
      return {
        failed: (n) => !(n >= v),
        type: "greater_than_equal",
        msg: `Input should be greater than or equal to ${shown}`,
        ctx: { ge: v },
      };
    case "gt":
      return {
        failed: (n) => !(n > v),
        type: "greater_than",
        msg: `Input should be greater than ${shown}`,
        ctx: { gt: v },
      };
    case "le":
      return {
        failed: (n) => !(n <= v),
        type: "less_than_equal",
        msg: `Input should be less than or equal to ${shown}`,
        ctx: { le: v },
      };
    case "lt":
      return {
        failed: (n) => !(n < v),
        type: "less_than",
        msg: `Input should be less than ${shown}`,
        ctx: { lt: v },
      };
    case "multiple_of":
      return {
        // same tolerance as Zod for fractional steps (0.1 * 3 is not exactly 0.3)
        failed: (n) => {
          const r = Math.abs(n % v);
          return r > 1e-9 && Math.abs(r - Math.abs(v)) > 1e-9;
        },
        type: "multiple_of",
        msg: `Input should be a multiple of ${shown}`,
        ctx: { multiple_of: v },
      };
  }
}

export type BoundKind = "ge" | "gt" | "le" | "lt" | "multiple_of";

/** A number schema's checks, read once for the interpreter and the generator alike. */
export interface NumberChecks {
  /** an integer format (`z.int()`, `z.int32()`…) */
  isInt: boolean;
  /** every bound, in the order pydantic checks them (it reports the first failure only) */
  bounds: [BoundKind, number][];
  /** the checks not understood here: the caller runs them after these pass */
  unknown: ZodCheckLike[];
}

/**
 * Reads the bounds and integer formats of `z.number()` / `z.int()`.
 * @example numberChecks(z.int().min(1)) // { isInt: true, bounds: [["ge", 1], …], unknown: [] }
 */
export function numberChecks(schema: ZodLike): NumberChecks {
  let isInt = false;
  const unknown: ZodCheckLike[] = [];
  const buckets: Record<BoundKind, [BoundKind, number][]> = {
    multiple_of: [],
    le: [],
    lt: [],
    ge: [],
    gt: [],
  };
  const formatBounds: [BoundKind, number][] = [];
  for (const check of checksOf(schema)) {
    const d = check._zod.def;
    if (d.check === "number_format") {
      const range = FORMAT_RANGES[d.format as string];
      if (range === undefined) {
        unknown.push(check);
        continue;
      }
      isInt ||= range[2];
      formatBounds.push(["ge", range[0]], ["le", range[1]]);
    } else if (d.check === "greater_than") {
      const kind = d.inclusive ? "ge" : "gt";
      buckets[kind].push([kind, d.value]);
    } else if (d.check === "less_than") {
      const kind = d.inclusive ? "le" : "lt";
      buckets[kind].push([kind, d.value]);
    } else if (d.check === "multiple_of") {
      buckets.multiple_of.push(["multiple_of", d.value]);
    } else {
      unknown.push(check);
    }
  }
  const { multiple_of, le, lt, ge, gt } = buckets;
  return { isInt, bounds: [...multiple_of, ...le, ...lt, ...ge, ...gt, ...formatBounds], unknown };
}

/**
 * `z.number()` / `z.int()` with bounds. `unknown` lists the checks not understood here: the
 * caller runs them after these checks pass.
 */
export function compileNumber(schema: ZodLike): { node: Compiled; unknown: ZodCheckLike[] } {
  const checks = numberChecks(schema);
  const { isInt, unknown } = checks;
  const bounds = checks.bounds.map(([kind, value]) => bound(kind, value));
  const convert = isInt ? toInt : toFloat;
  const fn =
    bounds.length === 0
      ? convert
      : (value: unknown, run: Run): unknown => {
          const n = convert(value, run);
          if (n === INVALID) return n;
          for (const b of bounds) {
            if (b.failed(n as number)) return run.fail(b.type, b.msg, value, b.ctx);
          }
          return n;
        };
  return { node: { fn, acceptsUndefined: false }, unknown };
}

function toInt(value: unknown, run: Run): unknown {
  if (typeof value === "number") {
    if (Number.isInteger(value)) return value;
    if (!Number.isFinite(value)) return run.fail("finite_number", MSG.finite_number, value);
    return run.fail("int_from_float", MSG.int_from_float, value);
  }
  if (typeof value === "string") {
    const n = parseIntString(value);
    if (n === PARSE_FAILED) return run.fail("int_parsing", MSG.int_parsing, value);
    if (n === TOO_LONG) return run.fail("int_parsing_size", MSG.int_parsing_size, value);
    return n;
  }
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "bigint") return Number(value);
  return run.fail("int_type", MSG.int_type, value);
}

function toFloat(value: unknown, run: Run): unknown {
  if (typeof value === "number") {
    return Number.isFinite(value) ? value : run.fail("finite_number", MSG.finite_number, value);
  }
  if (typeof value === "string") {
    const n = parseFloatString(value);
    if (n === PARSE_FAILED) return run.fail("float_parsing", MSG.float_parsing, value);
    if (n === NOT_FINITE) return run.fail("finite_number", MSG.finite_number, value);
    return n;
  }
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "bigint") return Number(value);
  return run.fail("float_type", MSG.float_type, value);
}
