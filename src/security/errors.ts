import { HTTPException } from "../errors/http-exception.js";
import type { RequestContext } from "../http/context.js";
import { JSONResponse } from "../responses/response.js";

/** One possible answer of a security scheme: status, `detail` and headers. */
export interface SecurityFailure {
  status: number;
  detail: string;
  headers?: Record<string, string>;
}

/**
 * What a security scheme throws when it refuses a request: the current answer (401 +
 * `WWW-Authenticate`, as FastAPI 0.122+), carrying the answer FastAPI 0.115 gave as `legacy`.
 *
 * @example app.exceptionHandler(SecurityHTTPException, legacySecurityHandler) // 0.115 answers app-wide
 */
export class SecurityHTTPException extends HTTPException {
  readonly legacy: SecurityFailure;

  constructor(current: SecurityFailure, legacy: SecurityFailure) {
    super(current.status, current.detail, current.headers);
    this.name = "SecurityHTTPException";
    this.legacy = legacy;
  }
}

/**
 * An exception handler that answers every security failure as FastAPI 0.115 did (403 for API
 * keys, bearer and digest; `Invalid authentication credentials` for malformed credentials).
 *
 * @example app.exceptionHandler(SecurityHTTPException, legacySecurityHandler)
 */
export function legacySecurityHandler(
  _ctx: RequestContext,
  error: SecurityHTTPException,
): JSONResponse {
  const { status, detail, headers } = error.legacy;
  return new JSONResponse({ detail }, headers ? { status, headers } : { status });
}
