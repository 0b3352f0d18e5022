/** HTTP to a model server with a connect timeout, a read timeout and cancellation by signal. */

import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { BackendError, BackendTimeoutError, BackendUnreachableError } from "./model-client.js";

export interface UpstreamOptions {
  /** "ollama", "openai": names the backend in error messages */
  name: string;
  connectTimeoutMs: number;
  /** the longest silence while the server answers, between two chunks of a stream too */
  readTimeoutMs: number;
  /** sent with every request (`authorization`) */
  headers?: Record<string, string>;
}

/** the server is down or went away before answering: retry later, elsewhere */
const UNREACHABLE = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EHOSTUNREACH", "EPIPE"]);

/** An answered request: its status and a body read once, whole or line by line. */
export class UpstreamResponse {
  readonly #message: IncomingMessage;
  readonly #failure: () => unknown;

  constructor(message: IncomingMessage, failure: () => unknown) {
    this.#message = message;
    this.#failure = failure;
  }

  get status(): number {
    return this.#message.statusCode ?? 0;
  }

  async text(): Promise<string> {
    let text = "";
    for await (const line of this.#chunks()) text += line;
    return text;
  }

  async json<T>(): Promise<T> {
    const text = await this.text();
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new BackendError(`answered ${this.status} with a body that is not JSON`);
    }
  }

  /** `"a\nb\n"` -> "a", "b"; leaving the loop early hangs up, which stops the server's work */
  async *lines(): AsyncGenerator<string> {
    let buffered = "";
    for await (const chunk of this.#chunks()) {
      buffered += chunk;
      let newline = buffered.indexOf("\n");
      while (newline >= 0) {
        yield buffered.slice(0, newline).replace(/\r$/, "");
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf("\n");
      }
    }
    if (buffered !== "") yield buffered;
  }

  /** stops reading: the connection closes and the server sees the client leave */
  cancel(): void {
    this.#message.destroy();
  }

  async *#chunks(): AsyncGenerator<string> {
    this.#message.setEncoding("utf8");
    try {
      for await (const chunk of this.#message) yield chunk as string;
    } catch (error) {
      // "aborted" hides why: the timeout or the caller's signal that cut the request
      throw this.#failure() ?? new BackendError(`connection lost: ${(error as Error).message}`);
    } finally {
      this.#message.destroy();
    }
  }
}

/**
 * One model server's base URL, behind a keep-alive agent.
 *
 * @example
 * const http = new UpstreamHttp("http://127.0.0.1:11434", { name: "ollama", connectTimeoutMs: 3000, readTimeoutMs: 60000 });
 * const tags = await (await http.request("GET", "/api/tags")).json();
 */
export class UpstreamHttp {
  readonly baseUrl: string;
  readonly #options: UpstreamOptions;
  readonly #agent: HttpAgent;
  readonly #request: typeof httpRequest;

  constructor(baseUrl: string, options: UpstreamOptions) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    this.#options = options;
    const https = this.baseUrl.startsWith("https:");
    this.#agent = https ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
    this.#request = https ? httpsRequest : httpRequest;
  }

  /** resolves once the status line arrived; rejects with a BackendError or the signal's reason */
  request(
    method: string,
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<UpstreamResponse> {
    const { name, connectTimeoutMs, readTimeoutMs } = this.#options;
    const where = `${name}: ${method} ${path}`;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers: Record<string, string> = { ...this.#options.headers };
      if (payload !== undefined) headers["content-type"] = "application/json";
      const req = this.#request(`${this.baseUrl}${path}`, {
        method,
        headers,
        agent: this.#agent,
      });
      let failure: unknown;
      const fail = (error: unknown) => {
        failure ??= error;
        req.destroy(failure as Error);
      };
      const onAbort = () => fail(signal?.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      const connectTimer = setTimeout(
        () =>
          fail(new BackendUnreachableError(`${where}: no connection after ${connectTimeoutMs} ms`)),
        connectTimeoutMs,
      );
      req.on("socket", (socket) => {
        if (socket.connecting) socket.once("connect", () => clearTimeout(connectTimer));
        else clearTimeout(connectTimer);
      });
      req.setTimeout(readTimeoutMs, () =>
        fail(new BackendTimeoutError(`${where}: no answer for ${readTimeoutMs} ms`)),
      );
      req.on("error", (error: NodeJS.ErrnoException) => {
        clearTimeout(connectTimer);
        signal?.removeEventListener("abort", onAbort);
        if (failure !== undefined) reject(failure);
        else if (UNREACHABLE.has(error.code ?? "")) {
          reject(new BackendUnreachableError(`${where}: ${error.code}`));
        } else reject(new BackendError(`${where}: ${error.message}`));
      });
      req.on("response", (message) => {
        clearTimeout(connectTimer);
        message.once("close", () => signal?.removeEventListener("abort", onAbort));
        resolve(new UpstreamResponse(message, () => failure));
      });
      req.end(payload);
    });
  }

  /** closes the idle keep-alive connections */
  close(): void {
    this.#agent.destroy();
  }
}

/** The message of an error body: Ollama's `{"error": "…"}`, OpenAI's `{"error": {"message": "…"}}`. */
export function errorMessageOf(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: string | { message?: string } };
    const message = typeof body.error === "string" ? body.error : body.error?.message;
    if (message) return message.slice(0, 200);
  } catch {
    // not JSON: the text itself
  }
  return text.slice(0, 200) || "no message";
}
