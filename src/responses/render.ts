import { ResponseValidationError } from "../errors/validation.js";
import type { RequestContext } from "../http/context.js";
import type { ResponseDraft } from "../http/response-draft.js";
import { isBodylessStatus } from "../internal/status.js";
import {
  ACCEPT_FAIL,
  acceptorFor,
  compileAliasRenamer,
  declaredFields,
  fieldDefaults,
  interpreterFor,
  isPlainJsonOutput,
  type StandardSchemaV1,
} from "../schema/index.js";
import { eventItems, isEventSourceClass } from "./event-stream.js";
import type { FieldSelection } from "./field-selection.js";
import { compileResponseFilter } from "./filter.js";
import { isGeneratorFunction, jsonLines } from "./json-lines.js";
import { encodeJson, type OutgoingResponse, Response, type ResponseInit } from "./response.js";
import { StreamingResponse } from "./streaming.js";

/** A Response class a route's return value is rendered with (`responseClass: HTMLResponse`). */
export type ResponseClass = new (content: any, init?: ResponseInit) => Response;

/** The route options that decide how a handler's result becomes a response. */
export interface RenderSpec {
  response?: StandardSchemaV1 | null | undefined;
  status?: number | undefined;
  responseClass?: ResponseClass | undefined;
  responseExcludeUnset?: boolean | undefined;
  responseExcludeNone?: boolean | undefined;
  responseInclude?: FieldSelection | undefined;
  responseExclude?: FieldSelection | undefined;
  responseExcludeDefaults?: boolean | undefined;
  responseByAlias?: boolean | undefined;
  /** an event-stream generator route: ms of silence before a `: ping` comment */
  keepAlive?: number | undefined;
}

/** Turns what a handler returned into the response to send (per request, no allocation beyond it). */
export type Render = (result: unknown, ctx: RequestContext) => OutgoingResponse;

const RESPONSE_LOC = ["response"];

function encodePlainJson(value: unknown): string {
  return JSON.stringify(value) ?? "null";
}

/** Merges what the handler set on `ctx.response` (headers, cookies) into its response. */
function applyDraft(response: OutgoingResponse, draft: ResponseDraft): void {
  for (const [name, headerValue] of draft.headers) response.headers[name] = headerValue;
  if (draft.cookies.length > 0) {
    const existing = response.headers["set-cookie"];
    response.headers["set-cookie"] = [
      ...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]),
      ...draft.cookies,
    ];
  }
}

/**
 * Compiles how a route answers with its handler's result: a Response as it is; a value checked
 * and filtered by the response schema, then encoded as JSON (or by `responseClass`); the items
 * of a generator handler as JSON Lines, each checked like a value.
 */
export function compileRender(spec: RenderSpec, handler: Function): Render {
  const validator = spec.response ? interpreterFor(spec.response, "json", "name") : null;
  // the generated accept-path, without a result object; the validator words a rejection
  const accept = spec.response ? acceptorFor(spec.response, "json", "name") : null;
  const filter = compileResponseFilter({
    excludeUnset: spec.responseExcludeUnset,
    declaredFields: spec.response ? declaredFields(spec.response) : null,
    excludeNone: spec.responseExcludeNone,
    include: spec.responseInclude,
    exclude: spec.responseExclude,
    excludeDefaults: spec.responseExcludeDefaults,
    fieldDefaults:
      spec.response && spec.responseExcludeDefaults ? fieldDefaults(spec.response) : null,
    rename:
      spec.response && spec.responseByAlias !== false ? compileAliasRenamer(spec.response) : null,
  });
  const status = spec.status ?? 200;
  const responseClass = spec.responseClass;
  // what a plain-JSON response schema lets out needs no search for values JSON.stringify
  // would get wrong (bigint, Map, bytes…): the filter only drops or renames keys
  const encode = spec.response && isPlainJsonOutput(spec.response) ? encodePlainJson : encodeJson;

  /** a returned value (or a streamed item) as the response schema lets it out */
  const admit = (result: unknown): unknown => {
    let value = result;
    if (validator !== null) {
      value = accept!(result);
      if (value === ACCEPT_FAIL) {
        const checked = validator(result, RESPONSE_LOC);
        if (!checked.ok) throw new ResponseValidationError(checked.errors);
        value = checked.value;
      }
    }
    return filter === null ? value : filter(value, result);
  };

  const renderValue: Render = (result, ctx) => {
    if (result instanceof Response) return result;
    const value = admit(result);
    const draft = ctx.responseDraft;
    const finalStatus = draft?.status ?? status;
    let response: OutgoingResponse;
    if (responseClass !== undefined) {
      const explicit = draft?.status ?? spec.status;
      response = new responseClass(value, explicit === undefined ? {} : { status: explicit });
    } else {
      response = {
        status: finalStatus,
        headers: { "content-type": "application/json" },
        body: isBodylessStatus(finalStatus) ? null : encode(value),
      };
    }
    if (draft !== undefined) applyDraft(response, draft);
    return response;
  };
  if (!isGeneratorFunction(handler)) return renderValue;

  // A generator handler streams its items as JSON Lines (FastAPI 0.134+), each item validated
  // and filtered like a returned value; an item that does not fit ends the stream. With
  // responseClass: EventSourceResponse the items become server-sent events instead.
  const renderItem = (item: unknown): string => encode(admit(item));
  const eventSource = isEventSourceClass(responseClass) ? responseClass! : null;
  return (result, ctx) => {
    if (result instanceof Response) return result;
    const draft = ctx.responseDraft;
    const items = result as AsyncIterable<unknown> | Iterable<unknown>;
    const response =
      eventSource !== null
        ? new eventSource(eventItems(items, admit), {
            status: draft?.status ?? status,
            keepAlive: spec.keepAlive,
          } as ResponseInit)
        : new StreamingResponse(jsonLines(items, renderItem), {
            status: draft?.status ?? status,
            mediaType: "application/jsonl",
          });
    if (draft !== undefined) applyDraft(response, draft);
    return response;
  };
}
