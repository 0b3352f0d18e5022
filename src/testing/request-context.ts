import { Readable } from "node:stream";
import { type RequestAdapter, RequestContext } from "../http/context.js";

const bodilessAdapter: RequestAdapter = {
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
 * A request context with no transport behind it (and no body), for calling `app.handle(ctx)`
 * directly: it returns the response object as the pipeline built it, headers in their order.
 *
 * @example const response = await app.handle(createRequestContext("GET", "/items/1", { host: "testserver" }));
 */
export function createRequestContext(
  method: string,
  url: string,
  headers: Record<string, string> = {},
  scheme = "http",
): RequestContext {
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
  return new RequestContext(bodilessAdapter, null, method, url, lower, scheme);
}
