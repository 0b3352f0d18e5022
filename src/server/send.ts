import type { ServerResponse } from "node:http";
import type { OutgoingResponse } from "../http/outgoing.js";
import { isBodylessStatus } from "../internal/status.js";

/**
 * Writes a response to node:http in one `writeHead` + `end` for fixed bodies; streams iterate
 * with backpressure and stop when the client goes away. Fixed bodies get a content-length.
 */
export async function sendNodeResponse(
  res: ServerResponse,
  response: OutgoingResponse,
  headOnly: boolean,
): Promise<void> {
  const body = response.body;
  if (body === null || typeof body === "string" || body instanceof Uint8Array) {
    // writeHead fixes the headers, so node would not add content-length itself: a HEAD answer
    // announces the would-be body's length, a bodyless status (204, 304) announces none
    if (!isBodylessStatus(response.status) && response.headers["content-length"] === undefined) {
      response.headers["content-length"] = String(
        body === null ? 0 : typeof body === "string" ? Buffer.byteLength(body) : body.byteLength,
      );
    }
    res.writeHead(response.status, response.headers);
    if (headOnly || body === null) res.end();
    else res.end(body);
    return;
  }
  res.writeHead(response.status, response.headers);
  const iterator = body[Symbol.asyncIterator]();
  try {
    for (;;) {
      if (res.destroyed) break;
      const step = await iterator.next();
      if (step.done) break;
      if (!res.write(step.value)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off("drain", done);
            res.off("close", done);
            resolve();
          };
          res.on("drain", done);
          res.on("close", done);
        });
      }
    }
  } finally {
    if (res.destroyed) await iterator.return?.();
    res.end();
  }
}
