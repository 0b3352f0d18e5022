import { aliasOf } from "./aliases.js";
import { lengthMsg, MSG } from "./messages.js";
import { type Compiled, INVALID, type NodeFn, type Run } from "./run.js";
import type { ZodLike } from "./zod-def.js";

export type CompileChild = (schema: unknown) => Compiled;

const OBJECT_PROTOTYPE = Object.prototype as unknown as Record<string, unknown>;

/** out[key] = value, an own "__proto__" key included */
export function setKey(out: Record<string, unknown>, key: string, value: unknown): void {
  // an own "__proto__" key from JSON.parse must stay data, not become the prototype
  if (key === "__proto__") {
    Object.defineProperty(out, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else out[key] = value;
}

/**
 * `z.object`: fields in shape order, `missing` with the enclosing object as input, unknown keys
 * dropped, rejected (`z.strictObject`: `extra_forbidden`), kept (`z.looseObject`) or validated
 * (`.catchall(schema)`). Any non-null object is read, as pydantic's from_attributes does.
 */
export function compileObject(schema: ZodLike, compileChild: CompileChild): Compiled {
  const def = schema._zod.def;
  const shape = def.shape as Record<string, unknown>;
  const keys = Object.keys(shape);
  const nodes = keys.map((key) => compileChild(shape[key]));
  const catchallType = (def.catchall as ZodLike | undefined)?._zod.def.type;
  const extras: Extras =
    catchallType === undefined
      ? "strip"
      : catchallType === "never"
        ? "forbid"
        : catchallType === "unknown" || catchallType === "any"
          ? "keep"
          : "validate";
  const catchall = extras === "validate" ? compileChild(def.catchall) : null;
  const byName = objectFn({ keys, wire: keys, nodes, extras, catchall });
  const wire = keys.map((key) => aliasOf(shape[key]) ?? key);
  if (wire.every((name, i) => name === keys[i])) return { fn: byName, acceptsUndefined: false };
  // fields with aliases are read from their alias (pydantic's validation by alias), except by a
  // response validator, which reads what the handler returned: field names
  const byAlias = objectFn({ keys, wire, nodes, extras, catchall });
  return {
    fn: (value, run) => (run.byName ? byName(value, run) : byAlias(value, run)),
    acceptsUndefined: false,
  };
}

type Extras = "strip" | "forbid" | "keep" | "validate";

interface ObjectPlan {
  /** output keys, in shape order */
  keys: readonly string[];
  /** the input key of each field (and its loc) */
  wire: readonly string[];
  nodes: readonly Compiled[];
  extras: Extras;
  catchall: Compiled | null;
}

function objectFn({ keys, wire, nodes, extras, catchall }: ObjectPlan): NodeFn {
  // a forbidding model reports a field sent by name instead of alias, as pydantic does; a keeping
  // one drops it, so an unvalidated extra never takes the place of the field read by alias
  const known = new Set(extras === "forbid" ? wire : [...wire, ...keys]);
  const count = keys.length;
  // fields named like Object.prototype members ("constructor", "toString"): an absent one must
  // read as absent, not as the inherited function
  const shadowsPrototype = wire.map((key) => key in Object.prototype);

  return (value: unknown, run: Run): unknown => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return run.fail("model_attributes_type", MSG.model_attributes_type, value);
    }
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    const path = run.path;
    let ok = true;
    for (let i = 0; i < count; i++) {
      const key = wire[i]!;
      const node = nodes[i]!;
      let v = input[key];
      // (an inherited "__proto__" is the input's prototype, whatever that is)
      if (
        shadowsPrototype[i] &&
        (v === OBJECT_PROTOTYPE[key] || key === "__proto__") &&
        !Object.hasOwn(input, key)
      ) {
        v = undefined;
      }
      path.push(key);
      if (v === undefined && !node.acceptsUndefined) {
        run.fail("missing", MSG.missing, value);
        ok = false;
      } else {
        const r = node.fn(v, run);
        if (r === INVALID) ok = false;
        else if (r !== undefined) setKey(out, keys[i]!, r);
      }
      path.pop();
    }
    if (extras !== "strip") {
      for (const key of Object.keys(input)) {
        if (known.has(key)) continue;
        const v = input[key];
        if (extras === "keep") setKey(out, key, v);
        else {
          path.push(key);
          if (extras === "forbid") {
            run.fail("extra_forbidden", MSG.extra_forbidden, v);
            ok = false;
          } else {
            const r = catchall!.fn(v, run);
            if (r === INVALID) ok = false;
            else setKey(out, key, r);
          }
          path.pop();
        }
      }
    }
    return ok ? out : INVALID;
  };
}

/** an array schema's length limits (0 and Infinity when unset) */
export function lengthLimits(schema: ZodLike): { min: number; max: number } {
  let min = 0;
  let max = Number.POSITIVE_INFINITY;
  for (const check of schema._zod.def.checks ?? []) {
    const d = check._zod.def;
    if (d.check === "min_length") min = Math.max(min, d.minimum);
    else if (d.check === "max_length") max = Math.min(max, d.maximum);
    else if (d.check === "length_equals") {
      min = Math.max(min, d.length);
      max = Math.min(max, d.length);
    }
  }
  return { min, max };
}

/** True when every check of an array schema is a length limit handled here. */
export function arrayChecksKnown(schema: ZodLike): boolean {
  return (schema._zod.def.checks ?? []).every((c) =>
    ["min_length", "max_length", "length_equals"].includes(c._zod.def.check ?? ""),
  );
}

/** `z.array`: items at loc [..., index]; pydantic's too_short/too_long with List wording. */
export function compileArray(schema: ZodLike, compileChild: CompileChild): Compiled {
  const element = compileChild(schema._zod.def.element);
  const { min, max } = lengthLimits(schema);
  const fn = (value: unknown, run: Run): unknown => {
    const items = Array.isArray(value) ? value : value instanceof Set ? [...value] : null;
    if (items === null) return run.fail("list_type", MSG.list_type, value);
    const n = items.length;
    if (n > max) {
      return run.fail("too_long", lengthMsg("at most", max, n, "List"), value, {
        field_type: "List",
        max_length: max,
        actual_length: n,
      });
    }
    const out = new Array(n);
    const path = run.path;
    let ok = true;
    for (let i = 0; i < n; i++) {
      path.push(i);
      const r = element.fn(items[i], run);
      path.pop();
      if (r === INVALID) ok = false;
      else out[i] = r;
    }
    if (!ok) return INVALID;
    if (n < min) {
      return run.fail("too_short", lengthMsg("at least", min, n, "List"), value, {
        field_type: "List",
        min_length: min,
        actual_length: n,
      });
    }
    return out;
  };
  return { fn, acceptsUndefined: false };
}

/** `z.record`: a dict; a bad key is reported at [..., key, "[key]"], a bad value at [..., key]. */
export function compileRecord(schema: ZodLike, compileChild: CompileChild): Compiled {
  const keyNode = compileChild(schema._zod.def.keyType);
  const valueNode = compileChild(schema._zod.def.valueType);
  const fn = (value: unknown, run: Run): unknown => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return run.fail("dict_type", MSG.dict_type, value);
    }
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    const path = run.path;
    let ok = true;
    for (const key of Object.keys(input)) {
      path.push(key);
      path.push("[key]");
      const k = keyNode.fn(key, run);
      path.pop();
      const v = valueNode.fn(input[key], run);
      path.pop();
      if (k === INVALID || v === INVALID) ok = false;
      else setKey(out, String(k), v);
    }
    return ok ? out : INVALID;
  };
  return { fn, acceptsUndefined: false };
}

/** `z.tuple`: fixed positions, then `rest` items; length errors use pydantic's Tuple wording. */
export function compileTuple(schema: ZodLike, compileChild: CompileChild): Compiled {
  const items = (schema._zod.def.items as unknown[]).map(compileChild);
  const rest = schema._zod.def.rest ? compileChild(schema._zod.def.rest) : null;
  const fn = (value: unknown, run: Run): unknown => {
    if (!Array.isArray(value)) return run.fail("tuple_type", MSG.tuple_type, value);
    const n = value.length;
    if (rest === null && n > items.length) {
      return run.fail("too_long", lengthMsg("at most", items.length, n, "Tuple"), value, {
        field_type: "Tuple",
        max_length: items.length,
        actual_length: n,
      });
    }
    const out: unknown[] = [];
    const path = run.path;
    let ok = true;
    for (let i = 0; i < Math.max(n, items.length); i++) {
      const node = items[i] ?? rest!;
      path.push(i);
      if (i >= n && !node.acceptsUndefined) {
        run.fail("missing", MSG.missing, value);
        ok = false;
      } else {
        const r = node.fn(value[i], run);
        if (r === INVALID) ok = false;
        else if (i < n || r !== undefined) out.push(r);
      }
      path.pop();
    }
    return ok ? out : INVALID;
  };
  return { fn, acceptsUndefined: false };
}
