import type { ServerResponse } from "node:http";
import type { OutgoingResponse } from "../http/outgoing.js";

/**
 * Writes a response to node:http in one `writeHead` + `end` for fixed bodies; streams iterate
 * with backpressure and stop when the client goes away. Node adds content-length for fixed
 * bodies itself (on `end(body)` before headers are flushed).
 */
export async function sendNodeResponse(
  res: ServerResponse,
  response: OutgoingResponse,
  headOnly: boolean,
): Promise<void> {
  const body = response.body;
  if (body === null || typeof body === "string" || body instanceof Uint8Array) {
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
