export type ResponseBody = string | Uint8Array | null | AsyncIterable<string | Uint8Array>;
/** lowercase header names; `set-cookie` may hold several values */
export type ResponseHeaders = Record<string, string | string[]>;

/** What adapters send: a Response, or the plain object a compiled route builds for JSON. */
export interface OutgoingResponse {
  status: number;
  headers: ResponseHeaders;
  body: ResponseBody;
}
