/** What Ollama and OpenAI-compatible servers share: readiness, start-up retries, model aliases. */

import { setTimeout as sleep } from "node:timers/promises";
import type { ModelInfo } from "./model-client.js";
import { BackendUnreachableError } from "./model-client.js";
import { UpstreamHttp, type UpstreamOptions } from "./upstream-http.js";

export interface RemoteOptions extends Omit<UpstreamOptions, "name"> {
  baseUrl: string;
  /** names the clients use -> names the server knows */
  aliases: Record<string, string>;
  /** first pause between two attempts to reach the server; doubles up to `retryMaxMs` */
  retryInitialMs: number;
  retryMaxMs?: number;
  /** structured events: `backend_unreachable`, `backend_ready` */
  log?: (event: string, fields: Record<string, unknown>) => void;
}

export abstract class RemoteBackend {
  readonly http: UpstreamHttp;
  readonly #options: RemoteOptions;
  readonly #stop = new AbortController();
  #ready = false;
  #connecting: Promise<void> | null = null;

  constructor(name: string, options: RemoteOptions) {
    this.#options = options;
    this.http = new UpstreamHttp(options.baseUrl, { name, ...options });
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  get ready(): boolean {
    return this.#ready;
  }

  /** one request that succeeds when the server answers */
  protected abstract probe(signal: AbortSignal): Promise<void>;

  /** starts reaching the server and resolves at once: `ready` turns true when it answers */
  async load(): Promise<void> {
    this.#reconnect();
  }

  /** resolves once the server answered (tests, and callers that would rather wait) */
  async whenReady(): Promise<void> {
    await this.#connecting;
  }

  async close(): Promise<void> {
    this.#ready = false;
    this.#stop.abort();
    await this.#connecting?.catch(() => {});
    this.http.close();
  }

  /** the server's name for a model: `mistral-7b-instruct` -> `mistral:7b-instruct` */
  resolve(model: string): string {
    return this.#options.aliases[model] ?? model;
  }

  /** the server's models, and each alias that names one of them */
  withAliases(models: ModelInfo[]): ModelInfo[] {
    const known = new Set(models.map((model) => model.name));
    const aliases = Object.entries(this.#options.aliases)
      .filter(([alias, target]) => known.has(target) && !known.has(alias))
      .map(([alias]) => ({ ...models[0]!, name: alias }));
    return [...models, ...aliases];
  }

  /** runs a call; a server that cannot be reached turns not-ready and is retried in the background */
  protected async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof BackendUnreachableError) this.#reconnect();
      throw error;
    }
  }

  #reconnect(): void {
    this.#ready = false;
    this.#connecting ??= this.#connect().finally(() => {
      this.#connecting = null;
    });
  }

  async #connect(): Promise<void> {
    const { retryInitialMs, retryMaxMs = 30_000, log } = this.#options;
    const signal = this.#stop.signal;
    for (let attempt = 1, pause = retryInitialMs; !signal.aborted; attempt++) {
      try {
        await this.probe(signal);
        this.#ready = true;
        log?.("backend_ready", { url: this.baseUrl, attempts: attempt });
        return;
      } catch (error) {
        if (signal.aborted) return;
        log?.("backend_unreachable", {
          url: this.baseUrl,
          attempt,
          retry_in_ms: pause,
          error: (error as Error).message,
        });
      }
      await sleep(pause, undefined, { signal }).catch(() => {});
      pause = Math.min(pause * 2, retryMaxMs);
    }
  }
}
