import { handleFetch } from "../http/fetch-handler.js";
import type { Servable } from "../http/servable.js";
import { connectWebSocket, type WebSocketTestSession } from "./websocket-session.js";

export interface TestRequestInit {
  headers?: Record<string, string> | [string, string][];
  /** a string or bytes is sent as is; anything else as JSON (with a JSON content type) */
  body?: unknown;
  /** a JSON body (sets content-type: application/json) */
  json?: unknown;
  /** a form body (application/x-www-form-urlencoded) */
  form?: Record<string, string>;
  /** query parameters appended to the URL */
  params?: Record<string, string | number | boolean | (string | number)[]>;
  signal?: AbortSignal;
}

/**
 * Calls an app in-process, with no socket, and returns fetch `Response`s. The base URL is
 * `http://testserver`; background tasks and teardown have run when a response resolves.
 * The first request runs the lifespan's startup; `close()` runs its shutdown.
 *
 * @example
 * const client = new TestClient(app);
 * const r = await client.get("/items/3?q=x");
 * expect(r.status).toBe(200); expect(await r.json()).toEqual({ item_id: 3, q: "x" });
 */
export class TestClient {
  readonly app: Servable;
  readonly baseUrl: string;
  readonly #defaultHeaders: Record<string, string>;

  constructor(app: Servable, options: { baseUrl?: string; headers?: Record<string, string> } = {}) {
    this.app = app;
    this.baseUrl = options.baseUrl ?? "http://testserver";
    this.#defaultHeaders = { "user-agent": "testclient", ...options.headers };
  }

  async start(): Promise<void> {
    await this.app.startup();
  }

  async close(): Promise<void> {
    await this.app.shutdown();
  }

  async request(method: string, url: string, init: TestRequestInit = {}): Promise<Response> {
    await this.app.startup();
    const target = new URL(url, this.baseUrl);
    if (init.params) {
      for (const [key, value] of Object.entries(init.params)) {
        for (const item of Array.isArray(value) ? value : [value])
          target.searchParams.append(key, String(item));
      }
    }
    const headers = new Headers(this.#defaultHeaders);
    for (const [name, value] of Array.isArray(init.headers)
      ? init.headers
      : Object.entries(init.headers ?? {})) {
      headers.append(name, value);
    }
    let body: BodyInit | undefined;
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    } else if (init.form !== undefined) {
      body = new URLSearchParams(init.form).toString();
      if (!headers.has("content-type"))
        headers.set("content-type", "application/x-www-form-urlencoded");
    } else if (typeof init.body === "string") {
      // bytes, not a string: a string body would make the Request add text/plain itself
      body = Buffer.from(init.body);
    } else if (init.body instanceof Uint8Array) {
      body = init.body as BodyInit;
    } else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    }
    const request = new Request(target, {
      method,
      headers,
      body: method === "GET" || method === "HEAD" ? undefined : body,
      signal: init.signal,
    });
    return handleFetch(this.app, request, {
      awaitAfterSend: true,
      client: { host: "testclient", port: 50000 },
    });
  }

  /**
   * A fetch-compatible function over the same in-process path (startup, background tasks and
   * teardown awaited, the client's default headers added), for clients that take a `fetch`.
   * @example const api = createClient<typeof app>({ baseUrl: "http://testserver", fetch: client.fetch });
   */
  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    await this.app.startup();
    const request = new Request(input, init);
    for (const [name, value] of Object.entries(this.#defaultHeaders)) {
      if (!request.headers.has(name)) request.headers.set(name, value);
    }
    return handleFetch(this.app, request, {
      awaitAfterSend: true,
      client: { host: "testclient", port: 50000 },
    });
  };

  /**
   * Opens a WebSocket in-process; resolves once the handler accepts. Rejects with
   * `WebSocketDisconnect` when it closes before accepting (invalid params: 1008), and with
   * `WebSocketDenialResponse` when the handshake is refused with an HTTP status.
   * @example const ws = await client.websocketConnect("/ws?token=t1"); await ws.sendText("hi"); await ws.close();
   */
  async websocketConnect(
    url: string,
    init: { headers?: Record<string, string>; subprotocols?: string[] } = {},
  ): Promise<WebSocketTestSession> {
    await this.app.startup();
    const headers = { ...this.#defaultHeaders, ...init.headers };
    if (init.subprotocols?.length) headers["sec-websocket-protocol"] = init.subprotocols.join(", ");
    return connectWebSocket(this.app, new URL(url, this.baseUrl.replace(/^http/, "ws")), headers);
  }

  get(url: string, init?: TestRequestInit) {
    return this.request("GET", url, init);
  }
  post(url: string, init?: TestRequestInit) {
    return this.request("POST", url, init);
  }
  put(url: string, init?: TestRequestInit) {
    return this.request("PUT", url, init);
  }
  patch(url: string, init?: TestRequestInit) {
    return this.request("PATCH", url, init);
  }
  delete(url: string, init?: TestRequestInit) {
    return this.request("DELETE", url, init);
  }
  options(url: string, init?: TestRequestInit) {
    return this.request("OPTIONS", url, init);
  }
  head(url: string, init?: TestRequestInit) {
    return this.request("HEAD", url, init);
  }
}
