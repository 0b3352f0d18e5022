import { Dependency, type ParamsShape } from "../dependencies/dependency.js";
import type { RequestContext } from "../http/context.js";
import { type SecurityFailure, SecurityHTTPException } from "./errors.js";

/** `string` when missing credentials are an error, `string | null` with `autoError: false` (FastAPI's `None`). */
export type AutoErrorValue<TAutoError extends boolean, TValue> = [TAutoError] extends [true]
  ? TValue
  : TValue | null;

/** Options every security scheme takes. */
export interface SecuritySchemeOptions<TAutoError extends boolean = true> {
  /** the components.securitySchemes key (default: the class name) */
  schemeName?: string;
  description?: string;
  /**
   * default true: missing or malformed credentials answer 401; false: the dependency resolves to
   * `null` instead (FastAPI's `None`), so a route can serve anonymous and authenticated clients alike
   */
  autoError?: TAutoError;
  /** answer as FastAPI 0.115 did (403 `Not authenticated` for API keys and bearer tokens) */
  legacyStatus?: boolean;
}

export const NOT_AUTHENTICATED = "Not authenticated";
export const INVALID_CREDENTIALS = "Invalid authentication credentials";

/**
 * A dependency that reads credentials from the request and describes itself to OpenAPI as
 * `components.securitySchemes[schemeName]`. Subclasses implement `authenticate`.
 */
export abstract class SecurityBase<TValue> extends Dependency<ParamsShape, TValue> {
  readonly schemeName: string;
  /** the OpenAPI Security Scheme Object */
  readonly model: Record<string, unknown>;
  readonly autoError: boolean;
  readonly legacyStatus: boolean;

  constructor(
    params: ParamsShape,
    model: Record<string, unknown>,
    options: SecuritySchemeOptions<boolean>,
  ) {
    const schemeName = options.schemeName ?? new.target.name;
    // created once per scheme; it runs after super() returned, when `this` is initialized
    const resolve = (args: Record<string, unknown>, ctx: RequestContext): unknown =>
      this.authenticate(args, ctx);
    super(params, resolve, { name: schemeName, securityScheme: { schemeName, scheme: model } });
    this.schemeName = schemeName;
    this.model = model;
    this.autoError = options.autoError ?? true;
    this.legacyStatus = options.legacyStatus ?? false;
  }

  /** Reads the credentials from the declared params; throws (see `fail`) or returns the value. */
  protected abstract authenticate(args: Record<string, unknown>, ctx: RequestContext): unknown;

  /**
   * Refuses the request: `current` is the FastAPI 0.122+ answer, `legacy` the 0.115 one, used
   * when this scheme was built with `legacyStatus: true`.
   */
  protected fail(current: SecurityFailure, legacy: SecurityFailure = current): never {
    if (this.legacyStatus) throw new SecurityHTTPException(legacy, legacy);
    throw new SecurityHTTPException(current, legacy);
  }
}

/** `{ type, description?, …rest }` in the key order FastAPI writes security schemes. */
export function schemeModel(
  type: string,
  description: string | undefined,
  rest: Record<string, unknown>,
): Record<string, unknown> {
  const model: Record<string, unknown> = { type };
  if (description !== undefined) model.description = description;
  for (const key in rest) if (rest[key] !== undefined) model[key] = rest[key];
  return model;
}
