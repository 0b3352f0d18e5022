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
 * With `hangUp`, the client closes right after writing and reads nothing; with `halfClose`, it
 * ends its side (as `nc` does) and still reads.
 */
export async function exchange(
  port: number,
  chunks: readonly Buffer[],
  count: number,
  options: { hangUp?: boolean; halfClose?: boolean; closeWait?: number } = {},
): Promise<Exchange> {
  const connection = await RawConnection.open(port);
  try {
    for (let i = 0; i < chunks.length; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 10));
      connection.write(chunks[i]!);
    }
    if (options.halfClose) connection.socket.end();
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

/**
 * One hostile request (or a few, pipelined on one connection) and what must come back.
 * `status` lists the final statuses in order; an empty list means the client hangs up after
 * writing and expects nothing. Where an expectation is not recorded in behaviors.md, the
 * comment beside the case says where it comes from.
 */
export interface HostileCase {
  name: string;
  chunks: Buffer[];
  status: number[];
  /** the server must close the connection after answering */
  closes?: boolean;
  /** the server must keep the connection open after answering */
  keepsOpen?: boolean;
  /** the client hangs up right after writing */
  hangUp?: boolean;
  /** the client ends its side of the connection after writing, and still reads */
  halfClose?: boolean;
  /** the exact body of the last response */
  body?: string;
  /** a part of the last response's body */
  contains?: string;
  /** headers the last response must carry, with these exact values */
  headers?: Record<string, string>;
  /** the last response's body is at most this many characters */
  maxBodyLength?: number;
}

export const ITEM = '{"name":"a","price":1}';
export const PARSE_ERROR = '{"detail":"There was an error parsing the body"}';
export const FORM = "application/x-www-form-urlencoded";

export function nested(depth: number, open: string, close: string, leaf = "1"): string {
  return open.repeat(depth) + leaf + close.repeat(depth);
}

export function utf16le(text: string, bom: boolean): Buffer {
  const body = Buffer.from(text, "utf16le");
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}

export function manyParams(count: number, make: (i: number) => string): string {
  return Array.from({ length: count }, (_, i) => make(i)).join("&");
}

export function manyCookies(count: number): string {
  return Array.from({ length: count }, (_, i) => `c${i}=${i}`).join("; ");
}

export const CHUNKED: [string, string] = ["Transfer-Encoding", "chunked"];
export const JSON_HEADER: [string, string] = ["Content-Type", JSON_TYPE];
