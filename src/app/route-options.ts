import type { DependsMarker, ParamsShape } from "../dependencies/dependency.js";
import type { FormLimits } from "../http/form-body.js";
import type { ConcurrencyOptions } from "../limits/index.js";
import type { FieldSelection } from "../responses/field-selection.js";
import type { ResponseClass } from "../responses/render.js";
import type { StandardSchemaV1 } from "../schema/index.js";
import type { APIRouter } from "./api-router.js";

/** A response documented besides the success one (FastAPI `responses={404: {...}}`). */
export interface ExtraResponse {
  description?: string;
  /** the body schema, documented under application/json */
  model?: StandardSchemaV1;
  content?: Record<string, unknown>;
  headers?: Record<string, unknown>;
}

export type { FieldSelection, FieldSpec } from "../responses/field-selection.js";
export type { ResponseClass };

/**
 * Everything a route declaration may say. Each option is documented here once, for every method.
 */
export interface RouteOptions<TParams extends ParamsShape = ParamsShape> {
  /** the route's inputs: markers (`Query(z.number())`), bare schemas, and `Depends(dep)` */
  params?: TParams;
  /** FastAPI's response_model: validates and filters what the handler returns, and documents it; `null`: none */
  response?: StandardSchemaV1 | null;
  /** success status (default 200 for every method); 204/304 send no body */
  status?: number;
  /** renders the returned value (default: JSON); `EventSourceResponse` makes a generator handler's items server-sent events */
  responseClass?: ResponseClass;
  /** an event-stream generator route: ms of silence before a `: ping` comment (default 15,000; 0: never) */
  keepAlive?: number;
  /** keep only the fields the returned value set itself */
  responseExcludeUnset?: boolean;
  /** drop null fields */
  responseExcludeNone?: boolean;
  /** keep only these fields: names, or nested as pydantic's (`{ dims: ["width"], items: { __all__: { name: true } } }`) */
  responseInclude?: FieldSelection;
  /** drop these fields (FastAPI's response_model_exclude): names, or nested (`{ items: { __all__: ["secret"] } }`) */
  responseExclude?: FieldSelection;
  /** drop the fields whose value equals the default the response schema declares for them */
  responseExcludeDefaults?: boolean;
  /** send fields under their `.meta({ alias })` names (default true; false: field names), as FastAPI's response_model_by_alias */
  responseByAlias?: boolean;
  /** description of the success response in OpenAPI (default "Successful Response") */
  responseDescription?: string;
  /** routes documented under the operation's `callbacks`: the requests it may send back (never served) */
  callbacks?: APIRouter<string>;
  /** extra documented responses, by status */
  responses?: Record<string | number, ExtraResponse>;
  tags?: readonly string[];
  summary?: string;
  description?: string;
  deprecated?: boolean;
  operationId?: string;
  /** the route's name (default: the handler function's name); names operationIds and summaries */
  name?: string;
  /** dependencies run for their effect only (auth checks), before the params' own */
  dependencies?: readonly DependsMarker[];
  /** false: served, but absent from the OpenAPI document */
  includeInSchema?: boolean;
  /** merged deeply into the route's OpenAPI operation last (FastAPI's `openapi_extra`) */
  openapiExtra?: Record<string, unknown>;
  /** largest accepted request body in bytes (default: the app's, 1 MiB) */
  bodyLimit?: number;
  /** limits for a form or multipart body, over the app's `formLimits` */
  formLimits?: FormLimits;
  /** `limit` requests at once, `queue` more waiting FIFO up to `queueTimeout` ms; beyond: 503 + Retry-After (null: none, over the app's default) */
  concurrency?: ConcurrencyOptions | null;
  /** ms until the client gets 504 and `ctx.signal` aborts (null: none, over the app's default) */
  timeout?: number | null;
}
