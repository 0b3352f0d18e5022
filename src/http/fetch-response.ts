import { assertFinalStatus, isBodylessStatus } from "../internal/status.js";
import { runAfterSend } from "./after-send.js";
import type { RequestContext } from "./context.js";
import type { FetchNative } from "./fetch-request.js";
import {
  fixedContentLength,
  internalErrorResponse,
  type OutgoingResponse,
  type ResponseHeaders,
} from "./outgoing.js";
import type { Servable } from "./servable.js";
import { recordServerError } from "./server-errors.js";

/** What `toWebResponse` needs of the caller's fetch options. */
export interface WebResponseOptions {
  awaitAfterSend?: boolean;
  /**
   * the server writes the content-length of a body it is handed whole (Bun.serve and
   * Deno.serve do): the header is left to it, one header less to copy per response
   */
  framesBodies?: boolean;
  platform?: unknown;
  onStream?: (request: Request, platform: unknown) => void;
}

const encoder = new TextEncoder();

/** A streamed body as a ReadableStream that calls `onDone` once, however it ends. */
function toWebStream(
  body: AsyncIterable<string | Uint8Array>,
  onDone: () => void,
): ReadableStream<Uint8Array> {
  const iterator = body[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const step = await iterator.next();
        if (step.done) {
          controller.close();
          onDone();
        } else
          controller.enqueue(
            typeof step.value === "string" ? encoder.encode(step.value) : step.value,
          );
      } catch (error) {
        controller.error(error);
        onDone();
      }
    },
    async cancel() {
      await iterator.return?.();
      onDone();
    },
  });
}

/**
 * A Web Response's headers from ours: the record itself when every header has one value (Bun
 * and Deno copy a plain record faster than they build a Headers), else name/value pairs.
 */
function webHeaders(headers: ResponseHeaders): HeadersInit {
  let pairs: [string, string][] | undefined;
  for (const name in headers) {
    if (Array.isArray(headers[name])) {
      pairs = [];
      break;
    }
  }
  if (pairs === undefined) return headers as Record<string, string>;
  for (const name in headers) {
    const value = headers[name]!;
    if (Array.isArray(value)) for (const item of value) pairs.push([name, item]);
    else pairs.push([name, value]);
  }
  return pairs;
}

/** The plain 500, framed, for when the answer itself cannot be sent. */
function internalError(isHead: boolean): Response {
  const fallback = internalErrorResponse();
  fallback.headers["content-length"] = fixedContentLength(500, fallback.body as string)!;
  return new Response(isHead ? null : (fallback.body as string), {
    status: 500,
    headers: fallback.headers as Record<string, string>,
  });
}

/**
 * Turns the pipeline's answer into a Web Response. Fixed bodies keep their content-length
 * (HEAD and 205 too); an untyped string goes as bytes, since as a string the Response would
 * add text/plain. After-send work runs once the body is handed over, or once a stream ends.
 */
export function toWebResponse(
  app: Servable,
  ctx: RequestContext,
  response: OutgoingResponse,
  options: WebResponseOptions,
): Response | Promise<Response> {
  const isHead = ctx.method === "HEAD";
  try {
    assertFinalStatus(response.status);
  } catch (error) {
    app.logger.error(`sending the response to ${ctx.method} ${ctx.path} failed`, error);
    recordServerError(ctx, error);
    response = internalErrorResponse();
  }
  const { status, headers, body } = response;
  if (ctx.closeConnection) headers.connection = "close";
  const bodyless = isBodylessStatus(status) || isHead;
  let webBody: BodyInit | null;
  let streamed = false;
  if (body === null || typeof body === "string" || body instanceof Uint8Array) {
    webBody =
      bodyless || body === null
        ? null
        : typeof body !== "string" || headers["content-type"] !== undefined
          ? (body as BodyInit)
          : encoder.encode(body);
    // a HEAD, a 205 and a null body keep theirs: no server derives those from what it sends
    if (
      headers["content-length"] === undefined &&
      (webBody === null || options.framesBodies !== true)
    ) {
      const length = fixedContentLength(status, body);
      if (length !== undefined) headers["content-length"] = length;
    }
  } else if (bodyless) webBody = null;
  else {
    streamed = true;
    webBody = toWebStream(body, () => void runAfterSend(ctx, logErrorOf(app)));
    options.onStream?.((ctx.native as FetchNative).request, options.platform);
  }
  let web: Response;
  try {
    web = new Response(webBody, { status, headers: webHeaders(headers) });
  } catch (error) {
    // an invalid header value: the node adapter answers the same plain 500
    app.logger.error(`sending the response to ${ctx.method} ${ctx.path} failed`, error);
    recordServerError(ctx, error);
    web = internalError(isHead);
  }
  if (!streamed && ctx.afterSend !== undefined) {
    const done = runAfterSend(ctx, logErrorOf(app));
    if (options.awaitAfterSend) return done.then(() => web);
  }
  return web;
}

function logErrorOf(app: Servable): (message: string, error: unknown) => void {
  return (message, error) => app.logger.error(message, error);
}
