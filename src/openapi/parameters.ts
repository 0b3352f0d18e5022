import { type JsonSchema, orderKeys, titleCase, toJsonSchema } from "../schema/index.js";
import { type BuildContext, optionalAsNullable, withTitle } from "./context.js";
import type { ParameterDescription } from "./types.js";

/**
 * One OpenAPI Parameter Object: `name`, `in`, `required`, `schema`, then `description`,
 * `deprecated`. The schema title is the Title Case of the alias (a header's wire name), else of
 * the declared name.
 */
export function buildParameter(param: ParameterDescription, ctx: BuildContext): JsonSchema {
  let schema = toJsonSchema(param.schema, "input", ctx.registry);
  // FastAPI documents `q: str | None = None` with no default key
  if (schema.default === null) delete schema.default;
  schema = optionalAsNullable(schema, param.required);
  schema = withTitle(
    schema,
    param.title ?? titleCase(parameterTitleSource(param)),
    param.description,
  );
  if (param.deprecated) schema.deprecated = true;
  if (param.examples !== undefined) schema.examples = param.examples;
  const out: JsonSchema = {
    name: param.wireName,
    in: param.in,
    required: param.required,
    schema: orderKeys(schema),
  };
  if (param.description !== undefined) out.description = param.description;
  // FastAPI's order: description, examples, deprecated
  if (param.openapiExamples !== undefined) out.examples = param.openapiExamples;
  if (param.deprecated) out.deprecated = true;
  return out;
}

/**
 * FastAPI titles a parameter by its alias, and a header's alias is its converted wire name:
 * `x_client_version` -> `X-Client-Version`, `strange_header` (underscores kept) -> `Strange Header`.
 */
function parameterTitleSource(param: ParameterDescription): string {
  if (param.alias !== undefined) return param.alias;
  return param.in === "header" ? param.wireName : param.name;
}
