/** OpenAI's streaming format: one `data: {chunk}` event per token, a closing chunk, `data: [DONE]`. */

import { randomUUID } from "node:crypto";
import { DeadlineExceeded, ServerSentEvent } from "tailor";
import { type InferenceRecord, type JsonLogger, logInference } from "../core/logging.js";
import { BackendError, UnknownModelError } from "./model-client.js";

/** `chatcmpl-1b9f…`: OpenAI's id style */
export function completionId(prefix: "chatcmpl" | "cmpl"): string {
  return `${prefix}-${randomUUID().replaceAll("-", "")}`;
}

/** Unix time in seconds, as `created` fields carry it */
export function unixTime(): number {
  return Math.floor(Date.now() / 1000);
}

async function* resume(first: IteratorResult<string>, rest: AsyncIterator<string>) {
  try {
    for (let step = first; !step.done; step = await rest.next()) yield step.value;
  } finally {
    await rest.return?.(); // a client that left closes the backend's stream
  }
}

// #region first-token
/**
 * Waits for the first token before the response starts, so what fails before it (an unknown
 * model, a backend that is down, the deadline) answers with its status instead of a 200 stream.
 */
export async function startStream(tokens: AsyncIterable<string>): Promise<AsyncIterable<string>> {
  const iterator = tokens[Symbol.asyncIterator]();
  return resume(await iterator.next(), iterator);
}
// #endregion first-token

export interface StreamMeta {
  id: string;
  object: "chat.completion.chunk" | "text_completion";
  created: number;
  model: string;
  maxTokens: number;
  includeUsage: boolean;
  signal: AbortSignal;
}

/** the `choices[0]` of one chunk: a delta for chat, text for completions */
function choice(
  meta: StreamMeta,
  text: string | null,
  finish: "stop" | "length" | null,
  first: boolean,
) {
  if (meta.object === "text_completion") {
    return { index: 0, text: text ?? "", finish_reason: finish, logprobs: null };
  }
  const delta: { role?: "assistant"; content?: string } = {};
  if (first) delta.role = "assistant";
  if (text !== null) delta.content = text;
  return { index: 0, delta, finish_reason: finish, logprobs: null };
}

/** what the SDKs raise from a stream: `data: {"error": {...}}` */
function streamError(error: unknown) {
  if (error instanceof DeadlineExceeded) {
    return {
      message: "The request took too long",
      type: "server_error",
      param: null,
      code: "timeout",
    };
  }
  if (error instanceof UnknownModelError) {
    return {
      message: error.message,
      type: "invalid_request_error",
      param: "model",
      code: "model_not_found",
    };
  }
  const message =
    error instanceof BackendError ? "Inference backend unavailable" : "Internal server error";
  return { message, type: "server_error", param: null, code: null };
}

// #region chunks
/**
 * The events of a streamed completion. Runs until the tokens end, the client leaves (nothing
 * more is sent), the deadline passes or the backend fails (an `error` event); `record` counts
 * what was sent and is logged when the generator is done.
 */
export async function* openAIEvents(
  tokens: AsyncIterable<string>,
  meta: StreamMeta,
  record: InferenceRecord,
  logger: JsonLogger,
) {
  const start = performance.now();
  const head = { id: meta.id, object: meta.object, created: meta.created, model: meta.model };
  try {
    let first = true;
    for await (const token of tokens) {
      record.completion_tokens++;
      yield { ...head, choices: [choice(meta, token, null, first)] };
      first = false;
    }
    if (meta.signal.aborted) throw meta.signal.reason;
    const finish = record.completion_tokens >= meta.maxTokens ? "length" : "stop";
    yield {
      ...head,
      choices: [choice(meta, meta.object === "text_completion" ? "" : null, finish, first)],
    };
    if (meta.includeUsage) {
      const usage = {
        prompt_tokens: record.prompt_tokens,
        completion_tokens: record.completion_tokens,
        total_tokens: record.prompt_tokens + record.completion_tokens,
      };
      yield { ...head, choices: [], usage };
    }
    yield new ServerSentEvent({ rawData: "[DONE]" });
  } catch (error) {
    record.error = (error as Error)?.name ?? "Error";
    // a client that left has nobody to tell; anyone else learns why the stream ends here
    if (!(meta.signal.aborted && !(meta.signal.reason instanceof DeadlineExceeded))) {
      logger.log("ERROR", "stream_failed", { route: record.route, error: String(error) });
      yield { error: streamError(error) };
    }
  } finally {
    record.latency_ms = Math.round((performance.now() - start) * 100) / 100;
    const deadline = meta.signal.reason instanceof DeadlineExceeded;
    record.cancelled = meta.signal.aborted && !deadline;
    // the framework ends a stream at its deadline: the record says why it is short
    if (deadline) record.error ??= "DeadlineExceeded";
    // here rather than in a background task: the stream may end (deadline) before this does
    logInference(logger, record);
  }
}
// #endregion chunks
