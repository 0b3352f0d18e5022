import type { JsonSchema } from "../schema/index.js";

/**
 * One server-sent event as FastAPI 0.135+ documents it (`itemSchema` of `text/event-stream`):
 * `data` is a JSON string whose `contentSchema` is the route's item schema (then required);
 * `event`, `id` and `retry` are optional.
 */
export function eventItemSchema(item: JsonSchema | null): JsonSchema {
  const data: JsonSchema =
    item === null
      ? { type: "string" }
      : { type: "string", contentMediaType: "application/json", contentSchema: item };
  const schema: JsonSchema = {
    type: "object",
    properties: {
      data,
      event: { type: "string" },
      id: { type: "string" },
      retry: { type: "integer", minimum: 0 },
    },
  };
  if (item !== null) schema.required = ["data"];
  return schema;
}
