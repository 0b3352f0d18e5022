import { aliasOf } from "./aliases.js";
import type { StandardSchemaV1 } from "./standard.js";
import type { SchemaFacts } from "./types.js";
import { innerSchema, isZod } from "./zod-def.js";

const ACCEPTS_ABSENT = new Set(["optional", "default", "prefault", "catch", "undefined", "void"]);

function unwrap(schema: unknown): { type: string; optional: boolean } {
  let optional = false;
  // `.nonoptional()` makes whatever it wraps required again
  let required = false;
  let s = schema;
  for (let depth = 0; depth < 32 && isZod(s); depth++) {
    const def = s._zod.def;
    if (def.type === "nonoptional") required = true;
    if (ACCEPTS_ABSENT.has(def.type) || s._zod.optin !== undefined) optional = true;
    const inner = def.type === "lazy" ? def.getter() : innerSchema(s);
    if (inner === undefined) return { type: def.type, optional: optional && !required };
    s = inner;
  }
  return { type: "unknown", optional: optional && !required };
}

/**
 * Compile-time facts about a schema: does it accept an absent value, is it a list, an object.
 * @example describeSchema(z.array(z.string()).optional()) // { optional: true, isList: true, isObject: false }
 */
export function describeSchema(schema: StandardSchemaV1): SchemaFacts {
  if (!isZod(schema)) {
    // a foreign validator says itself whether it accepts "absent"
    const r = schema["~standard"].validate(undefined);
    const optional = !(r instanceof Promise) && r.issues === undefined;
    return { optional, isList: false, isObject: false };
  }
  const { type, optional } = unwrap(schema);
  return {
    optional,
    isList: type === "array" || type === "tuple",
    isObject: type === "object",
  };
}

/**
 * The keys an object schema declares (looking through wrappers, pipes and arrays): what the
 * schema itself may add beyond them (a transform's derived keys) is not "unset" output.
 * @example declaredFields(z.object({ a: z.string() }).transform(…)) // ["a"]
 */
export function declaredFields(schema: StandardSchemaV1): readonly string[] | null {
  let s: unknown = schema;
  for (let depth = 0; depth < 32 && isZod(s); depth++) {
    const def = s._zod.def;
    const inner = innerSchema(s);
    if (inner !== undefined) s = inner;
    else if (def.type === "array") s = def.element;
    else if (def.type === "object") return Object.keys(def.shape as Record<string, unknown>);
    else return null;
  }
  return null;
}

/**
 * An object schema's fields with their facts, keyed by the name they are read under (the
 * `.meta({ alias })` if any), for models read from a whole source (a query model:
 * `Query(z.object({ limit: …, tags: z.array(…) }))`); null if not an object schema.
 */
export function describeFields(
  schema: StandardSchemaV1,
): Record<string, SchemaFacts & { aliased: boolean }> | null {
  let s: unknown = schema;
  for (let depth = 0; depth < 32 && isZod(s); depth++) {
    const def = s._zod.def;
    const inner = innerSchema(s);
    if (inner !== undefined) s = inner;
    else if (def.type === "object") {
      const shape = def.shape as Record<string, StandardSchemaV1>;
      const fields: Record<string, SchemaFacts & { aliased: boolean }> = {};
      for (const key of Object.keys(shape)) {
        const alias = aliasOf(shape[key]);
        fields[alias ?? key] = { ...describeSchema(shape[key]!), aliased: alias !== undefined };
      }
      return fields;
    } else return null;
  }
  return null;
}
