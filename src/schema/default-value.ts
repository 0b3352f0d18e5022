import { setKey } from "./compile-compound.js";

/**
 * A `.default()` / `.prefault()` value for one use, copied all the way down as pydantic copies
 * a mutable default, so a handler that edits a nested default object never changes what the
 * next request gets (Zod's own getter copies only the outer object or array).
 * @example freshDefault(z.object({ tags: z.array(z.string()) }).default({ tags: [] })._zod.def)
 */
export function freshDefault(def: object): unknown {
  const value = (def as { readonly defaultValue?: unknown }).defaultValue;
  return typeof value === "object" && value !== null ? deepCopy(value, new Map()) : value;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** plain objects and arrays copied (a shared or cyclic part copied once); anything else kept */
function deepCopy(value: unknown, seen: Map<object, unknown>): unknown {
  if (typeof value !== "object" || value === null) return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(deepCopy(item, seen));
    return out;
  }
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const key of Object.keys(value)) setKey(out, key, deepCopy(value[key], seen));
  return out;
}
