/** The inference engine wrapper: one interface, three engines, chosen by settings. */

import { dependency } from "tailor";

export type BackendName = "local" | "ollama" | "openai";

/** one turn of a conversation, as OpenAI's chat API and Ollama's /api/chat write it */
export interface Message {
  role: "system" | "user" | "assistant";
  content: string;
}

// #region interface
export interface GenerateOptions {
  model: string;
  temperature: number;
  maxTokens: number;
  /** aborts generation: pass `ctx.signal` so a client that left stops the model */
  signal?: AbortSignal;
  /** texts that end the completion where they appear (not included) */
  stop?: readonly string[];
}

export interface Completion {
  text: string;
  promptTokens: number;
  completionTokens: number;
  model: string;
  /** "length": max_tokens cut the text short */
  finishReason: "stop" | "length";
}

export interface ModelInfo {
  name: string;
  backend: BackendName;
  loaded: boolean;
}

/** a prompt (completions) or a conversation (chat): remote backends send each to its own API */
export type ModelInput = string | readonly Message[];

export interface ModelClient {
  readonly backend: BackendName;
  /** false until the engine answered, while it is unreachable, and while a model reloads */
  readonly ready: boolean;
  /** the local engine loads before it resolves; remote ones retry in the background until they answer */
  load(): Promise<void>;
  generate(input: ModelInput, options: GenerateOptions): Promise<Completion>;
  /** yields the completion token by token; stops when `options.signal` aborts */
  stream(input: ModelInput, options: GenerateOptions): AsyncIterable<string>;
  embed(texts: readonly string[], model: string, signal?: AbortSignal): Promise<number[][]>;
  listModels(): Promise<ModelInfo[]>;
  /** reloads one model; rejects with `UnknownModelError` for a name the engine does not have */
  reload(name: string): Promise<ModelInfo>;
  close(): Promise<void>;
}
// #endregion interface

export class UnknownModelError extends Error {
  override name = "UnknownModelError";
  constructor(readonly model: string) {
    super(`Model '${model}' not found`);
  }
}

/** The engine failed: the service answers 502. */
export class BackendError extends Error {
  override name = "BackendError";
}

/** The engine could not be reached (refused, no connection in time): 503 while it is down. */
export class BackendUnreachableError extends BackendError {
  override name = "BackendUnreachableError";
}

/** The engine stayed silent past the read timeout: 504. */
export class BackendTimeoutError extends BackendError {
  override name = "BackendTimeoutError";
}

/** `"user: hi\nassistant:"`: a conversation as one prompt, for engines that only complete text */
export function promptOf(input: ModelInput): string {
  if (typeof input === "string") return input;
  return [...input.map((message) => `${message.role}: ${message.content}`), "assistant:"].join(
    "\n",
  );
}

// #region dependency
/** The model client the lifespan loaded, injected with `Depends(getModelClient)`. */
export const getModelClient = dependency({}, function getModelClient(_args, ctx): ModelClient {
  return ctx.state.modelClient;
});
// #endregion dependency
