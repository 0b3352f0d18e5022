// biome-ignore-all assist/source/organizeImports: the exports are grouped by topic, one section per comment
// The public API, grouped by topic in a fixed order (sorting would merge the sections, hence the
// line above). test/index-exports.test.ts lists every exported value, so API changes show in review.

// Application
export { APIRouter, type APIRouterOptions } from "./app/api-router.js";
export { App, type AppOptions, type Logger, type Middleware } from "./app/app.js";
export {
  type ExceptionHandler,
  httpExceptionHandler,
  requestValidationExceptionHandler,
} from "./app/exception-handlers.js";
export type { EventHandler, LifespanEvent } from "./app/event-handlers.js";
export type { Lifespan } from "./app/lifespan.js";
export type { Handler, IncludeOptions } from "./app/registry.js";
export type {
  ExtraResponse,
  FieldSelection,
  FieldSpec,
  ResponseClass,
  RouteOptions,
} from "./app/route-options.js";
export { HostRouter, hostParams } from "./app/host-router.js";
export { NoMatchFound } from "./app/url-path.js";

// Parameters
export { File, type FileOptions, Files, Form } from "./params/form.js";
export {
  Body,
  type BodyOptions,
  Cookie,
  Header,
  type HeaderOptions,
  type OpenApiExample,
  type ParamOptions,
  Path,
  Query,
} from "./params/markers.js";
export { base64Bytes, type StandardSchemaV1 } from "./schema/index.js";

// Dependencies
export {
  Dependency,
  type DependencyOptions,
  type DependencyScope,
  Depends,
  type DependsOptions,
  dependency,
  type ParamsShape,
} from "./dependencies/dependency.js";
export type { ArgsOf } from "./dependencies/infer.js";
export {
  Security,
  type SecurityOptions,
  SecurityScopes,
  type SecurityScopesValue,
} from "./dependencies/security-scopes.js";
export { BackgroundTasksParam, RequestParam } from "./dependencies/specials.js";

// Security
export {
  APIKeyCookie,
  APIKeyHeader,
  type APIKeyOptions,
  APIKeyQuery,
  type AutoErrorValue,
  type HTTPAuthorizationCredentials,
  HTTPBasic,
  type HTTPBasicCredentials,
  type HTTPBasicOptions,
  HTTPBearer,
  type HTTPBearerOptions,
  HTTPDigest,
  legacySecurityHandler,
  OAuth2AuthorizationCodeBearer,
  type OAuth2AuthorizationCodeBearerOptions,
  OAuth2PasswordBearer,
  type OAuth2PasswordBearerOptions,
  OpenIdConnect,
  type OpenIdConnectOptions,
  SecurityBase,
  type SecurityFailure,
  SecurityHTTPException,
  type SecuritySchemeOptions,
  safeCompare,
} from "./security/index.js";
export {
  OAuth2PasswordRequestForm,
  OAuth2PasswordRequestFormStrict,
  type OAuth2PasswordRequestFormValue,
} from "./security/oauth2-password-form.js";

// Errors
export {
  ConfigError,
  type ConfigErrorCode,
  HTTPException,
  RequestValidationError,
  ResponseValidationError,
} from "./errors/index.js";
export type { ValidationErrorDetail } from "./schema/index.js";

// Requests and responses
export { BackgroundTasks } from "./background/tasks.js";
export { RequestContext } from "./http/context.js";
export type { CookieOptions } from "./http/cookies.js";
export {
  HTMLResponse,
  JSONResponse,
  PlainTextResponse,
  RedirectResponse,
  Response,
  type ResponseInit,
} from "./responses/response.js";
export { EventSourceResponse, ServerSentEvent, StreamingResponse } from "./responses/streaming.js";
export { jsonableEncoder } from "./responses/jsonable-encoder.js";

// Middleware
export {
  type CallNext,
  CORSMiddleware,
  type CORSOptions,
  GZipMiddleware,
  type GZipOptions,
  HTTPSRedirectMiddleware,
  type MiddlewareObject,
  TrustedHostMiddleware,
  type TrustedHostOptions,
} from "./middleware/index.js";

// Settings
export {
  defineSettings,
  loadSettings,
  type Settings,
  type SettingsOptions,
  type SettingsSchema,
} from "./settings/index.js";

// Forms and files
export type { ValidationErrorLimits } from "./errors/error-limits.js";
export type { FormLimits } from "./http/form-body.js";
export type { JsonLimits } from "./http/json-guard.js";
export type { RequestChecks } from "./http/request-checks.js";
export { UploadFile } from "./params/upload-file.js";

// Static files and mounts
export type { Mount, Mountable } from "./app/route-table.js";
export {
  type FileInfo,
  FileResponse,
  type FileResponseInit,
  StaticFiles,
  type StaticFilesOptions,
} from "./staticfiles/index.js";

// Jobs
export {
  defineJob,
  type EnqueueOptions,
  type EnqueueResult,
  type JobContext,
  type JobDefinition,
  type JobEvent,
  JobQueue,
  type JobQueueOptions,
  type JobRecord,
  type JobRouteTarget,
  type JobStatus,
  type JobWorker,
  type MountJobOptions,
  mountJob,
  QueueFullError,
  type WorkOptions,
} from "./jobs/index.js";

// OpenAPI
export { describeApp, describeRoute, type OpenApiAppOptions } from "./app/describe.js";
export {
  buildOpenApiDocument,
  type DocumentOptions,
  type OperationDescription,
} from "./openapi/index.js";

// WebSockets
export {
  WebSocket,
  type WebSocketDefaults,
  WebSocketDisconnect,
  WebSocketException,
  type WebSocketHandler,
  type WebSocketRouteOptions,
  type WebSocketState,
} from "./websocket/index.js";

// Serving controls
export type { ServingDefaults, ServingStats } from "./app/serving-controls.js";
export {
  type ConcurrencyOptions,
  type ConcurrencyStats,
  DeadlineExceeded,
} from "./limits/index.js";

// CPU-bound work
export { type WorkerPoolOptions, WorkerPool, type WorkerTask } from "./workers/worker-pool.js";

// Serving and testing
export type { FetchEntry } from "./http/fetch-entry.js";
export { type FetchOptions, handleFetch } from "./http/fetch-handler.js";
export { type BunServer, serveBun } from "./server/bun.js";
export { type DenoServer, serveDeno } from "./server/deno.js";
export { type RunningServer, type ServeOptions, serve } from "./server/serve.js";
export {
  TestClient,
  type TestClientOptions,
  type TestRequestInit,
} from "./testing/test-client.js";

// Logging
export {
  type LogFields,
  type LoggerOptions,
  type LogLevel,
  logger,
  TailorLogger,
} from "./logging/index.js";
export { WebSocketDenialResponse, WebSocketTestSession } from "./testing/websocket-session.js";
export { attachWebSocketUpgrade, type WebSocketUpgrades } from "./server/websocket-upgrade.js";
