// The client's view of a route, computed from the types `App`/`APIRouter` record
// (app/route-map.ts). Only the routes a program calls are ever computed: the app's type holds
// each declaration as written, and a call looks up one "METHOD path" key.
import type { RouteType } from "../app/route-map.js";
import type { PathParamNames } from "../params/infer.js";
import type { UploadFile } from "../params/upload-file.js";
import type { Response as TailorResponse } from "../responses/response.js";
import type { EventSourceResponse, ServerSentEvent } from "../responses/streaming.js";
import type { StandardSchemaV1, ValidationErrorDetail } from "../schema/index.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS" | "HEAD" | "TRACE";

/** The body of an `HTTPException` (`{"detail": …}`): what any route may answer with. */
export interface HTTPErrorBody {
  detail: unknown;
}

/** The 422 body of a request that does not fit the route (FastAPI's HTTPValidationError). */
export interface HTTPValidationError {
  detail: ValidationErrorDetail[];
}

/** One frame of a `text/event-stream` response; `data` is parsed as JSON when it is JSON. */
export interface ServerSentEventMessage<TData = unknown> {
  data: TData;
  event: string | undefined;
  id: string | undefined;
  retry: number | undefined;
}

/** A 2xx answer: `data` is its parsed body. */
export interface FetchSuccess<TData> {
  data: TData;
  error?: never;
  response: Response;
}

/** Any other answer: `error` is its parsed body (text when it is not JSON). */
export interface FetchFailure<TError> {
  data?: never;
  error: TError;
  response: Response;
}

/** openapi-fetch's result: `data` on a 2xx, `error` otherwise, and the fetch `Response` always. */
export type FetchResult<TData, TError> = FetchSuccess<TData> | FetchFailure<TError>;

/** "/items/{item_id}" for every route declared with `TMethod`. */
export type PathsOf<TRoutes, TMethod extends string> = {
  [K in keyof TRoutes]: K extends `${TMethod} ${infer TPath}` ? TPath : never;
}[keyof TRoutes];

/** One input of a route as the client sends it: where it goes, its wire name, its value. */
interface Entry<TName extends PropertyKey, TSource, TValue, TRequired extends boolean> {
  name: TName;
  source: TSource;
  value: TValue;
  /** false when the value accepts undefined (`.optional()`, `.default()`): the key may be left out */
  required: TRequired;
}

type EntryFor<TName extends PropertyKey, TSource, TValue> = Entry<
  TName,
  TSource,
  TValue,
  undefined extends TValue ? false : true
>;

type Input<TSchema> = TSchema extends StandardSchemaV1
  ? StandardSchemaV1.InferInput<TSchema>
  : never;

/** A file the server receives as an UploadFile is sent as a Blob (a File is a Blob). */
type Sent<TValue> = TValue extends UploadFile
  ? Blob
  : TValue extends UploadFile[]
    ? Blob[]
    : TValue;

/** FastAPI's rule for a bare schema: a path name, else the body if it is an object, else query. */
type BareSource<TName, TInput, TPathNames> = TName extends TPathNames
  ? "path"
  : TInput extends readonly unknown[]
    ? "query"
    : TInput extends object
      ? "body"
      : "query";

/** "x_token" -> "x-token": headers are read with underscores converted (the default). */
type Hyphenate<TName extends string> = TName extends `${infer THead}_${infer TTail}`
  ? `${THead}-${Hyphenate<TTail>}`
  : TName;

type WireName<TName extends string, TSource> = TSource extends "header"
  ? Lowercase<Hyphenate<TName>>
  : TName;

type EntryOf<TName extends string, TParam, TPathNames> = TParam extends {
  kind: "param";
  source: infer TSource;
  schema: infer TSchema;
}
  ? EntryFor<WireName<TName, TSource>, TSource, Sent<Input<TSchema>>>
  : TParam extends { kind: "depends"; dependency: { params: infer TDepParams } }
    ? EntriesOf<TDepParams, TPathNames>
    : TParam extends StandardSchemaV1
      ? EntryFor<TName, BareSource<TName, Input<TParam>, TPathNames>, Input<TParam>>
      : never; // special params (request, background tasks) are not sent

/** Every value input of a `params` object, a dependency's own params included. */
type EntriesOf<TParams, TPathNames> = string extends keyof TParams
  ? never // a dependency typed with the open ParamsShape (security schemes) declares none
  : { [K in keyof TParams & string]: EntryOf<K, TParams[K], TPathNames> }[keyof TParams & string];

type AnyEntry = Entry<PropertyKey, unknown, unknown, boolean>;
type Required<TEntries> = Extract<TEntries, { required: true }>;

/** Entries as an object by wire name; optional entries are optional keys. */
type Group<TEntries extends AnyEntry> = {
  [E in Required<TEntries> as E["name"]]: E["value"];
} & {
  [E in Extract<TEntries, { required: false }> as E["name"]]?: E["value"];
};

/** `{ key: value }`; the key is optional when no entry behind the value is required. */
type Slot<TKey extends string, TEntries, TValue> = [Required<TEntries>] extends [never]
  ? { [K in TKey]?: TValue }
  : { [K in TKey]: TValue };

type GroupSlot<TKey extends string, TEntries extends AnyEntry> = [TEntries] extends [never]
  ? {}
  : Slot<TKey, TEntries, Group<TEntries>>;

type IsSingle<TName, TAll = TName> = TName extends unknown
  ? [Exclude<TAll, TName>] extends [never]
    ? true
    : false
  : never;

/** One Body param is the whole body; several are embedded under their names. */
type BodySlot<TBodies extends AnyEntry> = [TBodies] extends [never]
  ? {}
  : Slot<
      "body",
      TBodies,
      IsSingle<TBodies["name"]> extends true ? TBodies["value"] : Group<TBodies>
    >;

/** The `{name}`s of the path no param declares: the handler gets them as strings. */
type Implicit<TPathNames extends string, TEntries extends AnyEntry> = ImplicitEntry<
  Exclude<TPathNames, Extract<TEntries, { source: "path" }>["name"]>
>;

type ImplicitEntry<TNames extends string> = [TNames] extends [never]
  ? never
  : Entry<TNames, "path", string | number, true>;

type ParamsOf<TSpec> = TSpec extends { params: infer TParams } ? TParams : {};

type ParamEntries<TEntries> = Extract<TEntries, { source: "path" | "query" | "header" | "cookie" }>;

type RequestInputs<TEntries extends AnyEntry> = ([ParamEntries<TEntries>] extends [never]
  ? {}
  : Slot<
      "params",
      ParamEntries<TEntries>,
      GroupSlot<"path", Extract<TEntries, { source: "path" }>> &
        GroupSlot<"query", Extract<TEntries, { source: "query" }>> &
        GroupSlot<"header", Extract<TEntries, { source: "header" }>> &
        GroupSlot<"cookie", Extract<TEntries, { source: "cookie" }>>
    >) &
  BodySlot<Extract<TEntries, { source: "body" }>> &
  GroupSlot<"form", Extract<TEntries, { source: "form" | "file" }>>;

/** Options every call takes besides the route's own inputs: extra headers, an abort signal… */
export interface CallOptions extends Omit<RequestInit, "body" | "method" | "headers"> {
  headers?: HeadersInit;
}

type InputsOf<TPathNames extends string, TEntries extends AnyEntry> = RequestInputs<
  TEntries | Implicit<TPathNames, TEntries>
>;

/** The second argument of `client.GET(path, init)` for one route. */
export type InitOf<TPath extends string, TRoute> =
  TRoute extends RouteType<infer TSpec, any>
    ? InputsOf<PathParamNames<TPath>, EntriesOf<ParamsOf<TSpec>, PathParamNames<TPath>>> &
        CallOptions
    : never;

/** `init` is optional when the route needs nothing. */
export type InitArgs<TInit> = {} extends TInit ? [init?: TInit] : [init: TInit];

type Output<TSchema> = TSchema extends StandardSchemaV1
  ? StandardSchemaV1.InferOutput<TSchema>
  : never;

type EventData<TEvent> = TEvent extends ServerSentEvent ? unknown : TEvent;

/** A generator's item sent as an event: validated by `response`; a ServerSentEvent may also carry raw text (`[DONE]`). */
type EventItemData<TSpec, TItem> = TItem extends ServerSentEvent
  ? ResponseOutput<TSpec, unknown> | string
  : ResponseOutput<TSpec, TItem>;

type ResponseOutput<TSpec, TOtherwise> = TSpec extends {
  response: infer TSchema extends StandardSchemaV1;
}
  ? Output<TSchema>
  : TOtherwise;

/** What a 2xx answer of a route parses to, from its options and what its handler returns. */
export type DataOf<TSpec, TReturned> = TSpec extends { status: 204 | 304 }
  ? undefined
  : TReturned extends TailorResponse
    ? TReturned extends EventSourceResponse<infer TEvent>
      ? AsyncIterable<ServerSentEventMessage<EventData<TEvent>>>
      : unknown
    : TReturned extends AsyncGenerator<infer TItem, any, any> | Generator<infer TItem, any, any>
      ? TSpec extends { responseClass: typeof EventSourceResponse }
        ? AsyncIterable<ServerSentEventMessage<EventItemData<TSpec, TItem>>>
        : AsyncIterable<ResponseOutput<TSpec, TItem>>
      : ResponseOutput<TSpec, TReturned>;

type DeclaredErrors<TSpec> = TSpec extends { responses: infer TResponses }
  ? {
      [K in keyof TResponses]: `${K & (string | number)}` extends `2${string}` | `3${string}`
        ? never
        : TResponses[K] extends { model: infer TModel extends StandardSchemaV1 }
          ? Output<TModel>
          : HTTPErrorBody;
    }[keyof TResponses]
  : never;

/** What a non-2xx answer parses to: declared error models, `{detail}`, and 422 for a route with params. */
export type ErrorOf<TSpec> =
  | DeclaredErrors<TSpec>
  | HTTPErrorBody
  | (keyof ParamsOf<TSpec> extends never ? never : HTTPValidationError);

export type ResultOf<TRoute> =
  TRoute extends RouteType<infer TSpec, infer TResult>
    ? FetchResult<DataOf<TSpec, Awaited<TResult>>, ErrorOf<TSpec>>
    : never;
