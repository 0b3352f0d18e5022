import type { RecordedCase } from "../parity/recorded.js";

/** A multipart body as a browser's FormData serializes it: bytes and the content type. */
export async function multipart(
  form: FormData,
): Promise<{ body: Uint8Array; headers: Record<string, string> }> {
  const encoded = new Response(form);
  return {
    body: new Uint8Array(await encoded.arrayBuffer()),
    headers: { "content-type": encoded.headers.get("content-type")! },
  };
}

/** The recorded request as headers and a body, the same on every transport. */
export function caseRequest(recorded: RecordedCase): {
  headers: Record<string, string>;
  body?: string;
} {
  const { headers = {}, json, body, form } = recorded.request;
  if (form !== undefined) {
    return {
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(form as Record<string, string>).toString(),
    };
  }
  if (json !== undefined) {
    return {
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(json),
    };
  }
  return body === undefined ? { headers } : { headers, body };
}
