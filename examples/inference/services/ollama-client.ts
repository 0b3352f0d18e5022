/** An Ollama server as the engine: /api/generate, /api/chat, /api/embed, /api/tags over HTTP. */

import type {
  Completion,
  GenerateOptions,
  ModelClient,
  ModelInfo,
  ModelInput,
} from "./model-client.js";
import { BackendError, UnknownModelError } from "./model-client.js";
import { RemoteBackend, type RemoteOptions } from "./remote-backend.js";
import { errorMessageOf, type UpstreamResponse } from "./upstream-http.js";

/** the article's model names as Ollama's library spells them */
export const OLLAMA_ALIASES: Record<string, string> = {
  "mistral-7b-instruct": "mistral:7b-instruct",
  "llama-3-8b-instruct": "llama3:8b-instruct",
};

/** one object of /api/generate (`response`) or /api/chat (`message.content`) */
interface OllamaChunk {
  response?: string;
  message?: { content?: string };
  done?: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
  error?: string;
}

export class OllamaClient extends RemoteBackend implements ModelClient {
  readonly backend = "ollama" as const;

  constructor(options: RemoteOptions) {
    super("ollama", options);
  }

  protected async probe(signal: AbortSignal): Promise<void> {
    const response = await this.http.request("GET", "/api/tags", undefined, signal);
    await this.#check(response, "GET /api/tags");
    await response.text();
  }

  async generate(input: ModelInput, options: GenerateOptions): Promise<Completion> {
    const response = await this.#post(input, options, false);
    const data = await response.json<OllamaChunk>();
    return {
      text: data.response ?? data.message?.content ?? "",
      promptTokens: data.prompt_eval_count ?? 0,
      completionTokens: data.eval_count ?? 0,
      model: options.model,
      finishReason: data.done_reason === "length" ? "length" : "stop",
    };
  }

  /** Ollama streams newline-delimited JSON objects: `{"response":"tok","done":false}` */
  async *stream(input: ModelInput, options: GenerateOptions): AsyncGenerator<string> {
    const response = await this.#post(input, options, true);
    // leaving this loop early (the client hung up) closes the connection: Ollama stops generating
    for await (const line of response.lines()) {
      if (line.trim() === "") continue;
      const chunk = JSON.parse(line) as OllamaChunk;
      if (chunk.error !== undefined) throw new BackendError(`ollama: ${chunk.error}`);
      const token = chunk.response ?? chunk.message?.content;
      if (token) yield token;
      if (chunk.done) return;
    }
  }

  async embed(texts: readonly string[], model: string, signal?: AbortSignal): Promise<number[][]> {
    const body = { model: this.resolve(model), input: texts };
    const response = await this.guard(() => this.http.request("POST", "/api/embed", body, signal));
    await this.#check(response, "POST /api/embed", model);
    const data = await response.json<{ embeddings?: number[][] }>();
    return data.embeddings ?? [];
  }

  async listModels(): Promise<ModelInfo[]> {
    const response = await this.guard(() => this.http.request("GET", "/api/tags"));
    await this.#check(response, "GET /api/tags");
    const data = await response.json<{ models?: { name: string }[] }>();
    const models = (data.models ?? []).map(({ name }) => ({
      name,
      backend: this.backend,
      loaded: true,
    }));
    return this.withAliases(models);
  }

  /** a generate call without a prompt makes Ollama load the model into memory */
  async reload(name: string): Promise<ModelInfo> {
    const body = { model: this.resolve(name), keep_alive: "5m" };
    const response = await this.guard(() => this.http.request("POST", "/api/generate", body));
    await this.#check(response, "POST /api/generate", name);
    await response.text();
    return { name, backend: this.backend, loaded: true };
  }

  async #post(input: ModelInput, options: GenerateOptions, stream: boolean) {
    const chat = typeof input !== "string";
    const path = chat ? "/api/chat" : "/api/generate";
    const body = {
      model: this.resolve(options.model),
      ...(chat ? { messages: input } : { prompt: input }),
      stream,
      options: {
        temperature: options.temperature,
        num_predict: options.maxTokens,
        ...(options.stop?.length ? { stop: options.stop } : {}),
      },
    };
    const response = await this.guard(() => this.http.request("POST", path, body, options.signal));
    await this.#check(response, `POST ${path}`, options.model);
    return response;
  }

  /** 404 naming a model: the model is unknown; any other failure: a BackendError with Ollama's message */
  async #check(response: UpstreamResponse, where: string, model?: string): Promise<void> {
    if (response.status < 400) return;
    const message = errorMessageOf(await response.text());
    if (response.status === 404 && model !== undefined) throw new UnknownModelError(model);
    throw new BackendError(`ollama: ${where} answered ${response.status}: ${message}`);
  }
}
