import { toJSONSchema } from "zod";
import { aliasOf } from "./aliases.js";
import { describeBase64, isBase64Bytes } from "./base64.js";
import type { StandardSchemaV1 } from "./standard.js";

/** A JSON Schema (draft 2020-12) object as it appears in an OpenAPI 3.1 document. */
export type JsonSchema = Record<string, unknown>;

/** Which side of a schema is documented: what a request sends, or what a response returns. */
export type SchemaIo = "input" | "output";

export const COMPONENT_REF_PREFIX = "#/components/schemas/";

interface ComponentEntry {
  input?: JsonSchema;
  output?: JsonSchema;
  /** builder-made schemas (Body_…, HTTPValidationError): one version, never split */
  fixed?: JsonSchema;
}

interface TrackedRef {
  node: JsonSchema;
  id: string;
  io: SchemaIo;
}

/**
 * Collects the named schemas (`.meta({ id })`) met while converting, per side, and every `$ref`
 * that points at them, so that `finish()` can name a component `Name-Input`/`Name-Output` when
 * its two sides differ and point each reference at the right one.
 *
 * @example
 * const registry = new ComponentRegistry();
 * const body = toJsonSchema(Item, "input", registry); // { $ref: "#/components/schemas/Item" }
 * const schemas = registry.finish(true);              // { Item: { properties: …, title: "Item" } }
 */
export class ComponentRegistry {
  readonly #entries = new Map<string, ComponentEntry>();
  readonly #refs: TrackedRef[] = [];

  /** Records a converted named schema for one side; the first conversion of a name wins. */
  add(id: string, io: SchemaIo, schema: JsonSchema): void {
    const entry = this.#entries.get(id) ?? {};
    if (entry[io] === undefined) entry[io] = schema;
    this.#entries.set(id, entry);
  }

  /** Registers a schema built by hand (same on both sides), e.g. `Body_<operationId>`. */
  define(name: string, schema: JsonSchema): void {
    if (!this.#entries.has(name)) this.#entries.set(name, { fixed: schema });
  }

  has(name: string): boolean {
    return this.#entries.has(name);
  }

  /** Remembers a `$ref` node so that `finish()` can retarget it to `-Input`/`-Output`. */
  trackRef(node: JsonSchema, id: string, io: SchemaIo): void {
    this.#refs.push({ node, id, io });
  }

  /**
   * The `components.schemas` object, sorted by name. With `separate`, a name whose input and
   * output schemas differ becomes `Name-Input` and `Name-Output`, and its references follow.
   */
  finish(separate: boolean): Record<string, JsonSchema> {
    const split = separate ? this.#splitNames() : new Set<string>();
    const out: Record<string, JsonSchema> = {};
    for (const [id, entry] of this.#entries) {
      if (entry.fixed) {
        out[id] = entry.fixed;
      } else if (split.has(id)) {
        out[`${id}-Input`] = entry.input as JsonSchema;
        out[`${id}-Output`] = entry.output as JsonSchema;
      } else {
        out[id] = (entry.input ?? entry.output) as JsonSchema;
      }
    }
    for (const ref of this.#refs) {
      if (!split.has(ref.id)) continue;
      ref.node.$ref = `${COMPONENT_REF_PREFIX}${ref.id}-${ref.io === "input" ? "Input" : "Output"}`;
    }
    const sorted: Record<string, JsonSchema> = {};
    for (const name of Object.keys(out).sort()) sorted[name] = out[name] as JsonSchema;
    return sorted;
  }

  /**
   * Names used on both sides whose schemas differ, directly or through a component they
   * reference (pydantic's definitions differ transitively too).
   */
  #splitNames(): Set<string> {
    const both = [...this.#entries].filter(([, entry]) => entry.input && entry.output);
    const split = new Set(
      both.filter(([, entry]) => !deepEqual(entry.input, entry.output)).map(([id]) => id),
    );
    let grew = true;
    while (grew) {
      grew = false;
      for (const [id, entry] of both) {
        if (split.has(id)) continue;
        if (referencedIds(entry.input).some((ref) => split.has(ref))) {
          split.add(id);
          grew = true;
        }
      }
    }
    return split;
  }
}

/**
 * Converts a Standard Schema to the JSON Schema pydantic would write for the same model.
 * Zod schemas go through Zod's own converter; `.meta({ id })` schemas become
 * `$ref: "#/components/schemas/<id>"` and are recorded in `registry`. Other libraries use their
 * Standard JSON Schema / `toJSONSchema()` if they have one, else `{}`.
 *
 * @example
 * toJsonSchema(z.object({ max_tokens: z.number().int().default(16) }), "input", registry)
 * // { properties: { max_tokens: { type: "integer", title: "Max Tokens", default: 16 } }, type: "object" }
 */
export function toJsonSchema(
  schema: StandardSchemaV1,
  io: SchemaIo,
  registry: ComponentRegistry,
): JsonSchema {
  const raw = isZodSchema(schema) ? convertZod(schema, io) : convertForeign(schema, io);
  const defs = (raw.$defs ?? {}) as Record<string, JsonSchema>;
  delete raw.$defs;
  delete raw.$schema;
  for (const [id, def] of Object.entries(defs)) {
    const component = normalize(def, io, registry);
    if (component.title === undefined) component.title = id;
    registry.add(id, io, orderKeys(component));
  }
  return normalize(raw, io, registry);
}

function isZodSchema(schema: StandardSchemaV1): boolean {
  return "_zod" in schema && schema["~standard"].vendor === "zod";
}

function convertZod(schema: StandardSchemaV1, io: SchemaIo): JsonSchema {
  return toJSONSchema(schema as never, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    cycles: "ref",
    reused: "inline",
    override: ({ zodSchema, jsonSchema }) => {
      // Zod closes every object in output mode; pydantic only closes `extra="forbid"` models.
      const def = (zodSchema as { _zod: { def: { type: string; catchall?: unknown } } })._zod.def;
      if (def.type === "object" && def.catchall === undefined)
        delete jsonSchema.additionalProperties;
      // an alias is the field's name in the document, on both sides (FastAPI's by_alias=True)
      delete jsonSchema.alias;
      if (def.type === "object") aliasProperties(zodSchema, jsonSchema);
      if (def.type === "pipe" && isBase64Bytes(zodSchema as never)) describeBase64(jsonSchema);
    },
  }) as JsonSchema;
}

/** `properties` and `required` under the aliases of the fields that declare one. */
function aliasProperties(zodSchema: unknown, jsonSchema: JsonSchema): void {
  const shape = (zodSchema as { _zod: { def: { shape: Record<string, unknown> } } })._zod.def.shape;
  const properties = jsonSchema.properties as Record<string, JsonSchema> | undefined;
  if (properties === undefined) return;
  const wire: Record<string, string> = {};
  for (const key of Object.keys(shape)) {
    const alias = aliasOf(shape[key]);
    if (alias !== undefined) wire[key] = alias;
  }
  if (Object.keys(wire).length === 0) return;
  const renamed: Record<string, JsonSchema> = {};
  for (const key of Object.keys(properties)) renamed[wire[key] ?? key] = properties[key]!;
  jsonSchema.properties = renamed;
  if (Array.isArray(jsonSchema.required))
    jsonSchema.required = (jsonSchema.required as string[]).map((key) => wire[key] ?? key);
}

interface ForeignJsonSchema {
  "~standard": { jsonSchema?: Record<string, (options: { target: string }) => unknown> };
  toJSONSchema?: () => unknown;
}

function convertForeign(schema: StandardSchemaV1, io: SchemaIo): JsonSchema {
  const foreign = schema as unknown as ForeignJsonSchema;
  try {
    const standard = foreign["~standard"].jsonSchema?.[io];
    if (typeof standard === "function") return { ...(standard({ target: "draft-2020-12" }) as {}) };
    if (typeof foreign.toJSONSchema === "function") return { ...(foreign.toJSONSchema() as {}) };
  } catch {
    // a library that cannot describe this schema documents it as "any value"
  }
  return {};
}

const SAFE_INT = Number.MAX_SAFE_INTEGER;

/** Rewrites Zod's output into pydantic's conventions, depth first. */
function normalize(node: JsonSchema, io: SchemaIo, registry: ComponentRegistry): JsonSchema {
  for (const [key, value] of Object.entries(node)) {
    if (key === "properties" || key === "$defs" || key === "patternProperties") {
      const map = value as Record<string, JsonSchema>;
      for (const name of Object.keys(map)) {
        map[name] = normalize(map[name] as JsonSchema, io, registry);
      }
    } else if (Array.isArray(value)) {
      if (key === "anyOf" || key === "oneOf" || key === "allOf" || key === "prefixItems") {
        node[key] = value.map((item) => normalize(item as JsonSchema, io, registry));
      }
    } else if (isPlainObject(value) && SUBSCHEMA_KEYS.has(key)) {
      node[key] = normalize(value, io, registry);
    }
  }
  // {"type": ["string", "null"]} -> {"anyOf": [{"type": "string"}, {"type": "null"}]}
  if (Array.isArray(node.type)) {
    node.anyOf = (node.type as string[]).map((type) => ({ type }));
    delete node.type;
  }
  if (node.type === "integer") {
    if (node.minimum === -SAFE_INT) delete node.minimum;
    if (node.maximum === SAFE_INT) delete node.maximum;
  }
  if (typeof node.$ref === "string" && node.$ref.startsWith("#/$defs/")) {
    const id = node.$ref.slice("#/$defs/".length);
    node.$ref = `${COMPONENT_REF_PREFIX}${id}`;
    registry.trackRef(node, id, io);
  }
  if (isPlainObject(node.properties)) addFieldFacts(node);
  return orderKeys(node);
}

const SUBSCHEMA_KEYS = new Set([
  "items",
  "additionalProperties",
  "not",
  "contains",
  "propertyNames",
  "if",
  "then",
  "else",
  "unevaluatedProperties",
  "unevaluatedItems",
]);

/** Field titles from their keys; fields with a default are never required (pydantic's rule). */
function addFieldFacts(node: JsonSchema): void {
  const properties = node.properties as Record<string, JsonSchema>;
  for (const [key, property] of Object.entries(properties)) {
    if (property.title === undefined && property.$ref === undefined) {
      property.title = titleCase(key);
      orderKeys(property);
    }
  }
  if (Array.isArray(node.required)) {
    const required = (node.required as string[]).filter(
      (key) => properties[key] === undefined || !("default" in properties[key]),
    );
    if (required.length > 0) node.required = required;
    else delete node.required;
  }
}

const HEAD_KEYS = ["$ref", "properties", "items", "type"];
const OBJECT_KEYS = ["required", "additionalProperties"];
const TAIL_KEYS = [
  "title",
  "description",
  "default",
  "examples",
  "deprecated",
  "readOnly",
  "writeOnly",
];

/**
 * pydantic's key order, in place (a tracked `$ref` node keeps its identity): shape first
 * (`$ref`, `properties`, `type`, …, `required`), then `title`, `description`, `default`.
 */
export function orderKeys(node: JsonSchema): JsonSchema {
  const ordered: JsonSchema = {};
  for (const key of HEAD_KEYS) if (key in node) ordered[key] = node[key];
  for (const key of Object.keys(node)) {
    if (!HEAD_KEYS.includes(key) && !OBJECT_KEYS.includes(key) && !TAIL_KEYS.includes(key)) {
      ordered[key] = node[key];
    }
  }
  for (const key of [...OBJECT_KEYS, ...TAIL_KEYS]) if (key in node) ordered[key] = node[key];
  for (const key of Object.keys(node)) delete node[key];
  return Object.assign(node, ordered);
}

/**
 * Python's `str.title()` after `_` -> space, with camelCase split first:
 * `max_tokens` -> `Max Tokens`, `readNestedItem` -> `Read Nested Item`,
 * `x-client-version` -> `X-Client-Version`, `list_models_models__get` -> `List Models Models  Get`.
 */
export function titleCase(name: string): string {
  const spaced = name.replace(/(\p{Ll}|\p{N})(\p{Lu})/gu, "$1 $2").replace(/_/g, " ");
  let out = "";
  let previousCased = false;
  for (const char of spaced) {
    const cased = char.toLowerCase() !== char.toUpperCase();
    out += cased ? (previousCased ? char.toLowerCase() : char.toUpperCase()) : char;
    previousCased = cased;
  }
  return out;
}

function referencedIds(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) referencedIds(item, found);
  } else if (isPlainObject(node)) {
    const ref = node.$ref;
    if (typeof ref === "string" && ref.startsWith(COMPONENT_REF_PREFIX)) {
      found.push(ref.slice(COMPONENT_REF_PREFIX.length));
    }
    for (const value of Object.values(node)) referencedIds(value, found);
  }
  return found;
}

function isPlainObject(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) =>
    deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}
