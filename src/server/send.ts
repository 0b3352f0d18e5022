import type { ServerResponse } from "node:http";
import { fixedContentLength, type OutgoingResponse } from "../http/outgoing.js";
import { assertFinalStatus, statusPhrase } from "../internal/status.js";

/**
 * Writes a response to node:http: one `writeHead` + `end` for fixed bodies (with their
 * content-length: after `writeHead`, node would fall back to chunked encoding), streams
 * iterated with backpressure and stopped when the client goes away. Reason phrases are the
 * current ones ("422 Unprocessable Content"), as uvicorn writes them, and empty for a status
 * Python does not name (509, 599).
 */
export function sendNodeResponse(
  res: ServerResponse,
  response: OutgoingResponse,
  headOnly: boolean,
): Promise<void> | undefined {
  const { body, status, headers } = response;
  assertFinalStatus(status);
  if (body === null || typeof body === "string" || body instanceof Uint8Array) {
    if (headers["content-length"] === undefined) {
      const length = fixedContentLength(status, body);
      if (length !== undefined) headers["content-length"] = length;
    }
    res.writeHead(status, statusPhrase(status), headers);
    if (headOnly || body === null) res.end();
    else res.end(body);
    return undefined;
  }
  res.writeHead(status, statusPhrase(status), headers);
  return streamBody(res, body);
}

/** Writes a streamed body chunk by chunk, with backpressure, until it ends or the client leaves. */
async function streamBody(
  res: ServerResponse,
  body: AsyncIterable<string | Uint8Array>,
): Promise<void> {
  const iterator = body[Symbol.asyncIterator]();
  let failed = true;
  try {
    for (;;) {
      if (res.destroyed) break;
      const step = await iterator.next();
      // the client may have gone while the next item was produced
      if (step.done || res.destroyed) break;
      if (!res.write(step.value)) await drained(res);
    }
    failed = false;
  } finally {
    if (res.destroyed) await iterator.return?.();
    else if (!failed) res.end();
    // a stream that failed midway: what was written is flushed, then the connection closes
    // without the final chunk, as uvicorn does, so the client sees an incomplete body
    else if (res.socket) res.socket.end();
    else res.destroy();
  }
}

/** Resolves when the socket can take more, or at once if the response has closed meanwhile. */
function drained(res: ServerResponse): Promise<void> {
  if (res.destroyed || res.writableFinished) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}
