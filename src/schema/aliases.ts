import { z } from "zod";
import { innerSchema, isZod, type ZodLike } from "./zod-def.js";

/** Renames a validated value's field names to their aliases (a response sent `byAlias`). */
export type AliasRenamer = (value: unknown) => unknown;

/**
 * The wire name a field schema declares with `.meta({ alias })`, looking through its wrappers
 * (`.optional()`, `.default()`, `.nullable()`…); undefined when it has none.
 * @example aliasOf(z.string().meta({ alias: "itemName" }).optional()) // "itemName"
 */
export function aliasOf(field: unknown): string | undefined {
  let s = field;
  for (let depth = 0; depth < 32 && isZod(s); depth++) {
    const meta = z.globalRegistry.get(s as never) as { alias?: unknown } | undefined;
    if (typeof meta?.alias === "string") return meta.alias;
    // a pipe's field is read by its input side (`z.string().meta({ alias }).transform(…)`)
    s = innerSchema(s);
  }
  return undefined;
}

/** The schemas directly inside one (fields, items, members, wrapped types). */
function childrenOf(schema: ZodLike): unknown[] {
  const def = schema._zod.def;
  switch (def.type) {
    case "object":
      return [...Object.values(def.shape as Record<string, unknown>), def.catchall];
    case "array":
      return [def.element];
    case "record":
      return [def.valueType];
    case "tuple":
      return [...(def.items as unknown[]), def.rest];
    case "union":
      return def.options as unknown[];
    case "intersection":
      return [def.left, def.right];
    case "lazy":
      return [def.getter()];
    case "pipe":
      return [def.in, def.out];
    default:
      return [innerSchema(schema)];
  }
}

/**
 * Whether any object inside a schema has a field with an alias; run once per schema at
 * registration so that models without aliases keep the plain validator and serializer.
 */
export function hasAliases(schema: unknown, seen: Set<unknown> = new Set()): boolean {
  if (!isZod(schema) || seen.has(schema)) return false;
  seen.add(schema);
  const def = schema._zod.def;
  if (def.type === "object") {
    for (const field of Object.values(def.shape as Record<string, unknown>))
      if (aliasOf(field) !== undefined) return true;
  }
  return childrenOf(schema).some((child) => hasAliases(child, seen));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const identity: AliasRenamer = (value) => value;

function ownKey(value: unknown): PropertyDescriptor {
  return { value, enumerable: true, writable: true, configurable: true };
}

/** Compiles the renamer of one schema node; `cache` ties recursive schemas into loops. */
function compileRenamer(schema: unknown, cache: Map<unknown, { fn: AliasRenamer }>): AliasRenamer {
  if (!isZod(schema) || !hasAliases(schema)) return identity;
  const cached = cache.get(schema);
  if (cached !== undefined) return (value) => cached.fn(value);
  const slot = { fn: identity };
  cache.set(schema, slot);
  slot.fn = buildRenamer(schema, cache);
  return slot.fn;
}

function buildRenamer(schema: ZodLike, cache: Map<unknown, { fn: AliasRenamer }>): AliasRenamer {
  const def = schema._zod.def;
  const child = (s: unknown) => compileRenamer(s, cache);
  switch (def.type) {
    case "object": {
      const shape = def.shape as Record<string, unknown>;
      const fields = new Map(
        Object.keys(shape).map((key) => [
          key,
          { wire: aliasOf(shape[key]) ?? key, rename: child(shape[key]) },
        ]),
      );
      return (value) => {
        if (!isRecord(value)) return value;
        const out: Record<string, unknown> = {};
        for (const key in value) {
          const field = fields.get(key);
          if (field === undefined) out[key] = value[key];
          else if (field.wire !== "__proto__") out[field.wire] = field.rename(value[key]);
          // a key of its own: assigning "__proto__" would replace the object's prototype
          else Object.defineProperty(out, "__proto__", ownKey(field.rename(value[key])));
        }
        return out;
      };
    }
    case "array": {
      const item = child(def.element);
      return (value) => (Array.isArray(value) ? value.map(item) : value);
    }
    case "record": {
      const item = child(def.valueType);
      return (value) => {
        if (!isRecord(value)) return value;
        const out: Record<string, unknown> = {};
        for (const key in value) out[key] = item(value[key]);
        return out;
      };
    }
    case "tuple": {
      const items = (def.items as unknown[]).map(child);
      const rest = def.rest ? child(def.rest) : identity;
      return (value) =>
        Array.isArray(value) ? value.map((item, i) => (items[i] ?? rest)(item)) : value;
    }
    case "union":
      return typeof def.discriminator === "string"
        ? taggedRenamer(def.discriminator, def.options as ZodLike[], child)
        : unionRenamer(def.options as unknown[], child);
    case "lazy":
      return child(def.getter());
    case "pipe":
      // the value is the pipe's output: a schema on the output side says its shape
      return child(def.out);
    default:
      return child(innerSchema(schema));
  }
}

/**
 * A union's value is renamed by the first object member declaring every key it has (objects
 * validated by a member keep only that member's keys); other values by the first member that
 * renames anything for them.
 */
function unionRenamer(options: unknown[], child: (s: unknown) => AliasRenamer): AliasRenamer {
  const members = options
    .filter((option) => hasAliases(option))
    .map((option) => ({ keys: objectKeys(option), rename: child(option) }));
  return (value) => {
    for (const member of members) {
      if (isRecord(value) && member.keys !== null) {
        if (Object.keys(value).every((key) => member.keys!.has(key))) return member.rename(value);
      } else if (!isRecord(value) && member.keys === null) return member.rename(value);
    }
    return value;
  };
}

/** A discriminated union's value is renamed by the member its tag names. */
function taggedRenamer(
  key: string,
  options: ZodLike[],
  child: (s: unknown) => AliasRenamer,
): AliasRenamer {
  const byTag = new Map<unknown, AliasRenamer>();
  for (const option of options) {
    const field = (option._zod.def.shape as Record<string, ZodLike> | undefined)?.[key];
    const rename = child(option);
    for (const tag of field?._zod.values ?? []) byTag.set(tag, rename);
  }
  return (value) => {
    if (!isRecord(value)) return value;
    const rename = byTag.get(value[key]);
    return rename === undefined ? value : rename(value);
  };
}

function objectKeys(schema: unknown): Set<string> | null {
  let s = schema;
  for (let depth = 0; depth < 32 && isZod(s); depth++) {
    const def = s._zod.def;
    if (def.type === "object") return new Set(Object.keys(def.shape as Record<string, unknown>));
    s = def.type === "lazy" ? def.getter() : innerSchema(s);
  }
  return null;
}

/**
 * Compiles how a response schema's validated value is sent with its fields' aliases as keys
 * (FastAPI's `response_model_by_alias`); null when the schema declares no alias.
 * @example
 * const rename = compileAliasRenamer(z.object({ item_name: z.string().meta({ alias: "itemName" }) }));
 * rename?.({ item_name: "Foo" }) // { itemName: "Foo" }
 */
export function compileAliasRenamer(schema: unknown): AliasRenamer | null {
  return hasAliases(schema) ? compileRenamer(schema, new Map()) : null;
}
