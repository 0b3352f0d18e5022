import { expect } from "vitest";

/** One recorded FastAPI response, as behaviors.md writes it. */
export interface Recorded {
  status: number;
  /** the exact content-type, or null when the recording has none */
  contentType: string | null;
  /** the exact body text ("" for none) */
  body: string;
  /** other headers that matter, exact values */
  headers?: Record<string, string>;
  /** headers the recording does not have */
  absent?: string[];
  /** compare `allow` as a set of methods */
  allow?: string[];
}

/** Asserts status, content type, the listed headers and the body byte for byte. */
export async function expectRecorded(response: Response, recorded: Recorded): Promise<void> {
  const text = await response.text();
  expect({ status: response.status, body: text }).toEqual({
    status: recorded.status,
    body: recorded.body,
  });
  expect(response.headers.get("content-type")).toBe(recorded.contentType);
  if (recorded.body !== "" && recorded.contentType !== null) {
    expect(response.headers.get("content-length")).toBe(String(Buffer.byteLength(recorded.body)));
  }
  for (const [name, value] of Object.entries(recorded.headers ?? {})) {
    expect(response.headers.get(name), name).toBe(value);
  }
  for (const name of recorded.absent ?? []) expect(response.headers.has(name), name).toBe(false);
  if (recorded.allow !== undefined) {
    const allow = (response.headers.get("allow") ?? "").split(",").map((m) => m.trim());
    expect(new Set(allow)).toEqual(new Set(recorded.allow));
  }
}

export const JSON_CT = "application/json";
export const TEXT_CT = "text/plain; charset=utf-8";

/** A case as behaviors.md records it: the request sent and the response received. */
export interface RecordedCase {
  section: string;
  name: string;
  method: string;
  path: string;
  request: { headers?: Record<string, string>; json?: unknown; body?: string; form?: unknown };
  status: number;
  contentType: string | null;
  headers: Record<string, string>;
  body: string;
}

interface Client {
  request(method: string, url: string, init?: Record<string, unknown>): Promise<Response>;
}

/** Sends a recorded request. A U+FFFD in a recorded body stands for a byte that is not UTF-8. */
export function sendCase(client: Client, recorded: RecordedCase): Promise<Response> {
  const { headers, json, body, form } = recorded.request;
  const init: Record<string, unknown> = {};
  if (form !== undefined) init.form = form;
  if (headers) init.headers = headers;
  if (json !== undefined) init.json = json;
  if (body !== undefined) {
    init.body = body.includes("\ufffd")
      ? Buffer.concat(
          body
            .split("\ufffd")
            .flatMap((part, i) =>
              i === 0 ? [Buffer.from(part)] : [Buffer.from([0xff]), Buffer.from(part)],
            ),
        )
      : body;
  }
  return client.request(recorded.method, recorded.path, init);
}

/** Python writes floats with a fractional part (`1.0`); JSON.stringify writes `1` (§1 divergence). */
export function jsFloats(body: string): string {
  return body.replace(/(\d)\.0(?=[,}\]])/g, "$1");
}

/** Sends the recorded request and asserts the recorded response, with optional known changes. */
export async function expectCase(
  client: Client,
  recorded: RecordedCase | undefined,
  changes: Partial<Recorded> = {},
): Promise<void> {
  if (recorded === undefined) throw new Error("unknown recorded case");
  const response = await sendCase(client, recorded);
  const { allow, ...headers } = recorded.headers;
  await expectRecorded(response, {
    status: recorded.status,
    contentType: recorded.contentType,
    body: recorded.body,
    headers,
    ...(allow === undefined ? {} : { allow: allow.split(", ") }),
    ...changes,
  });
}
