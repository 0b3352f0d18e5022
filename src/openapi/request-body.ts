import { type JsonSchema, titleCase, toJsonSchema } from "../schema/index.js";
import { type BuildContext, optionalAsNullable, withTitle } from "./context.js";
import type { BodyFieldDescription, RequestBodyDescription } from "./types.js";

const BINARY: JsonSchema = { type: "string", format: "binary" };

/**
 * The Request Body Object. A single non-embedded body (a JSON body, or a form model) documents
 * its own schema (a `$ref` for a named model); embedded, multiple, form and multipart bodies
 * document a generated `Body_<operationId>` component with one property per field.
 */
export function buildRequestBody(
  body: RequestBodyDescription,
  operationId: string,
  ctx: BuildContext,
): JsonSchema {
  let schema: JsonSchema;
  const first = body.fields[0];
  if (!body.embedded && first !== undefined) {
    schema = fieldSchema(first, ctx);
  } else {
    const name = `Body_${operationId}`;
    ctx.registry.define(name, bodyComponent(body.fields, name, ctx));
    schema = { $ref: `#/components/schemas/${name}` };
  }
  // named examples describe a whole body: FastAPI documents those of a lone, non-embedded one
  const examples = body.embedded ? undefined : first?.openapiExamples;
  const content = { [body.mediaType]: examples === undefined ? { schema } : { schema, examples } };
  // recorded: JSON bodies put `required` first, form and multipart bodies put it last
  if (body.mediaType === "application/json") {
    return body.required ? { required: true, content } : { content };
  }
  return body.required ? { content, required: true } : { content };
}

function bodyComponent(fields: BodyFieldDescription[], name: string, ctx: BuildContext) {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const field of fields) {
    properties[field.wireName] = fieldSchema(field, ctx);
    if (field.required) required.push(field.wireName);
  }
  const component: JsonSchema = { properties, type: "object" };
  if (required.length > 0) component.required = required;
  component.title = name;
  return component;
}

function fieldSchema(field: BodyFieldDescription, ctx: BuildContext): JsonSchema {
  let schema: JsonSchema;
  if (field.isFileList) schema = { items: { ...BINARY }, type: "array" };
  else if (field.isFile) schema = { ...BINARY };
  else if (field.schema !== undefined) schema = toJsonSchema(field.schema, "input", ctx.registry);
  else schema = {};
  if (field.examples !== undefined) schema.examples = field.examples;
  if (field.deprecated) schema.deprecated = true;
  return withTitle(
    optionalAsNullable(schema, field.required),
    field.title ?? titleCase(field.name),
    field.description,
  );
}
