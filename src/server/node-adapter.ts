import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { HTTPException } from "../errors/http-exception.js";
import type { RequestAdapter, RequestContext } from "../http/context.js";

/** A node context's `native` is the ServerResponse; its request is `res.req`. */
function requestOf(ctx: RequestContext): IncomingMessage {
  return (ctx.native as ServerResponse).req;
}

function tooLarge(ctx: RequestContext): HTTPException {
  ctx.closeConnection = true;
  return new HTTPException(413);
}

const continued = new WeakSet<ServerResponse>();

/**
 * Sends `100 Continue` to a client that waits for it, once the route has decided to read the
 * body (its declared size is within the limit): a body the route refuses is never invited.
 * serve() listens for "checkContinue", so node does not send it on its own.
 */
function sendContinue(ctx: RequestContext): void {
  const res = ctx.native as ServerResponse;
  const expect = res.req.headers.expect;
  if (expect === undefined || continued.has(res) || res.headersSent) return;
  if (expect.toLowerCase() !== "100-continue") return;
  continued.add(res);
  res.writeContinue();
}

/**
 * Whether the connection must close after this answer: the request declared a body that has
 * not fully arrived (the route answered without reading it all). Node would read the rest as
 * the start of the next request, and answer its framing errors a second time (a 405, then
 * node's own 400).
 */
export function bodyLeftUnread(req: IncomingMessage): boolean {
  return (
    !req.complete &&
    (req.headers["content-length"] !== undefined || req.headers["transfer-encoding"] !== undefined)
  );
}

/** Fills request contexts straight from IncomingMessage: no Web Request on Node's hot path. */
export const nodeAdapter: RequestAdapter = {
  readBody(ctx, limit) {
    const req = requestOf(ctx);
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) > limit) {
      req.resume();
      return Promise.reject(tooLarge(ctx));
    }
    sendContinue(ctx);
    return new Promise((resolve, reject) => {
      // The request is discarded once answered, so listeners are never removed: a flag stops
      // collecting past the limit, and a late settle of the promise is a no-op.
      const chunks: Buffer[] = [];
      let size = 0;
      req.on("data", (chunk: Buffer) => {
        if (size > limit) return;
        size += chunk.length;
        if (size > limit) {
          chunks.length = 0;
          reject(tooLarge(ctx));
        } else chunks.push(chunk);
      });
      req.on("end", () => {
        if (size <= limit) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
      });
      // an aborted request is destroyed with an "aborted" error
      req.on("error", () => reject(new HTTPException(400, "There was an error parsing the body")));
    });
  },

  bodyStream(ctx) {
    sendContinue(ctx);
    return requestOf(ctx);
  },

  repeatedHeader(ctx, wanted) {
    const raw = requestOf(ctx).rawHeaders;
    let seen = 0;
    for (let i = 0; i < raw.length; i += 2) {
      const index = wanted.indexOf(raw[i]!);
      if (index === -1) continue;
      const bit = 1 << index;
      if ((seen & bit) !== 0) return raw[i]!.toLowerCase();
      seen |= bit;
    }
    return undefined;
  },

  headerValues(ctx, name) {
    const req = requestOf(ctx);
    const raw = req.rawHeaders;
    const values: string[] = [];
    for (let i = 0; i < raw.length; i += 2) {
      if (raw[i]!.toLowerCase() === name) values.push(raw[i + 1]!);
    }
    return values;
  },

  watchDisconnect(ctx, controller) {
    const res = ctx.native as ServerResponse;
    if (res.writableFinished) return;
    const onClose = () => {
      if (!res.writableFinished) controller.abort(new Error("client disconnected"));
    };
    res.once("close", onClose);
  },

  client(ctx) {
    const req = requestOf(ctx);
    const socket = req.socket;
    return socket.remoteAddress
      ? { host: socket.remoteAddress, port: socket.remotePort ?? 0 }
      : null;
  },
};

export function schemeOf(req: IncomingMessage): string {
  return (req.socket as TLSSocket).encrypted ? "https" : "http";
}
