/** An Ollama server as the engine: /api/generate, /api/embed, /api/tags over HTTP. */

import type { Completion, GenerateOptions, ModelClient, ModelInfo } from "./model-client.js";
import { BackendError, UnknownModelError } from "./model-client.js";

interface GenerateChunk {
  response?: string;
  done?: boolean;
  prompt_eval_count?: number;
  eval_count?: number;
  error?: string;
}

export class OllamaClient implements ModelClient {
  readonly backend = "ollama";
  readonly baseUrl: string;
  #ready = false;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
  }

  get ready(): boolean {
    return this.#ready;
  }

  /** checks the server answers; the models load on their first use */
  async load(): Promise<void> {
    await this.#call("GET", "/api/tags");
    this.#ready = true;
  }

  // #region generate
  async generate(prompt: string, options: GenerateOptions): Promise<Completion> {
    const response = await this.#call("POST", "/api/generate", this.#body(prompt, options, false), {
      signal: options.signal,
      model: options.model,
    });
    const data = (await response.json()) as GenerateChunk;
    return {
      text: data.response ?? "",
      promptTokens: data.prompt_eval_count ?? 0,
      completionTokens: data.eval_count ?? 0,
      model: options.model,
    };
  }
  // #endregion generate

  /** Ollama streams newline-delimited JSON objects: `{"response":"tok","done":false}` */
  async *stream(prompt: string, options: GenerateOptions): AsyncGenerator<string> {
    const response = await this.#call("POST", "/api/generate", this.#body(prompt, options, true), {
      signal: options.signal,
      model: options.model,
    });
    if (response.body === null) return;
    const decoder = new TextDecoder();
    let buffered = "";
    const reader = response.body.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      buffered += decoder.decode(read.value, { stream: true });
      let newline = buffered.indexOf("\n");
      while (newline >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf("\n");
        if (line === "") continue;
        const chunk = JSON.parse(line) as GenerateChunk;
        if (chunk.error !== undefined) throw new BackendError(`ollama: ${chunk.error}`);
        if (chunk.response) yield chunk.response;
        if (chunk.done) {
          await reader.cancel();
          return;
        }
      }
    }
  }

  async embed(texts: readonly string[], model: string): Promise<number[][]> {
    const response = await this.#call("POST", "/api/embed", { model, input: texts }, { model });
    const data = (await response.json()) as { embeddings?: number[][] };
    return data.embeddings ?? [];
  }

  async listModels(): Promise<ModelInfo[]> {
    const response = await this.#call("GET", "/api/tags");
    const data = (await response.json()) as { models?: { name: string }[] };
    return (data.models ?? []).map(({ name }) => ({ name, backend: this.backend, loaded: true }));
  }

  /** a generate call without a prompt makes Ollama load the model into memory */
  async reload(name: string): Promise<ModelInfo> {
    await this.#call("POST", "/api/generate", { model: name, keep_alive: "5m" }, { model: name });
    return { name, backend: this.backend, loaded: true };
  }

  async close(): Promise<void> {
    this.#ready = false;
  }

  #body(prompt: string, options: GenerateOptions, stream: boolean) {
    return {
      model: options.model,
      prompt,
      stream,
      options: { temperature: options.temperature, num_predict: options.maxTokens },
    };
  }

  async #call(
    method: string,
    path: string,
    body?: unknown,
    { signal, model }: { signal?: AbortSignal | undefined; model?: string } = {},
  ): Promise<globalThis.Response> {
    let response: globalThis.Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: signal ?? null,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new BackendError(`ollama: ${method} ${path} failed: ${(error as Error).message}`);
    }
    if (response.status === 404 && model !== undefined) throw new UnknownModelError(model);
    if (!response.ok) {
      throw new BackendError(`ollama: ${method} ${path} answered ${response.status}`);
    }
    return response;
  }
}
