import { type JsonSchema, orderKeys, titleCase, toJsonSchema } from "../schema/index.js";
import type { BuildContext } from "./context.js";
import { eventItemSchema } from "./event-stream.js";
import { responseKey, statusDescription } from "./naming.js";
import type { OperationDescription } from "./types.js";
import { VALIDATION_ERROR_RESPONSE } from "./validation-error.js";

const JSON_MEDIA_TYPE = "application/json";
const JSON_LINES_MEDIA_TYPE = "application/jsonl";
const EVENT_STREAM_MEDIA_TYPE = "text/event-stream";

/** Statuses whose responses carry no body (Starlette's rule): 1xx, 204, 205, 304. */
function allowsBody(status: number): boolean {
  return !(status < 200 || status === 204 || status === 205 || status === 304);
}

/**
 * The Responses Object: the success entry first, then the route's extra responses in
 * declaration order, then the automatic 422 when the operation has inputs and does not already
 * document `422`, `4XX` or `default`.
 */
export function buildResponses(
  operation: OperationDescription,
  operationId: string,
  ctx: BuildContext,
): Record<string, JsonSchema> {
  const responses: Record<string, JsonSchema> = {};
  const successKey = String(operation.status);
  const success: JsonSchema = {
    description: operation.responseDescription ?? "Successful Response",
  };
  if (allowsBody(operation.status)) {
    const mediaType = operation.responseMediaType;
    let schema: JsonSchema = { type: "string" };
    if (mediaType === JSON_MEDIA_TYPE || mediaType === JSON_LINES_MEDIA_TYPE) {
      schema = operation.responseSchema
        ? titled(toJsonSchema(operation.responseSchema, ctx.outputIo, ctx.registry), operationId)
        : {};
    }
    // a JSON Lines stream documents one line's schema (OpenAPI 3.2 `itemSchema`), as FastAPI 0.134+
    if (operation.streamsItems && mediaType === EVENT_STREAM_MEDIA_TYPE) {
      const item = operation.responseSchema
        ? titled(toJsonSchema(operation.responseSchema, ctx.outputIo, ctx.registry), operationId)
        : null;
      success.content = { [mediaType]: { itemSchema: eventItemSchema(item) } };
    } else
      success.content = {
        [mediaType]: mediaType === JSON_LINES_MEDIA_TYPE ? { itemSchema: schema } : { schema },
      };
  }
  responses[successKey] = success;

  for (const [status, extra] of Object.entries(operation.responses)) {
    const key = responseKey(status);
    const entry: JsonSchema = {};
    if (extra.description !== undefined) entry.description = extra.description;
    if (extra.headers !== undefined) entry.headers = extra.headers;
    let content: Record<string, unknown> | undefined;
    if (extra.model !== undefined) {
      const mediaType = operation.responseMediaType || JSON_MEDIA_TYPE;
      const schema = toJsonSchema(extra.model, ctx.outputIo, ctx.registry);
      content = { [mediaType]: { schema: titled(schema, `${key}_${operationId}`) } };
    }
    if (extra.content !== undefined) content = mergeInto(content ?? {}, extra.content);
    if (content !== undefined) entry.content = content;
    const existing = responses[key];
    const description =
      extra.description ?? (existing?.description as string | undefined) ?? statusDescription(key);
    const merged = existing ? mergeInto(existing, entry) : entry;
    merged.description = description;
    responses[key] = merged;
  }

  const hasInputs = operation.parameters.length > 0 || operation.requestBody !== undefined;
  if (hasInputs && !("422" in responses || "4XX" in responses || "default" in responses)) {
    responses["422"] = structuredClone(VALIDATION_ERROR_RESPONSE);
    ctx.usesValidationError = true;
  }
  return responses;
}

/** Inline (non-`$ref`) response schemas get pydantic's field title `Response <Id Title Cased>`. */
function titled(schema: JsonSchema, id: string): JsonSchema {
  if (schema.$ref === undefined && schema.title === undefined) {
    schema.title = titleCase(`Response_${id}`);
  }
  return orderKeys(schema);
}

/** Deep-merges `source` into `target` in place (FastAPI's `deep_dict_update`). */
function mergeInto(target: JsonSchema, source: Record<string, unknown>): JsonSchema {
  for (const [key, value] of Object.entries(source)) {
    const current = target[key];
    if (isObject(current) && isObject(value)) mergeInto(current, value);
    else target[key] = isObject(value) || Array.isArray(value) ? structuredClone(value) : value;
  }
  return target;
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
