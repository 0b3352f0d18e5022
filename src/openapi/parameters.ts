import { type JsonSchema, orderKeys, titleCase, toJsonSchema } from "../schema/json-schema.js";
import { type BuildContext, withTitle } from "./context.js";
import type { ParameterDescription } from "./types.js";

/**
 * One OpenAPI Parameter Object: `name`, `in`, `required`, `schema`, then `description`,
 * `deprecated`. The schema title is the Title Case of the alias, else of the declared name.
 */
export function buildParameter(param: ParameterDescription, ctx: BuildContext): JsonSchema {
  let schema = toJsonSchema(param.schema, "input", ctx.registry);
  // An optional parameter without a default is pydantic's `X | None = None`.
  if (!param.required && !("default" in schema) && !acceptsNull(schema) && !isEmpty(schema)) {
    const inner = schema;
    schema = { anyOf: [inner, { type: "null" }], ...pickAnnotations(inner) };
    for (const key of ANNOTATIONS) delete inner[key];
  }
  schema = withTitle(schema, titleCase(parameterTitleSource(param)), param.description);
  if (param.deprecated) schema.deprecated = true;
  if (param.examples !== undefined) schema.examples = param.examples;
  const out: JsonSchema = {
    name: param.wireName,
    in: param.in,
    required: param.required,
    schema: orderKeys(schema),
  };
  if (param.description !== undefined) out.description = param.description;
  if (param.deprecated) out.deprecated = true;
  return out;
}

function parameterTitleSource(param: ParameterDescription): string {
  if (param.alias !== undefined) return param.alias;
  // a header whose wire name is not just the declared name with `_` -> `-` was aliased
  if (param.in === "header" && param.wireName.toLowerCase() !== param.name.replace(/_/g, "-")) {
    return param.wireName;
  }
  return param.name;
}

const ANNOTATIONS = ["title", "description", "examples", "deprecated"];

function pickAnnotations(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const key of ANNOTATIONS) if (key in schema) out[key] = schema[key];
  return out;
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
