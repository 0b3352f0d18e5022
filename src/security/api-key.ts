import type { RequestContext } from "../http/context.js";
import { Cookie, Header, type ParamMarker, Query } from "../params/markers.js";
import { builtinSchemas } from "../schema/index.js";
import {
  type AutoErrorValue,
  NOT_AUTHENTICATED,
  SecurityBase,
  type SecuritySchemeOptions,
  schemeModel,
} from "./base.js";

export interface APIKeyOptions<TAutoError extends boolean = true>
  extends SecuritySchemeOptions<TAutoError> {
  /** the header, query parameter or cookie that carries the key */
  name: string;
}

type KeyLocation = "header" | "query" | "cookie";

function keyParam(location: KeyLocation, name: string): ParamMarker {
  // optional and undocumented as a plain parameter: the scheme decides the answer, and
  // OpenAPI shows it under securitySchemes
  const options = { alias: name, includeInSchema: false };
  const schema = builtinSchemas.optionalString();
  if (location === "header") return Header(schema, options);
  if (location === "query") return Query(schema, options);
  return Cookie(schema, options);
}

/** An API key read from a header, query parameter or cookie; empty counts as missing. */
abstract class APIKeyBase<TAutoError extends boolean> extends SecurityBase<
  AutoErrorValue<TAutoError, string>
> {
  constructor(location: KeyLocation, options: APIKeyOptions<TAutoError>) {
    super(
      { key: keyParam(location, options.name) },
      schemeModel("apiKey", options.description, { in: location, name: options.name }),
      options,
    );
  }

  protected authenticate(args: { key?: string }, _ctx: RequestContext): string | null {
    if (args.key) return args.key;
    if (!this.autoError) return null;
    return this.fail(
      { status: 401, detail: NOT_AUTHENTICATED, headers: { "WWW-Authenticate": "APIKey" } },
      { status: 403, detail: NOT_AUTHENTICATED },
    );
  }
}

/**
 * An API key sent in a header; resolves to the key.
 *
 * @example
 * const apiKey = new APIKeyHeader({ name: "X-API-Key" });
 * app.get("/models", { params: { key: Depends(apiKey) } }, ({ key }) => listModels(key));
 */
export class APIKeyHeader<TAutoError extends boolean = true> extends APIKeyBase<TAutoError> {
  constructor(options: APIKeyOptions<TAutoError>) {
    super("header", options);
  }
}

/** @example const apiKey = new APIKeyQuery({ name: "api_key" }); // ?api_key=… */
export class APIKeyQuery<TAutoError extends boolean = true> extends APIKeyBase<TAutoError> {
  constructor(options: APIKeyOptions<TAutoError>) {
    super("query", options);
  }
}

/** @example const session = new APIKeyCookie({ name: "session" }); */
export class APIKeyCookie<TAutoError extends boolean = true> extends APIKeyBase<TAutoError> {
  constructor(options: APIKeyOptions<TAutoError>) {
    super("cookie", options);
  }
}
