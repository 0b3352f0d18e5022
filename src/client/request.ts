import type { CallOptions } from "./infer.js";

/** A call's second argument as the runtime sees it (its precise type is `InitOf`). */
export interface CallInit extends CallOptions {
  params?: {
    path?: Record<string, unknown>;
    query?: Record<string, unknown>;
    header?: Record<string, unknown>;
    cookie?: Record<string, unknown>;
  };
  body?: unknown;
  form?: Record<string, unknown>;
}

// "{item_id}" and "{p:path}"; a path converter keeps the value's slashes
const TEMPLATE_PARAM = /\{([A-Za-z_][A-Za-z0-9_]*)(?::(\w+))?\}/g;

function scalar(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/** "/items/{item_id}" + { item_id: 3 } -> "/items/3"; a missing value is a programming error. */
export function fillPath(path: string, values: Record<string, unknown> = {}): string {
  return path.replace(TEMPLATE_PARAM, (_match, name: string, converter: string | undefined) => {
    const value = values[name];
    if (value === undefined || value === null) {
      throw new TypeError(
        `${path}: no value for the path parameter "${name}" (params.path.${name})`,
      );
    }
    const text = scalar(value);
    return converter === "path"
      ? text.split("/").map(encodeURIComponent).join("/")
      : encodeURIComponent(text);
  });
}

/** `{ q: "x", tag: ["a", "b"], skip: undefined }` -> "?q=x&tag=a&tag=b" */
export function queryString(values: Record<string, unknown> | undefined): string {
  if (values === undefined) return "";
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null) search.append(name, scalar(item));
    }
  }
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

/** The client's default headers, then the call's, then its declared header and cookie params. */
export function requestHeaders(defaults: HeadersInit | undefined, init: CallInit): Headers {
  const headers = new Headers(defaults);
  new Headers(init.headers).forEach((value, name) => {
    headers.set(name, value);
  });
  for (const [name, value] of Object.entries(init.params?.header ?? {})) {
    if (value !== undefined && value !== null) headers.set(name, scalar(value));
  }
  const cookies = Object.entries(init.params?.cookie ?? {})
    .filter(([, value]) => value !== undefined && value !== null)
    // sent as given, as httpx does: the server reads cookie values without percent-decoding
    .map(([name, value]) => `${name}=${scalar(value)}`);
  if (cookies.length > 0) {
    const existing = headers.get("cookie");
    headers.set("cookie", [existing, ...cookies].filter(Boolean).join("; "));
  }
  return headers;
}

const isBlob = (value: unknown) => value instanceof Blob;

/** A form as multipart when it carries a file, else URL-encoded; lists repeat the field. */
function formBody(fields: Record<string, unknown>): FormData | URLSearchParams {
  const entries = Object.entries(fields).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value])
      .filter((item) => item !== undefined && item !== null)
      .map((item) => [name, item] as const),
  );
  if (!entries.some(([, value]) => isBlob(value))) {
    return new URLSearchParams(entries.map(([name, value]) => [name, scalar(value)]));
  }
  const form = new FormData();
  for (const [name, value] of entries) {
    if (isBlob(value)) form.append(name, value as Blob);
    else form.append(name, scalar(value));
  }
  return form;
}

/** The request body: JSON for `body` (FormData, URLSearchParams and Blobs as they are), a form for `form`. */
export function requestBody(init: CallInit, headers: Headers): BodyInit | undefined {
  if (init.form !== undefined) return formBody(init.form);
  const body = init.body;
  if (body === undefined) return undefined;
  if (body instanceof FormData || body instanceof URLSearchParams || isBlob(body)) {
    return body as BodyInit;
  }
  if (!headers.has("content-type")) headers.set("content-type", "application/json");
  return JSON.stringify(body);
}
