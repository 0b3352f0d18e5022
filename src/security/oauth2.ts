import type { RequestContext } from "../http/context.js";
import { splitAuthorization } from "./authorization.js";
import {
  type AutoErrorValue,
  NOT_AUTHENTICATED,
  SecurityBase,
  type SecuritySchemeOptions,
  schemeModel,
} from "./base.js";
import type { SecurityFailure } from "./errors.js";
import { authorizationParam } from "./http.js";

export interface OAuth2PasswordBearerOptions<TAutoError extends boolean = true>
  extends SecuritySchemeOptions<TAutoError> {
  /** where clients get a token (the route that takes the password form), e.g. "token" */
  tokenUrl: string;
  refreshUrl?: string;
  /** scope name -> description, shown in the docs' authorize dialog */
  scopes?: Record<string, string>;
}

export interface OAuth2AuthorizationCodeBearerOptions<TAutoError extends boolean = true>
  extends OAuth2PasswordBearerOptions<TAutoError> {
  authorizationUrl: string;
}

const BEARER_CHALLENGE: SecurityFailure = {
  status: 401,
  detail: NOT_AUTHENTICATED,
  headers: { "WWW-Authenticate": "Bearer" },
};

/** A bearer token obtained through an OAuth2 flow; resolves to the token. */
abstract class OAuth2Bearer<TAutoError extends boolean> extends SecurityBase<
  AutoErrorValue<TAutoError, string>
> {
  protected authenticate(args: { authorization?: string }, _ctx: RequestContext): string | null {
    const [scheme, token] = splitAuthorization(args.authorization);
    if (args.authorization && scheme.toLowerCase() === "bearer") return token;
    // 401 + WWW-Authenticate: Bearer in FastAPI 0.115 already
    return this.autoError ? this.fail(BEARER_CHALLENGE) : null;
  }
}

/**
 * OAuth2 password flow: resolves to the token of `Authorization: Bearer <token>`. Checking the
 * token and its scopes is the application's job.
 *
 * @example
 * const oauth2 = new OAuth2PasswordBearer({ tokenUrl: "token" });
 * app.get("/users/me", { params: { token: Depends(oauth2) } }, ({ token }) => userFromToken(token));
 */
export class OAuth2PasswordBearer<
  TAutoError extends boolean = true,
> extends OAuth2Bearer<TAutoError> {
  constructor(options: OAuth2PasswordBearerOptions<TAutoError>) {
    const flow = schemeFlow(options, { tokenUrl: options.tokenUrl });
    const model = schemeModel("oauth2", options.description, { flows: { password: flow } });
    super({ authorization: authorizationParam() }, model, options);
  }
}

/** OAuth2 authorization-code flow; resolves to the bearer token like `OAuth2PasswordBearer`. */
export class OAuth2AuthorizationCodeBearer<
  TAutoError extends boolean = true,
> extends OAuth2Bearer<TAutoError> {
  constructor(options: OAuth2AuthorizationCodeBearerOptions<TAutoError>) {
    const flow = schemeFlow(options, {
      authorizationUrl: options.authorizationUrl,
      tokenUrl: options.tokenUrl,
    });
    const model = schemeModel("oauth2", options.description, {
      flows: { authorizationCode: flow },
    });
    super({ authorization: authorizationParam() }, model, options);
  }
}

// key order as FastAPI writes flows: refreshUrl, scopes, then the flow's URLs
function schemeFlow(
  options: OAuth2PasswordBearerOptions<boolean>,
  urls: Record<string, string>,
): Record<string, unknown> {
  const flow: Record<string, unknown> = {};
  if (options.refreshUrl !== undefined) flow.refreshUrl = options.refreshUrl;
  flow.scopes = options.scopes ?? {};
  return Object.assign(flow, urls);
}

export interface OpenIdConnectOptions<TAutoError extends boolean = true>
  extends SecuritySchemeOptions<TAutoError> {
  openIdConnectUrl: string;
}

/** OpenID Connect discovery; resolves to the whole `Authorization` header value. */
export class OpenIdConnect<TAutoError extends boolean = true> extends SecurityBase<
  AutoErrorValue<TAutoError, string>
> {
  constructor(options: OpenIdConnectOptions<TAutoError>) {
    const model = schemeModel("openIdConnect", options.description, {
      openIdConnectUrl: options.openIdConnectUrl,
    });
    super({ authorization: authorizationParam() }, model, options);
  }

  protected authenticate(args: { authorization?: string }, _ctx: RequestContext): string | null {
    if (args.authorization) return args.authorization;
    if (!this.autoError) return null;
    return this.fail(BEARER_CHALLENGE, { status: 403, detail: NOT_AUTHENTICATED });
  }
}
