import {
  type ComponentRegistry,
  type JsonSchema,
  orderKeys,
  type SchemaIo,
} from "../schema/index.js";

import type { OperationDescription } from "./types.js";
/** What every part of one document build shares. */
export interface BuildContext {
  readonly registry: ComponentRegistry;
  /** "output", or "input" when input and output schemas are not separated */
  readonly outputIo: SchemaIo;
  /** components.securitySchemes, in first-use order */
  readonly securitySchemes: Map<string, Record<string, unknown>>;
  /** whether some operation documents the automatic 422 */
  usesValidationError: boolean;
  /** an operation's `callbacks`: each callback route under its name, as a path item by its path */
  buildCallbacks?: (callbacks: OperationDescription[]) => JsonSchema;
}

/**
 * Sets `title` (unless the schema is a `$ref`: pydantic never titles a reference) and
 * `description`, in place so that tracked `$ref` nodes keep their identity.
 */
export function withTitle(schema: JsonSchema, title: string, description?: string): JsonSchema {
  if (schema.$ref === undefined && schema.title === undefined) schema.title = title;
  if (description !== undefined) schema.description = description;
  return orderKeys(schema);
}

const ANNOTATIONS = ["title", "description", "examples", "deprecated"];

/**
 * An optional value without a default is pydantic's `X | None = None`: `anyOf: [X, null]`,
 * the annotations lifted to the outer schema. Schemas with a default, that accept null
 * already, or that accept anything are left as they are.
 */
export function optionalAsNullable(schema: JsonSchema, required: boolean): JsonSchema {
  if (required || "default" in schema || acceptsNull(schema) || isEmpty(schema)) return schema;
  const outer: JsonSchema = { anyOf: [schema, { type: "null" }] };
  for (const key of ANNOTATIONS) {
    if (key in schema) {
      outer[key] = schema[key];
      delete schema[key];
    }
  }
  return outer;
}

function acceptsNull(schema: JsonSchema): boolean {
  const anyOf = schema.anyOf;
  return (
    schema.type === "null" ||
    (Array.isArray(anyOf) && anyOf.some((branch) => (branch as JsonSchema).type === "null"))
  );
}

function isEmpty(schema: JsonSchema): boolean {
  return Object.keys(schema).every((key) => ANNOTATIONS.includes(key));
}
