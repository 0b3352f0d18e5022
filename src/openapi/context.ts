import {
  type ComponentRegistry,
  type JsonSchema,
  orderKeys,
  type SchemaIo,
} from "../schema/json-schema.js";

/** What every part of one document build shares. */
export interface BuildContext {
  readonly registry: ComponentRegistry;
  /** "output", or "input" when input and output schemas are not separated */
  readonly outputIo: SchemaIo;
  /** components.securitySchemes, in first-use order */
  readonly securitySchemes: Map<string, Record<string, unknown>>;
  /** whether some operation documents the automatic 422 */
  usesValidationError: boolean;
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
