import { Readable } from "node:stream";
import type { RequestAdapter } from "../../src/http/context.js";
import type { OutgoingResponse } from "../../src/http/outgoing.js";
import type { App } from "../../src/index.js";
import { RequestContext } from "../../src/index.js";

const adapter: RequestAdapter = {
  readBody: async () => new Uint8Array(0),
  headerValues: (ctx, name) => {
    const value = ctx.header(name);
    return value === undefined ? [] : [value];
  },
  watchDisconnect: () => undefined,
  client: () => null,
  bodyStream: () => Readable.from([]),
};

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
  return app.handle(new RequestContext(adapter, null, method, url, lower, scheme));
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
