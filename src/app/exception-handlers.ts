import {
  capValidationErrors,
  DEFAULT_VALIDATION_ERROR_LIMITS,
  type ResolvedValidationErrorLimits,
  type ValidationErrorLimits,
} from "../errors/error-limits.js";
import { HTTPException } from "../errors/http-exception.js";
import { RequestValidationError, ResponseValidationError } from "../errors/validation.js";
import { bodyNestsTooDeep, bodyParseError } from "../http/body.js";
import type { RequestContext } from "../http/context.js";
import { debugErrorResponse } from "../http/debug-response.js";
import { internalErrorResponse } from "../http/outgoing.js";
import { recordServerError } from "../http/server-errors.js";
import { isBodylessStatus } from "../internal/status.js";
import type { MaybePromise } from "../internal/types.js";
import { encodeJson, type OutgoingResponse } from "../responses/response.js";

export type ExceptionHandler<TError = any> = (
  ctx: RequestContext,
  error: TError,
) => MaybePromise<OutgoingResponse>;

export type ErrorClass<TError = any> = abstract new (...args: any[]) => TError;

/** `{"detail": …}` with the exception's status and headers; no body for 1xx/204/205/304. */
export function httpExceptionResponse(error: HTTPException): OutgoingResponse {
  const headers: Record<string, string> = {};
  if (error.headers)
    for (const name in error.headers) headers[name.toLowerCase()] = error.headers[name]!;
  if (isBodylessStatus(error.status)) return { status: error.status, headers, body: null };
  // a content-type among the exception's headers wins, as in Starlette's JSONResponse
  headers["content-type"] ??= "application/json";
  return { status: error.status, headers, body: encodeJson({ detail: error.detail }) };
}

/** 422 `{"detail": [...]}` as FastAPI writes it, with at most `limits` echoed back. */
export function requestValidationResponse(
  error: RequestValidationError,
  limits: ResolvedValidationErrorLimits = DEFAULT_VALIDATION_ERROR_LIMITS,
): OutgoingResponse {
  return {
    status: 422,
    headers: { "content-type": "application/json" },
    body: encodeJson({ detail: capValidationErrors(error.errors, limits) }),
  };
}

export { internalErrorResponse };

/** the validation-error limits of the app whose handler is answering a request */
const limitsOfRequest = new WeakMap<RequestContext, ResolvedValidationErrorLimits>();

/**
 * The default answer to an `HTTPException` (FastAPI's `http_exception_handler`), for a custom
 * handler to delegate to.
 * @example app.exceptionHandler(HTTPException, (ctx, error) => { audit(error); return httpExceptionHandler(ctx, error); });
 */
export function httpExceptionHandler(_ctx: RequestContext, error: HTTPException): OutgoingResponse {
  return httpExceptionResponse(error);
}

/**
 * The default 422 (FastAPI's `request_validation_exception_handler`), within the app's
 * `validationErrors` limits, for a custom handler to delegate to.
 * @example app.exceptionHandler(RequestValidationError, (ctx, error) => { log(error.errors); return requestValidationExceptionHandler(ctx, error); });
 */
export function requestValidationExceptionHandler(
  ctx: RequestContext,
  error: RequestValidationError,
): OutgoingResponse {
  return requestValidationResponse(error, limitsOfRequest.get(ctx));
}

/**
 * Finds the handler for an error: by status for HTTPExceptions, then by class (nearest
 * registered ancestor first), then the defaults (HTTPException, RequestValidationError, 500).
 */
export class ExceptionHandlers {
  readonly #byStatus = new Map<number, ExceptionHandler>();
  readonly #byClass = new Map<Function, ExceptionHandler>();
  readonly #limits: ResolvedValidationErrorLimits;
  /** the 500 of an error nothing else answers: plain, or the traceback with `debug: true` */
  readonly serverErrorResponse: (ctx: RequestContext, error: unknown) => OutgoingResponse;
  readonly #debug: boolean;

  constructor(limits?: ValidationErrorLimits, debug = false) {
    this.#limits = { ...DEFAULT_VALIDATION_ERROR_LIMITS, ...limits };
    this.#debug = debug;
    this.serverErrorResponse = debug ? debugErrorResponse : internalErrorResponse;
  }

  add(key: number | ErrorClass, handler: ExceptionHandler): void {
    if (typeof key === "number") this.#byStatus.set(key, handler);
    else this.#byClass.set(key, handler);
  }

  /**
   * The answer to an error raised while serving `ctx`: the registered handler's, else the
   * built-in one, else a logged 500 (`where` names the route in the log line).
   */
  async respond(
    ctx: RequestContext,
    raised: unknown,
    logError: (message: string, error: unknown) => void,
    where: () => string,
  ): Promise<OutgoingResponse> {
    let error = raised;
    // a JSON body nested past the stack's depth is the client's mistake, not a server error
    if (error instanceof RangeError && (await bodyNestsTooDeep(ctx))) error = bodyParseError();
    const handler = this.find(error);
    // with `debug`, the traceback wins over a catch-all handler, as Starlette's debug page does
    if (handler && !(this.#debug && this.#isCatchAll(handler))) {
      limitsOfRequest.set(ctx, this.#limits);
      try {
        const answer = await handler(ctx, error);
        // a handler that forgot to return (undefined) fails here, not in the server's writer
        if (!isResponseLike(answer)) throw new TypeError(notAResponse(answer));
        return answer;
      } catch (handlerError) {
        logError(`exception handler failed on ${ctx.method} ${ctx.path}`, handlerError);
        recordServerError(ctx, handlerError);
        return this.serverErrorResponse(ctx, handlerError);
      }
    }
    let response: OutgoingResponse | null;
    try {
      response = defaultErrorResponse(error, this.#limits);
    } catch (encodeError) {
      // a 422 quoting such a body as its `input` cannot be encoded either
      if (!(encodeError instanceof RangeError && (await bodyNestsTooDeep(ctx)))) throw encodeError;
      response = defaultErrorResponse(bodyParseError());
    }
    if (response !== null) return response;
    logError(`${describeServerError(error)} in ${where()}`, error);
    recordServerError(ctx, error);
    return this.serverErrorResponse(ctx, error);
  }

  /** a handler for status 500 or for every `Error` (Starlette's `Exception` handler) */
  #isCatchAll(handler: ExceptionHandler): boolean {
    return handler === this.#byStatus.get(500) || handler === this.#byClass.get(Error);
  }

  find(error: unknown): ExceptionHandler | undefined {
    if (error instanceof HTTPException) {
      const byStatus = this.#byStatus.get(error.status);
      if (byStatus) return byStatus;
    }
    if (typeof error === "object" && error !== null) {
      for (
        let proto = Object.getPrototypeOf(error);
        proto !== null;
        proto = Object.getPrototypeOf(proto)
      ) {
        const handler = this.#byClass.get(proto.constructor);
        if (handler) return handler;
      }
    }
    if (!(error instanceof HTTPException) && !(error instanceof RequestValidationError)) {
      return this.#byStatus.get(500);
    }
    return undefined;
  }
}

/** The built-in answer for an error no registered handler took. */
export function defaultErrorResponse(
  error: unknown,
  limits?: ResolvedValidationErrorLimits,
): OutgoingResponse | null {
  if (error instanceof HTTPException) return httpExceptionResponse(error);
  if (error instanceof RequestValidationError) return requestValidationResponse(error, limits);
  return null;
}

export function describeServerError(error: unknown): string {
  return error instanceof ResponseValidationError
    ? "response validation failed"
    : "unhandled error";
}

function isResponseLike(value: unknown): value is OutgoingResponse {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as OutgoingResponse).status === "number" &&
    typeof (value as OutgoingResponse).headers === "object"
  );
}

function notAResponse(value: unknown): string {
  const kind = value === null ? "null" : typeof value;
  return `an exception handler must return a Response, not ${kind}`;
}
