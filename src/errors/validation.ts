/** One entry of a 422 `detail` list, shaped exactly as pydantic v2 writes it (no `url`). */
export interface ValidationErrorDetail {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

/** A request did not fit its route's declaration: answered with 422 and `{"detail": errors}`. */
export class RequestValidationError extends Error {
  readonly errors: ValidationErrorDetail[];
  /** the raw body, when the body was read */
  readonly body: unknown;

  constructor(errors: ValidationErrorDetail[], body?: unknown) {
    super(`${errors.length} validation error${errors.length === 1 ? "" : "s"}`);
    this.name = "RequestValidationError";
    this.errors = errors;
    this.body = body;
  }
}

/**
 * A handler returned a value that does not fit the route's `response` schema. The client gets a
 * plain 500; the server logs this error with `loc: ["response", …]` entries.
 */
export class ResponseValidationError extends Error {
  readonly errors: ValidationErrorDetail[];

  constructor(errors: ValidationErrorDetail[]) {
    const lines = errors.map((error) => `  ${JSON.stringify(error)}`).join("\n");
    super(`${errors.length} validation errors:\n${lines}\n`);
    this.name = "ResponseValidationError";
    this.errors = errors;
  }
}
