import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { HTTPException } from "../errors/http-exception.js";
import { assertFinalStatus, isBodylessStatus } from "../internal/status.js";
import { runAfterSend } from "./after-send.js";
import { type HeaderValues, type RequestAdapter, RequestContext } from "./context.js";
import { fixedContentLength, internalErrorResponse, type OutgoingResponse } from "./outgoing.js";
import type { Servable } from "./servable.js";

interface FetchNative {
  request: Request;
  client: { host: string; port: number } | null;
}

async function readLimited(
  request: Request,
  ctx: RequestContext,
  limit: number,
): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) {
    ctx.closeConnection = true;
    throw new HTTPException(413);
  }
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      ctx.closeConnection = true;
      throw new HTTPException(413);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

const fetchAdapter: RequestAdapter = {
  readBody: (ctx, limit) => readLimited((ctx.native as FetchNative).request, ctx, limit),
  bodyStream(ctx) {
    const body = (ctx.native as FetchNative).request.body;
    return body === null ? Readable.from([]) : Readable.fromWeb(body as NodeReadableStream);
  },
  headerValues(ctx, name) {
    const value = (ctx.native as FetchNative).request.headers.get(name);
    return value === null ? [] : [value];
  },
  watchDisconnect(ctx, controller) {
    const signal = (ctx.native as FetchNative).request.signal;
    if (signal.aborted) controller.abort(signal.reason);
    else signal.addEventListener("abort", () => controller.abort(signal.reason), { once: true });
  },
  client: (ctx) => (ctx.native as FetchNative).client,
};

function headersOf(request: Request, url: URL): HeaderValues {
  const headers: HeaderValues = {};
  request.headers.forEach((value, name) => {
    headers[name] = name === "cookie" ? value.replaceAll(", ", "; ") : value;
  });
  // a Web Request keeps the host in its URL, not its headers
  headers.host ??= url.host;
  return headers;
}

function toWebBody(body: OutgoingResponse["body"], onDone: () => void): BodyInit | null {
  if (body === null || body instanceof Uint8Array) return body as BodyInit | null;
  // bytes, not a string: a string body would make the Web Response add its own content-type
  if (typeof body === "string") return Buffer.from(body);
  const iterator = body[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
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

export interface FetchOptions {
  /** wait for background tasks and teardown before resolving (TestClient does) */
  awaitAfterSend?: boolean;
  client?: { host: string; port: number } | null;
  /** keep the Web Request's abort signal as ctx.signal */
  signal?: AbortSignal;
}

/** Answers a Web-standard Request: for Bun, Deno, Workers, and the in-process TestClient. */
export async function handleFetch(
  app: Servable,
  request: Request,
  options: FetchOptions = {},
): Promise<Response> {
  const url = new URL(request.url);
  const ctx = new RequestContext(
    fetchAdapter,
    { request, client: options.client ?? null } satisfies FetchNative,
    request.method.toUpperCase(),
    `${url.pathname}${url.search}`,
    headersOf(request, url),
    url.protocol.replace(":", ""),
  );
  let response = await app.handle(ctx);
  const logError = (message: string, error: unknown) => app.logger.error(message, error);
  try {
    assertFinalStatus(response.status);
  } catch (error) {
    logError(`sending the response to ${ctx.method} ${ctx.path} failed`, error);
    response = internalErrorResponse();
  }
  const headers = new Headers();
  for (const name in response.headers) {
    const value = response.headers[name]!;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  if (ctx.closeConnection) headers.set("connection", "close");
  const fixed =
    response.body === null ||
    typeof response.body === "string" ||
    response.body instanceof Uint8Array;
  if (fixed && !headers.has("content-length")) {
    const length = fixedContentLength(response.status, response.body as string | Uint8Array | null);
    if (length !== undefined) headers.set("content-length", length);
  }
  let finished: Promise<void> | undefined;
  const finish = () => {
    finished ??= runAfterSend(ctx, logError);
    return finished;
  };
  const isHead = ctx.method === "HEAD";
  const body =
    isBodylessStatus(response.status) || isHead
      ? null
      : toWebBody(response.body, () => void finish());
  const web = new Response(body, { status: response.status, headers });
  if (fixed || isHead) {
    if (options.awaitAfterSend) await finish();
    else void finish();
  }
  return web;
}
