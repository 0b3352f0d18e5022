/** The inference engine wrapper: one interface, two engines, chosen by settings. */

import { dependency } from "tailor";
import type { InferenceSettings } from "../core/config.js";
import { LocalEngine } from "./local-engine.js";
import { OllamaClient } from "./ollama-client.js";

// #region interface
export interface GenerateOptions {
  model: string;
  temperature: number;
  maxTokens: number;
  /** aborts generation: pass `ctx.signal` so a client that left stops the model */
  signal?: AbortSignal;
}

export interface Completion {
  text: string;
  promptTokens: number;
  completionTokens: number;
  model: string;
}

export interface ModelInfo {
  name: string;
  backend: "local" | "ollama";
  loaded: boolean;
}

export interface ModelClient {
  readonly backend: "local" | "ollama";
  /** false until `load()` finished, and while a model reloads */
  readonly ready: boolean;
  load(): Promise<void>;
  generate(prompt: string, options: GenerateOptions): Promise<Completion>;
  /** yields the completion token by token; stops when `options.signal` aborts */
  stream(prompt: string, options: GenerateOptions): AsyncIterable<string>;
  embed(texts: readonly string[], model: string): Promise<number[][]>;
  listModels(): Promise<ModelInfo[]>;
  /** reloads one model; rejects with `UnknownModelError` for a name the engine does not have */
  reload(name: string): Promise<ModelInfo>;
  close(): Promise<void>;
}
// #endregion interface

export class UnknownModelError extends Error {
  constructor(readonly model: string) {
    super(`Model '${model}' not found`);
  }
}

/** The engine failed or could not be reached: the service answers 502. */
export class BackendError extends Error {}

/** The engine the settings ask for (not loaded yet: call `load()`). */
export function createModelClient(settings: InferenceSettings): ModelClient {
  if (settings.model_backend === "ollama") return new OllamaClient(settings.ollama_base_url);
  return new LocalEngine({
    modelPath: settings.model_path,
    tokenLatencyMs: settings.local_token_latency_ms,
  });
}

// #region dependency
/** The model client the lifespan loaded, injected with `Depends(getModelClient)`. */
export const getModelClient = dependency({}, function getModelClient(_args, ctx): ModelClient {
  return ctx.state.modelClient;
});
// #endregion dependency
