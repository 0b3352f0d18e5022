import type { RequestContext } from "../http/context.js";
import { Header, type ParamMarker } from "../params/markers.js";
import { builtinSchemas } from "../schema/index.js";
import { decodeBasicCredentials, splitAuthorization } from "./authorization.js";
import {
  type AutoErrorValue,
  INVALID_CREDENTIALS,
  NOT_AUTHENTICATED,
  SecurityBase,
  type SecuritySchemeOptions,
  schemeModel,
} from "./base.js";
import type { SecurityFailure } from "./errors.js";

/** The `Authorization` header as a scheme's own param: optional, not a documented parameter. */
export function authorizationParam(): ParamMarker {
  return Header(builtinSchemas.optionalString(), {
    alias: "authorization",
    includeInSchema: false,
  });
}

/** `Authorization: <scheme> <credentials>` as sent; `scheme` keeps the client's spelling. */
export interface HTTPAuthorizationCredentials {
  scheme: string;
  credentials: string;
}

export interface HTTPBasicCredentials {
  username: string;
  password: string;
}

export interface HTTPBearerOptions<TAutoError extends boolean = true>
  extends SecuritySchemeOptions<TAutoError> {
  /** documentation only, e.g. "JWT" */
  bearerFormat?: string;
}

export interface HTTPBasicOptions<TAutoError extends boolean = true>
  extends SecuritySchemeOptions<TAutoError> {
  /** sent as `WWW-Authenticate: Basic realm="…"` */
  realm?: string;
}

/** `Authorization: <Scheme> <credentials>` for one scheme (bearer, digest). */
abstract class HTTPTokenScheme<TAutoError extends boolean> extends SecurityBase<
  AutoErrorValue<TAutoError, HTTPAuthorizationCredentials>
> {
  readonly #expected: string;
  readonly #challenge: Record<string, string>;

  constructor(
    scheme: "bearer" | "digest",
    model: Record<string, unknown>,
    options: SecuritySchemeOptions<TAutoError>,
  ) {
    super({ authorization: authorizationParam() }, model, options);
    this.#expected = scheme;
    this.#challenge = { "WWW-Authenticate": scheme === "bearer" ? "Bearer" : "Digest" };
  }

  protected authenticate(
    args: { authorization?: string },
    _ctx: RequestContext,
  ): HTTPAuthorizationCredentials | null {
    const [scheme, credentials] = splitAuthorization(args.authorization);
    if (!(scheme && credentials)) return this.#refuse(NOT_AUTHENTICATED);
    if (scheme.toLowerCase() !== this.#expected) return this.#refuse(INVALID_CREDENTIALS);
    return { scheme, credentials };
  }

  #refuse(legacyDetail: string): null {
    if (!this.autoError) return null;
    return this.fail(
      { status: 401, detail: NOT_AUTHENTICATED, headers: this.#challenge },
      { status: 403, detail: legacyDetail },
    );
  }
}

/**
 * A bearer token in `Authorization: Bearer <token>`; resolves to `{ scheme, credentials }`.
 *
 * @example
 * const bearer = new HTTPBearer({ bearerFormat: "JWT" });
 * app.get("/me", { params: { auth: Depends(bearer) } }, ({ auth }) => verify(auth.credentials));
 */
export class HTTPBearer<TAutoError extends boolean = true> extends HTTPTokenScheme<TAutoError> {
  constructor(options: HTTPBearerOptions<TAutoError> = {}) {
    const model = schemeModel("http", options.description, {
      scheme: "bearer",
      bearerFormat: options.bearerFormat,
    });
    super("bearer", model, options);
  }
}

/** `Authorization: Digest <params>`, unparsed; resolves to `{ scheme, credentials }`. */
export class HTTPDigest<TAutoError extends boolean = true> extends HTTPTokenScheme<TAutoError> {
  constructor(options: SecuritySchemeOptions<TAutoError> = {}) {
    super("digest", schemeModel("http", options.description, { scheme: "digest" }), options);
  }
}

/**
 * HTTP Basic authentication; resolves to `{ username, password }`. Compare the password with
 * `safeCompare`. Malformed credentials answer 401 even with `autoError: false`.
 *
 * @example
 * const basic = new HTTPBasic({ realm: "admin" });
 * app.get("/admin", { params: { user: Depends(basic) } }, ({ user }) => user.username);
 */
export class HTTPBasic<TAutoError extends boolean = true> extends SecurityBase<
  AutoErrorValue<TAutoError, HTTPBasicCredentials>
> {
  readonly realm: string | undefined;
  readonly #missing: SecurityFailure;
  readonly #invalid: SecurityFailure;

  constructor(options: HTTPBasicOptions<TAutoError> = {}) {
    const model = schemeModel("http", options.description, { scheme: "basic" });
    super({ authorization: authorizationParam() }, model, options);
    this.realm = options.realm;
    const headers = {
      "WWW-Authenticate": options.realm ? `Basic realm="${options.realm}"` : "Basic",
    };
    this.#missing = { status: 401, detail: NOT_AUTHENTICATED, headers };
    this.#invalid = { status: 401, detail: INVALID_CREDENTIALS, headers };
  }

  protected authenticate(
    args: { authorization?: string },
    _ctx: RequestContext,
  ): HTTPBasicCredentials | null {
    const [scheme, param] = splitAuthorization(args.authorization);
    if (!args.authorization || scheme.toLowerCase() !== "basic") {
      return this.autoError ? this.fail(this.#missing) : null;
    }
    const decoded = decodeBasicCredentials(param);
    const colon = decoded === undefined ? -1 : decoded.indexOf(":");
    if (decoded === undefined || colon === -1) {
      return this.fail(this.#missing, this.#invalid); // even with autoError: false
    }
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
}
