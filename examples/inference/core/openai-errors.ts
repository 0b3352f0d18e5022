/**
 * Errors under /v1 in OpenAI's shape, `{"error": {message, type, param, code}}`, with FastAPI's
 * `detail` beside it so clients of the article's API read them as before.
 */

import {
  type App,
  HTTPException,
  JSONResponse,
  PlainTextResponse,
  type RequestContext,
  RequestValidationError,
  type ValidationErrorDetail,
} from "tailor";
import {
  BackendError,
  BackendTimeoutError,
  BackendUnreachableError,
  UnknownModelError,
} from "../services/model-client.js";

/** routes only OpenAI's protocol has: invalid requests answer 400, as OpenAI does, not 422 */
function isOpenAIOnly(path: string): boolean {
  return path === "/v1/chat/completions" || path === "/v1/models" || path.startsWith("/v1/models/");
}

export interface OpenAIError {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

const TYPE_BY_STATUS: Record<number, string> = {
  400: "invalid_request_error",
  401: "invalid_request_error",
  404: "invalid_request_error",
  405: "invalid_request_error",
  413: "invalid_request_error",
  422: "invalid_request_error",
  429: "requests",
};

const CODE_BY_STATUS: Record<number, string> = {
  401: "invalid_api_key",
  413: "request_too_large",
  429: "rate_limit_exceeded",
  503: "service_unavailable",
  504: "timeout",
};

function isOpenAIPath(path: string): boolean {
  return path.startsWith("/v1/");
}

/** `{"error": {...}, "detail": ...}` with `status` */
function errorResponse(
  status: number,
  error: Partial<OpenAIError> & { message: string },
  detail: unknown,
  headers?: Record<string, string>,
): JSONResponse {
  const body = {
    error: {
      message: error.message,
      type: error.type ?? TYPE_BY_STATUS[status] ?? "server_error",
      param: error.param ?? null,
      code: error.code ?? CODE_BY_STATUS[status] ?? null,
    },
    detail,
  };
  return new JSONResponse(body, { status, headers });
}

/** `["body", "messages", 0, "role"]` -> "messages.0.role" */
function paramOf(detail: ValidationErrorDetail | undefined): string | null {
  // the offset of a JSON syntax error is not a field
  if (detail === undefined || detail.type === "json_invalid") return null;
  const path = detail.loc[0] === "body" ? detail.loc.slice(1) : detail.loc;
  return path.length > 0 ? path.join(".") : null;
}

function headersOf(error: HTTPException): Record<string, string> | undefined {
  return error.headers ? { ...error.headers } : undefined;
}

// #region handlers
/** Registers the handlers: /v1 answers in both shapes, every other path as FastAPI does. */
export function useOpenAIErrors(app: App): void {
  app.exceptionHandler(RequestValidationError, (ctx, error: RequestValidationError) => {
    if (!isOpenAIPath(ctx.path)) return new JSONResponse({ detail: error.errors }, { status: 422 });
    const status = isOpenAIOnly(ctx.path) ? 400 : 422;
    const first = error.errors[0];
    const param = paramOf(first);
    const message = `${param ?? "body"}: ${first?.msg ?? "Invalid request"}`;
    return errorResponse(status, { message, param, code: "invalid_value" }, error.errors);
  });

  app.exceptionHandler(HTTPException, (ctx, error: HTTPException) => {
    const headers = headersOf(error);
    if (!isOpenAIPath(ctx.path)) {
      return new JSONResponse({ detail: error.detail }, { status: error.status, headers });
    }
    const message = typeof error.detail === "string" ? error.detail : JSON.stringify(error.detail);
    return errorResponse(error.status, { message }, error.detail, headers);
  });

  app.exceptionHandler(UnknownModelError, (ctx, error: UnknownModelError) => {
    if (!isOpenAIPath(ctx.path))
      return new JSONResponse({ detail: error.message }, { status: 404 });
    const openai = { message: error.message, param: "model", code: "model_not_found" };
    return errorResponse(404, openai, error.message);
  });

  app.exceptionHandler(BackendError, (ctx, error: BackendError) => {
    app.logger.error(`${ctx.method} ${ctx.path}: ${error.message}`);
    if (error instanceof BackendTimeoutError) {
      return errorResponse(
        504,
        { message: "The model did not answer in time" },
        "Inference backend timed out",
      );
    }
    if (error instanceof BackendUnreachableError) {
      const detail = "Inference backend unavailable";
      return errorResponse(503, { message: detail }, detail, { "retry-after": "5" });
    }
    const detail = "Inference backend unavailable";
    return errorResponse(502, { message: detail, code: "backend_error" }, detail);
  });

  // anything else: a client that already left needs no answer, the rest is a logged 500
  app.exceptionHandler(500, (ctx: RequestContext, error: unknown) => {
    if (ctx.signal.aborted) return new PlainTextResponse("Client Closed Request", { status: 499 });
    app.logger.error(`unhandled error in ${ctx.method} ${ctx.path}`, error);
    if (!isOpenAIPath(ctx.path))
      return new PlainTextResponse("Internal Server Error", { status: 500 });
    return errorResponse(500, { message: "Internal server error" }, "Internal Server Error");
  });
}
// #endregion handlers
