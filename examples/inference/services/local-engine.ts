/** A deterministic in-process engine: no network, no weights, the same output for the same input. */

import { setImmediate, setTimeout } from "node:timers/promises";
import type {
  Completion,
  GenerateOptions,
  ModelClient,
  ModelInfo,
  ModelInput,
} from "./model-client.js";
import { promptOf, UnknownModelError } from "./model-client.js";
import { countTokens, hashEmbedding, hashString, tokenize } from "./text.js";

/** the models the local engine "has" */
export const LOCAL_MODELS = ["mistral-7b-instruct", "llama-3-8b-instruct", "nomic-embed-text"];
export const EMBEDDING_DIMENSIONS = 768;

const VOCABULARY = (
  "the model answers with care and a short list of ideas about your question , " +
  "in plain words . it can also stream tokens while it thinks"
).split(" ");

/** where the first of the stop sequences starts in `text`, -1 when none appears */
function stopIndex(text: string, stop: readonly string[] | undefined): number {
  let first = -1;
  for (const sequence of stop ?? []) {
    const at = sequence === "" ? -1 : text.indexOf(sequence);
    if (at >= 0 && (first === -1 || at < first)) first = at;
  }
  return first;
}

export interface LocalEngineOptions {
  modelPath: string;
  /** pause before each token (0: only yield to the event loop) */
  tokenLatencyMs: number;
}

export class LocalEngine implements ModelClient {
  readonly backend = "local";
  readonly modelPath: string;
  readonly #latency: number;
  #ready = false;
  /** every token this engine produced: tests read it to see generation stop */
  tokensGenerated = 0;
  reloads = 0;

  constructor(options: LocalEngineOptions) {
    this.modelPath = options.modelPath;
    this.#latency = options.tokenLatencyMs;
  }

  get ready(): boolean {
    return this.#ready;
  }

  async load(): Promise<void> {
    await this.#pause(); // stands in for reading the weights from model_path
    this.#ready = true;
  }

  async generate(input: ModelInput, options: GenerateOptions): Promise<Completion> {
    const prompt = promptOf(input);
    let text = "";
    let tokens = 0;
    for await (const token of this.stream(input, options)) {
      text += token;
      tokens++;
    }
    // a generation cut short by the deadline or a hang-up is no answer
    options.signal?.throwIfAborted();
    return {
      text,
      promptTokens: countTokens(prompt),
      completionTokens: countTokens(text),
      model: options.model,
      finishReason: tokens >= options.maxTokens ? "length" : "stop",
    };
  }

  async *stream(input: ModelInput, options: GenerateOptions): AsyncGenerator<string> {
    this.#check(options.model);
    const prompt = promptOf(input);
    // a conversation's words, not its "user:" and "assistant:" labels
    const words = tokenize(
      typeof input === "string" ? input : input.map((message) => message.content).join("\n"),
    );
    let state = hashString(`${options.model}|${options.temperature}|${prompt}`) || 1;
    const length = Math.min(options.maxTokens, 24 + (state % 40));
    // low temperature repeats the prompt's words more, high temperature wanders off
    const echo = Math.round((1 - options.temperature / 2) * 100);
    let text = "";
    for (let index = 0; index < length; index++) {
      if (options.signal?.aborted) return;
      if (!(await this.#pause(options.signal))) return;
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      const fromPrompt = words.length > 0 && state % 100 < echo;
      const pool = fromPrompt ? words : VOCABULARY;
      const word = pool[(state >>> 8) % pool.length] ?? "";
      this.tokensGenerated++;
      const token = index === 0 ? word : ` ${word}`;
      const end = stopIndex(text + token, options.stop);
      if (end >= 0) {
        // the token that completes a stop sequence gives only what comes before it
        if (end > text.length) yield (text + token).slice(text.length, end);
        return;
      }
      text += token;
      yield token;
    }
  }

  async embed(texts: readonly string[], model: string, signal?: AbortSignal): Promise<number[][]> {
    this.#check(model);
    signal?.throwIfAborted();
    return texts.map((text) => hashEmbedding(text, EMBEDDING_DIMENSIONS));
  }

  async listModels(): Promise<ModelInfo[]> {
    return LOCAL_MODELS.map((name) => ({ name, backend: this.backend, loaded: this.#ready }));
  }

  async reload(name: string): Promise<ModelInfo> {
    this.#check(name);
    this.#ready = false;
    try {
      await this.#pause();
      this.reloads++;
    } finally {
      this.#ready = true;
    }
    return { name, backend: this.backend, loaded: true };
  }

  async close(): Promise<void> {
    this.#ready = false;
  }

  #check(model: string): void {
    if (!LOCAL_MODELS.includes(model)) throw new UnknownModelError(model);
  }

  /** waits one token's latency; false when the signal aborted meanwhile */
  async #pause(signal?: AbortSignal): Promise<boolean> {
    try {
      if (this.#latency > 0) await setTimeout(this.#latency, undefined, { signal });
      else await setImmediate();
      return true;
    } catch {
      return false;
    }
  }
}
