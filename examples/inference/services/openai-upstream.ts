/** Any OpenAI-compatible server as the engine (vLLM, llama.cpp's llama-server, another Tailor service). */

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

interface Choice {
  text?: string;
  message?: { content?: string | null };
  delta?: { content?: string | null };
  finish_reason?: string | null;
}

interface CompletionBody {
  choices?: Choice[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

export class OpenAIUpstream extends RemoteBackend implements ModelClient {
  readonly backend = "openai" as const;

  constructor(options: RemoteOptions & { apiKey?: string }) {
    const headers = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : undefined;
    super("openai", { ...options, headers });
  }

  protected async probe(signal: AbortSignal): Promise<void> {
    const response = await this.http.request("GET", "/models", undefined, signal);
    await this.#check(response, "GET /models");
    await response.text();
  }

  async generate(input: ModelInput, options: GenerateOptions): Promise<Completion> {
    const response = await this.#post(input, options, false);
    const body = await response.json<CompletionBody>();
    const choice = body.choices?.[0];
    return {
      text: choice?.text ?? choice?.message?.content ?? "",
      promptTokens: body.usage?.prompt_tokens ?? 0,
      completionTokens: body.usage?.completion_tokens ?? 0,
      model: options.model,
      finishReason: choice?.finish_reason === "length" ? "length" : "stop",
    };
  }

  /** server-sent events: `data: {"choices":[{"delta":{"content":"tok"}}]}` … `data: [DONE]` */
  async *stream(input: ModelInput, options: GenerateOptions): AsyncGenerator<string> {
    const response = await this.#post(input, options, true);
    // leaving this loop early (the client hung up) closes the connection: the server stops
    for await (const line of response.lines()) {
      if (!line.startsWith("data:")) continue;
      const data = line.slice(5).trim();
      if (data === "[DONE]") return;
      const chunk = JSON.parse(data) as CompletionBody & { error?: { message?: string } };
      if (chunk.error) throw new BackendError(`openai: ${chunk.error.message ?? "stream failed"}`);
      const choice = chunk.choices?.[0];
      const token = choice?.text ?? choice?.delta?.content;
      if (token) yield token;
    }
  }

  async embed(texts: readonly string[], model: string, signal?: AbortSignal): Promise<number[][]> {
    const body = { model: this.resolve(model), input: texts, encoding_format: "float" };
    const response = await this.guard(() => this.http.request("POST", "/embeddings", body, signal));
    await this.#check(response, "POST /embeddings", model);
    const data = await response.json<{ data?: { index: number; embedding: number[] }[] }>();
    return (data.data ?? []).sort((a, b) => a.index - b.index).map((item) => item.embedding);
  }

  async listModels(): Promise<ModelInfo[]> {
    const response = await this.guard(() => this.http.request("GET", "/models"));
    await this.#check(response, "GET /models");
    const data = await response.json<{ data?: { id: string }[] }>();
    const models = (data.data ?? []).map(({ id }) => ({
      name: id,
      backend: this.backend,
      loaded: true,
    }));
    return this.withAliases(models);
  }

  /** the protocol has no reload: checks the server serves the model */
  async reload(name: string): Promise<ModelInfo> {
    const models = await this.listModels();
    if (!models.some((model) => model.name === name)) throw new UnknownModelError(name);
    return { name, backend: this.backend, loaded: true };
  }

  async #post(input: ModelInput, options: GenerateOptions, stream: boolean) {
    const chat = typeof input !== "string";
    const path = chat ? "/chat/completions" : "/completions";
    const body = {
      model: this.resolve(options.model),
      ...(chat ? { messages: input } : { prompt: input }),
      max_tokens: options.maxTokens,
      temperature: options.temperature,
      ...(options.stop?.length ? { stop: options.stop } : {}),
      stream,
    };
    const response = await this.guard(() => this.http.request("POST", path, body, options.signal));
    await this.#check(response, `POST ${path}`, options.model);
    return response;
  }

  async #check(response: UpstreamResponse, where: string, model?: string): Promise<void> {
    if (response.status < 400) return;
    const message = errorMessageOf(await response.text());
    if (response.status === 404 && model !== undefined) throw new UnknownModelError(model);
    throw new BackendError(`openai: ${where} answered ${response.status}: ${message}`);
  }
}
