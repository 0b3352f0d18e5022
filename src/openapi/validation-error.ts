import type { JsonSchema } from "../schema/index.js";

/** The 422 response FastAPI adds to every operation that has inputs. */
export const VALIDATION_ERROR_RESPONSE = {
  description: "Validation Error",
  content: {
    "application/json": { schema: { $ref: "#/components/schemas/HTTPValidationError" } },
  },
};

/** FastAPI 0.141's `ValidationError` component, key for key (0.115 had no `input`, `ctx`). */
export function validationErrorSchema(): JsonSchema {
  return {
    properties: {
      loc: {
        items: { anyOf: [{ type: "string" }, { type: "integer" }] },
        type: "array",
        title: "Location",
      },
      msg: { type: "string", title: "Message" },
      type: { type: "string", title: "Error Type" },
      input: { title: "Input" },
      ctx: { type: "object", title: "Context" },
    },
    type: "object",
    required: ["loc", "msg", "type"],
    title: "ValidationError",
  };
}

/** FastAPI 0.115's `HTTPValidationError` component, key for key. */
export function httpValidationErrorSchema(): JsonSchema {
  return {
    properties: {
      detail: {
        items: { $ref: "#/components/schemas/ValidationError" },
        type: "array",
        title: "Detail",
      },
    },
    type: "object",
    title: "HTTPValidationError",
  };
}
