// Application
export { APIRouter, type APIRouterOptions } from "./app/api-router.js";
export { App, type AppOptions, type Logger, type Middleware } from "./app/app.js";
export type { ExceptionHandler } from "./app/exception-handlers.js";
export type { Lifespan } from "./app/lifespan.js";
// Static files and mounts
export type { Mount, Mountable } from "./app/mounts.js";
export type { Handler, IncludeOptions } from "./app/registry.js";
export type { ExtraResponse, ResponseClass, RouteOptions } from "./app/route-options.js";
// Requests and responses
export { BackgroundTasks } from "./background/tasks.js";

// Dependencies
export {
  Dependency,
  type DependencyOptions,
  Depends,
  type DependsOptions,
  dependency,
  type ParamsShape,
} from "./dependencies/dependency.js";
export type { ArgsOf } from "./dependencies/infer.js";

// Errors
export {
  ConfigError,
  type ConfigErrorCode,
  HTTPException,
  RequestValidationError,
  ResponseValidationError,
} from "./errors/index.js";
export { RequestContext } from "./http/context.js";
export type { CookieOptions } from "./http/cookies.js";
// Parameters
export {
  Body,
  type BodyOptions,
  Cookie,
  Header,
  type HeaderOptions,
  type ParamOptions,
  Path,
  Query,
} from "./params/markers.js";
export {
  HTMLResponse,
  JSONResponse,
  PlainTextResponse,
  RedirectResponse,
  Response,
  type ResponseInit,
} from "./responses/response.js";
export { EventSourceResponse, ServerSentEvent, StreamingResponse } from "./responses/streaming.js";
export type { StandardSchemaV1 } from "./schema/standard.js";
export type { ValidationErrorDetail } from "./schema/types.js";
// Serving and testing
export { handleFetch } from "./server/fetch-adapter.js";
export { type RunningServer, type ServeOptions, serve } from "./server/serve.js";
export {
  type FileInfo,
  FileResponse,
  type FileResponseInit,
  StaticFiles,
  type StaticFilesOptions,
} from "./staticfiles/index.js";
export { TestClient, type TestRequestInit } from "./testing/test-client.js";
