import { Validator } from "@seriousme/openapi-schema-validator";
import { expect } from "vitest";

type Json = Record<string, unknown>;

/**
 * Streaming operations carry `itemSchema` on their media type, as FastAPI 0.135+ writes it: an
 * OpenAPI 3.2 field that the 3.1 schema does not know. The copy validated here drops exactly
 * that field on `application/jsonl` and `text/event-stream` content; everything else must be 3.1.
 */
export function withoutItemSchemas(document: Json): Json {
  const copy = structuredClone(document);
  for (const pathItem of Object.values((copy.paths ?? {}) as Record<string, Json>)) {
    for (const operation of Object.values(pathItem) as Json[]) {
      const responses = (operation?.responses ?? {}) as Record<string, Json>;
      for (const response of Object.values(responses)) {
        const content = (response.content ?? {}) as Record<string, Json>;
        for (const [mediaType, media] of Object.entries(content)) {
          if (mediaType === "application/jsonl" || mediaType === "text/event-stream") {
            delete media.itemSchema;
          }
        }
      }
    }
  }
  return copy;
}

/** Asserts that a document is a valid OpenAPI 3.1 document (streaming `itemSchema` aside). */
export async function expectValidOpenApi(document: Json): Promise<void> {
  const result = await new Validator().validate(withoutItemSchemas(document));
  expect(result.errors).toBeUndefined();
  expect(result.valid).toBe(true);
}
