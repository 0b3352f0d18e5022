import { RawConnection, type RawResponse } from "./transports.js";

/** One line of a request head, or a header as name and value. */
export type HeadLine = string | [string, string];

/**
 * Builds request bytes exactly as given: nothing is normalised, so a case can send what no
 * well-behaved client would. A body gets a content-length unless `length` says otherwise
 * (`null`: no content-length at all).
 */
export function request(
  requestLine: string,
  headers: HeadLine[] = [],
  body?: string | Buffer,
  length?: number | null,
): Buffer {
  const bytes =
    body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, "latin1");
  const lines = [requestLine, "Host: 127.0.0.1"];
  for (const header of headers)
    lines.push(typeof header === "string" ? header : `${header[0]}: ${header[1]}`);
  const declared = length === undefined ? bytes?.length : length;
  if (declared !== undefined && declared !== null) lines.push(`Content-Length: ${declared}`);
  return Buffer.concat([
    Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1"),
    bytes ?? Buffer.alloc(0),
  ]);
}

/** A request line and headers written by hand, without the Host header `request` adds. */
export function raw(text: string): Buffer {
  return Buffer.from(text, "latin1");
}

export function post(path: string, contentType: string | null, body: string | Buffer): Buffer {
  return request(
    `POST ${path} HTTP/1.1`,
    contentType === null ? [] : [["Content-Type", contentType]],
    body,
  );
}

export function get(target: string, headers: HeadLine[] = []): Buffer {
  return request(`GET ${target} HTTP/1.1`, headers);
}

export const JSON_TYPE = "application/json";

/** What one exchange on a fresh connection gave back. */
export interface Exchange {
  responses: RawResponse[];
  /** the server closed the connection (within the wait after the last response) */
  closed: boolean;
}

/**
 * Writes each chunk (with a short pause between them), reads `count` final responses (1xx
 * interim responses are skipped), then waits briefly to see whether the server closes.
 * With `hangUp`, the client closes right after writing and reads nothing.
 */
export async function exchange(
  port: number,
  chunks: readonly Buffer[],
  count: number,
  options: { hangUp?: boolean; closeWait?: number } = {},
): Promise<Exchange> {
  const connection = await RawConnection.open(port);
  try {
    for (let i = 0; i < chunks.length; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 10));
      connection.write(chunks[i]!);
    }
    if (options.hangUp) {
      connection.close();
      return { responses: [], closed: true };
    }
    const responses: RawResponse[] = [];
    while (responses.length < count) {
      let response: RawResponse;
      try {
        response = await connection.response(10_000);
      } catch (error) {
        // the server hung up without a (complete) answer: the caller's status check fails
        if (connection.closed) break;
        throw error;
      }
      if (response.status >= 200) responses.push(response);
    }
    const closed = await connection.waitClosed(options.closeWait ?? 50);
    return { responses, closed };
  } finally {
    connection.close();
  }
}
