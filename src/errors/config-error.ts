/**
 * Every code a `ConfigError` can carry; each is explained in docs/reference/errors.md.
 * A ConfigError is a programmer mistake found at registration or compile time, never per request.
 */
export const ConfigErrorCodes = {
  E_PATH_TEMPLATE: "the path template is malformed",
  E_PARAM_CONFLICT: "two params share a wire name or a param is declared twice",
  E_PATH_PARAM_MISSING: "a Path() param is not in the path template",
  E_PARAM_SOURCE: "a param value is neither a schema nor a marker",
  E_PATH_PARAM_OPTIONAL: "a path param cannot be optional",
  E_BODY_CONFLICT: "JSON body params mixed with form or file params",
  E_DEPENDENCY_CYCLE: "dependencies depend on each other in a cycle",
  E_DEPENDENCY_SCOPE:
    "a dependency uses one that does not live as long (an app-scoped one with request params, a request-scoped one on a function-scoped one)",
  E_ROUTE_OPTION: "a route option has an invalid value",
  E_APP_STARTED: "the app was changed after it started serving",
  E_SETTINGS: "settings failed validation at startup",
  E_MIDDLEWARE_CONFIG: "a middleware was constructed with invalid options",
  E_STATIC_DIRECTORY:
    "a StaticFiles directory (or its fallback file) does not exist or is not inside the directory",
  E_SERVE_OPTION: "a serve() option (or tailor run flag) has an invalid value",
  E_UNSAFE_PATTERN:
    "a request param's regex pattern needs backtracking (backreference, lookaround), which can take exponential time",
  E_JOB_CONFIG: "a job or job queue was declared with invalid options",
} as const;

export type ConfigErrorCode = keyof typeof ConfigErrorCodes;

/**
 * @example
 * ConfigError [E_PARAM_CONFLICT] GET /items/{id}: "id" is declared as both a path and a query parameter. Rename one of them.
 */
export class ConfigError extends Error {
  readonly code: ConfigErrorCode;

  constructor(code: ConfigErrorCode, where: string, message: string) {
    super(`[${code}] ${where}: ${message}`);
    this.name = "ConfigError";
    this.code = code;
  }
}
