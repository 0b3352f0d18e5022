import { compileValidator } from "../../src/schema/index.js";
import type { StandardSchemaV1 } from "../../src/schema/standard.js";
import type { InputKind, ValidationErrorDetail } from "../../src/schema/types.js";

/** The errors a schema reports for one input, or [] when it is valid. */
export function errorsOf(
  schema: StandardSchemaV1,
  input: unknown,
  loc: (string | number)[],
  kind: InputKind = "json",
): ValidationErrorDetail[] {
  const result = compileValidator(schema, { input: kind })(input, loc);
  return result.ok ? [] : result.errors;
}

/** The converted value, failing the test with the errors when the input is rejected. */
export function convertedValue(
  schema: StandardSchemaV1,
  input: unknown,
  kind: InputKind = "json",
): unknown {
  const result = compileValidator(schema, { input: kind })(input, ["body"]);
  if (!result.ok) throw new Error(`expected a valid value, got ${JSON.stringify(result.errors)}`);
  return result.value;
}

/** A recorded FastAPI 422 body's `detail` list (JSON numbers like 1.0 read back as 1). */
export function detail(recorded: string): ValidationErrorDetail[] {
  return (JSON.parse(recorded) as { detail: ValidationErrorDetail[] }).detail;
}
