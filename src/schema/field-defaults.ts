import type { StandardSchemaV1 } from "./standard.js";
import { innerSchema, isZod } from "./zod-def.js";

/** The default a field schema fills in (looking through its wrappers), or null when none. */
function defaultOf(schema: unknown): { value: unknown } | null {
  let s = schema;
  for (let depth = 0; depth < 32 && isZod(s); depth++) {
    const def = s._zod.def;
    if (def.type === "default") return { value: def.defaultValue };
    s = innerSchema(s);
  }
  return null;
}

/**
 * The defaults an object schema's fields declare (looking through wrappers, pipes and arrays),
 * by field name; null if not an object schema or not a Zod one.
 * @example fieldDefaults(z.object({ tax: z.number().default(10.5), name: z.string() })) // { tax: 10.5 }
 */
export function fieldDefaults(schema: StandardSchemaV1): Record<string, unknown> | null {
  let s: unknown = schema;
  for (let depth = 0; depth < 32 && isZod(s); depth++) {
    const def = s._zod.def;
    const inner = innerSchema(s);
    if (inner !== undefined) s = inner;
    else if (def.type === "array") s = def.element;
    else if (def.type === "object") {
      const shape = def.shape as Record<string, unknown>;
      const defaults: Record<string, unknown> = {};
      for (const key of Object.keys(shape)) {
        const found = defaultOf(shape[key]);
        if (found !== null) defaults[key] = found.value;
      }
      return defaults;
    } else return null;
  }
  return null;
}
