import type { OutgoingResponse } from "../../src/http/outgoing.js";
import type { App } from "../../src/index.js";
import { createRequestContext } from "../../src/testing/request-context.js";

/**
 * Calls the app's pipeline directly and returns its response object: headers in the order the
 * middleware wrote them (a fetch `Headers` would sort them), before the adapter adds content-length.
 */
export async function callRaw(
  app: App,
  method: string,
  url: string,
  headers: Record<string, string> = {},
  scheme = "http",
): Promise<OutgoingResponse> {
  const lower: Record<string, string> = { host: "testserver" };
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
  await app.startup();
  return app.handle(createRequestContext(method, url, lower, scheme));
}

/** The response's headers as [name, value] pairs, in order. */
export function headerList(response: OutgoingResponse): [string, string][] {
  return Object.entries(response.headers).map(([name, value]) => [
    name,
    Array.isArray(value) ? value.join(", ") : value,
  ]);
}

export async function bodyText(response: OutgoingResponse): Promise<string> {
  const { body } = response;
  if (body === null) return "";
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString("utf8");
  let out = "";
  for await (const chunk of body) out += typeof chunk === "string" ? chunk : Buffer.from(chunk);
  return out;
}
