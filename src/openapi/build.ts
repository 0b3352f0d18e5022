import { ComponentRegistry, type JsonSchema } from "../schema/index.js";
import type { BuildContext } from "./context.js";
import { defaultOperationId, documentedPath } from "./naming.js";
import { buildOperation } from "./operation.js";
import type { DocumentOptions, OperationDescription } from "./types.js";
import { httpValidationErrorSchema, validationErrorSchema } from "./validation-error.js";

/**
 * Builds the OpenAPI 3.1 document FastAPI would serve for these routes. Pure: the same input
 * gives the same document; caching it is the caller's job.
 *
 * @example
 * const doc = buildOpenApiDocument(app.describeOperations(), { title: "Inference API", version: "1.0.0" });
 * doc.paths["/items/{item_id}"].get.operationId; // "read_item_items__item_id__get"
 */
export function buildOpenApiDocument(
  operations: OperationDescription[],
  options: DocumentOptions,
): Record<string, unknown> {
  const separate = options.separateInputOutputSchemas ?? true;
  const ctx: BuildContext = {
    registry: new ComponentRegistry(),
    outputIo: separate ? "output" : "input",
    securitySchemes: new Map(),
    usesValidationError: false,
  };
  ctx.buildCallbacks = (callbacks) =>
    Object.fromEntries(
      callbacks.map((callback) => [
        callback.name,
        buildPathItems([callback], options, ctx, (path) => path),
      ]),
    );
  const paths = buildPathItems(operations, options, ctx, documentedPath);
  const webhooks = buildPathItems(options.webhooks ?? [], options, ctx, (path) => path);
  if (ctx.usesValidationError) {
    ctx.registry.define("ValidationError", validationErrorSchema());
    ctx.registry.define("HTTPValidationError", httpValidationErrorSchema());
  }

  const document: Record<string, unknown> = { openapi: "3.1.0", info: buildInfo(options) };
  if (options.servers && options.servers.length > 0) document.servers = options.servers;
  document.paths = paths;
  const components: JsonSchema = {};
  const schemas = ctx.registry.finish(separate);
  if (Object.keys(schemas).length > 0) components.schemas = schemas;
  if (ctx.securitySchemes.size > 0) {
    components.securitySchemes = Object.fromEntries(ctx.securitySchemes);
  }
  if (Object.keys(components).length > 0) document.components = components;
  if (options.openapiTags && options.openapiTags.length > 0) document.tags = options.openapiTags;
  if (Object.keys(webhooks).length > 0) document.webhooks = webhooks;
  if (options.externalDocs) document.externalDocs = options.externalDocs;
  return document;
}

function buildInfo(options: DocumentOptions): JsonSchema {
  const info: JsonSchema = { title: options.title };
  if (options.summary) info.summary = options.summary;
  if (options.description) info.description = options.description;
  info.version = options.version;
  if (options.termsOfService) info.termsOfService = options.termsOfService;
  if (options.contact) info.contact = options.contact;
  if (options.license) info.license = options.license;
  return info;
}

/**
 * Path items in registration order. Each method of a multi-method route gets its own operation
 * id: FastAPI reuses the first method's and warns, which leaves the document with duplicate ids
 * (invalid for OpenAPI and for client generators).
 */
function buildPathItems(
  operations: OperationDescription[],
  options: DocumentOptions,
  ctx: BuildContext,
  keyOf: (path: string) => string,
): Record<string, JsonSchema> {
  const paths: Record<string, JsonSchema> = {};
  for (const operation of operations) {
    if (operation.methods.length === 0) continue;
    const key = keyOf(operation.path);
    const item = paths[key] ?? {};
    operation.methods.forEach((method, index) => {
      const explicit = operation.operationId;
      const operationId =
        explicit === undefined
          ? (options.generateUniqueId ?? defaultOperationId)(operation, method)
          : index === 0
            ? explicit
            : `${explicit}_${method.toLowerCase()}`;
      item[method.toLowerCase()] = buildOperation(operation, operationId, ctx);
    });
    paths[key] = item;
  }
  return paths;
}
