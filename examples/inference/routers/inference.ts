/** /v1: the article's completions (OpenAI-compatible too), embeddings, streamed chat, classification. */

import { APIRouter, Depends, EventSourceResponse, File, Form, ServerSentEvent } from "tailor";
import { z } from "zod";
import { getSettings } from "../core/config.js";
import {
  elapsedMs,
  getLogger,
  type InferenceRecord,
  type JsonLogger,
  logFailedInference,
  logInference,
} from "../core/logging.js";
import { rateLimit } from "../core/rate-limit.js";
import { EmbeddingRequest, EmbeddingResponse } from "../schemas/embeddings.js";
import {
  ChatRequest,
  Classification,
  CompletionRequest,
  CompletionResponse,
} from "../schemas/inference.js";
import {
  CompletionChunk,
  errorResponses,
  eventStreamOf,
  MODEL_ERRORS,
  stopList,
} from "../schemas/openai.js";
import { verifyApiKey } from "../services/auth.js";
import { getDocumentStore, searchDocuments } from "../services/knowledge.js";
import { type GenerateOptions, getModelClient } from "../services/model-client.js";
import { completionId, openAIEvents, startStream, unixTime } from "../services/openai-stream.js";
import { cosine, countTokens, hashEmbedding } from "../services/text.js";

/** when a request sends `"max_tokens": null`: as long as the engine allows */
export const UNLIMITED_TOKENS = 4096;

// #region router
export const router = new APIRouter({
  tags: ["inference"],
  dependencies: [Depends(verifyApiKey), Depends(rateLimit)],
});
// #endregion router

// #region completions
router.post(
  "/completions",
  {
    params: {
      request: CompletionRequest,
      caller: Depends(verifyApiKey),
      client: Depends(getModelClient),
      logger: Depends(getLogger),
    },
    response: CompletionResponse,
    responses: {
      200: eventStreamOf(
        CompletionChunk,
        "The completion; with stream: true, its chunks as events",
      ),
      ...errorResponses(...MODEL_ERRORS, 422),
    },
    summary: "Generate a text completion",
  },
  async function createCompletion({ request, caller, client, logger }, ctx) {
    const start = performance.now();
    const options = {
      model: request.model,
      temperature: request.temperature,
      maxTokens: request.max_tokens ?? UNLIMITED_TOKENS,
      stop: stopList(request.stop),
      signal: ctx.signal, // the deadline, or a client that hung up, stops the model
    };
    const record: InferenceRecord = {
      route: "/v1/completions",
      model: request.model,
      key_id: caller.keyId,
      prompt_tokens: countTokens(request.prompt),
      completion_tokens: 0,
      latency_ms: 0,
      stream: request.stream === true,
    };
    const id = completionId("cmpl");
    const created = unixTime();
    if (request.stream) {
      const meta = {
        id,
        object: "text_completion" as const,
        created,
        model: request.model,
        maxTokens: options.maxTokens,
        includeUsage: request.stream_options?.include_usage === true,
        signal: ctx.signal,
      };
      const tokens = await startStream(client.stream(request.prompt, options)).catch(
        (error: unknown) => {
          logFailedInference(logger, record, start, error);
          throw error;
        },
      );
      return new EventSourceResponse(openAIEvents(tokens, meta, record, logger));
    }
    const result = await client.generate(request.prompt, options).catch((error: unknown) => {
      logFailedInference(logger, record, start, error);
      throw error;
    });
    const latency = elapsedMs(start);
    Object.assign(record, {
      prompt_tokens: result.promptTokens,
      completion_tokens: result.completionTokens,
      latency_ms: latency,
    });
    ctx.background.add(logInference, logger, record); // runs after the response was sent
    const usage = {
      prompt_tokens: result.promptTokens,
      completion_tokens: result.completionTokens,
      total_tokens: result.promptTokens + result.completionTokens,
    };
    return {
      // the article's InferenceResponse
      text: result.text,
      tokens_used: usage.total_tokens,
      latency_ms: latency,
      model: request.model,
      // OpenAI's text_completion
      id,
      object: "text_completion" as const,
      created,
      choices: [
        { index: 0, text: result.text, finish_reason: result.finishReason, logprobs: null },
      ],
      usage,
    };
  },
);
// #endregion completions

/** a vector as OpenAI's base64: the little-endian float32 bytes */
function toBase64(vector: readonly number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString("base64");
}

// #region embeddings
router.post(
  "/embeddings",
  {
    params: {
      request: EmbeddingRequest,
      caller: Depends(verifyApiKey),
      client: Depends(getModelClient),
      logger: Depends(getLogger),
    },
    response: EmbeddingResponse,
    responses: errorResponses(...MODEL_ERRORS, 422),
    summary: "Embed one text or several",
  },
  async function createEmbeddings({ request, caller, client, logger }, ctx) {
    const start = performance.now();
    const texts = typeof request.input === "string" ? [request.input] : request.input;
    const embeddings = await client.embed(texts, request.model, ctx.signal);
    const tokens = texts.reduce((total, text) => total + countTokens(text), 0);
    ctx.background.add(logInference, logger, {
      route: "/v1/embeddings",
      model: request.model,
      key_id: caller.keyId,
      prompt_tokens: tokens,
      completion_tokens: 0,
      latency_ms: elapsedMs(start),
    });
    const encode = request.encoding_format === "base64" ? toBase64 : (vector: number[]) => vector;
    return {
      object: "list" as const,
      data: embeddings.map((vector, index) => ({
        object: "embedding" as const,
        index,
        embedding: encode(vector),
      })),
      model: request.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
      dimensions: embeddings[0]?.length ?? 0,
      tokens_used: tokens,
    };
  },
);
// #endregion embeddings

// #region chat
async function* chatEvents(
  tokens: AsyncIterable<string>,
  options: GenerateOptions & { signal: AbortSignal },
  record: InferenceRecord,
  logger: JsonLogger,
) {
  const start = performance.now();
  try {
    let index = 0;
    for await (const token of tokens) {
      record.completion_tokens++;
      yield { index: index++, token };
    }
    // a stream cut short by a disconnect has nobody to tell
    if (!options.signal.aborted) yield new ServerSentEvent({ rawData: "[DONE]" });
  } finally {
    // runs on the last token, and also when the client disconnected mid-stream
    record.latency_ms = elapsedMs(start);
    record.cancelled = options.signal.aborted;
    logInference(logger, record); // the record is complete once the generator is done
  }
}

router.post(
  "/chat",
  {
    params: {
      request: ChatRequest,
      caller: Depends(verifyApiKey),
      client: Depends(getModelClient),
      logger: Depends(getLogger),
      documents: Depends(getDocumentStore),
      settings: Depends(getSettings),
    },
    responseClass: EventSourceResponse,
    responses: errorResponses(...MODEL_ERRORS, 422),
    summary: "Stream a chat completion as server-sent events",
  },
  async function chat({ request, caller, client, logger, documents, settings }, ctx) {
    const question = request.messages.findLast((message) => message.role === "user");
    const context =
      request.use_context && question
        ? await searchDocuments(
            documents,
            client,
            settings.embedding_model,
            question.content,
            2,
            ctx.signal,
          )
        : [];
    const prompt = [
      ...context.map((match) => `context: ${match.text}`),
      ...request.messages.map((message) => `${message.role}: ${message.content}`),
      "assistant:",
    ].join("\n");
    const record: InferenceRecord = {
      route: "/v1/chat",
      model: request.model,
      key_id: caller.keyId,
      prompt_tokens: countTokens(prompt),
      completion_tokens: 0,
      latency_ms: 0,
      stream: true,
    };
    const options = {
      model: request.model,
      temperature: request.temperature,
      maxTokens: request.max_tokens ?? UNLIMITED_TOKENS,
      signal: ctx.signal, // aborts when the client disconnects or at the deadline
    };
    const tokens = await startStream(client.stream(prompt, options));
    return new EventSourceResponse(chatEvents(tokens, options, record, logger));
  },
);
// #endregion chat

// #region classify
router.post(
  "/classify",
  {
    params: {
      file: File({ description: "a UTF-8 text file" }),
      labels: Form(
        z
          .string()
          .default("billing,technical,sales")
          .meta({ description: "comma-separated labels" }),
      ),
    },
    formLimits: { files: 1, fileSize: 1024 * 1024 },
    response: Classification,
    responses: errorResponses(401, 413, 422, 429),
    summary: "Classify an uploaded text file",
  },
  async function classify({ file, labels }) {
    const text = await file.text();
    const document = hashEmbedding(text, 256);
    const scores: Record<string, number> = {};
    let best = "";
    for (const label of labels
      .split(",")
      .map((name) => name.trim())
      .filter(Boolean)) {
      scores[label] = Math.round(cosine(document, hashEmbedding(label, 256)) * 1e4) / 1e4;
      if (best === "" || (scores[label] ?? 0) > (scores[best] ?? 0)) best = label;
    }
    return { filename: file.filename, label: best, scores };
  },
);
// #endregion classify
