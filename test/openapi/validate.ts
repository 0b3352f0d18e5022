import { Validator } from "@seriousme/openapi-schema-validator";
import { expect } from "vitest";

/** Asserts that a document is a valid OpenAPI 3.1 document. */
export async function expectValidOpenApi(document: Record<string, unknown>): Promise<void> {
  const result = await new Validator().validate(structuredClone(document));
  expect(result.errors).toBeUndefined();
  expect(result.valid).toBe(true);
}
