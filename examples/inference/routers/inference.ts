/** /v1: completions, embeddings, streamed chat, search and file classification. */

import {
  APIRouter,
  Depends,
  dependency,
  EventSourceResponse,
  File,
  Form,
  ServerSentEvent,
} from "tailor";
import { z } from "zod";
import { elapsedMs, getLogger, type InferenceRecord, logInference } from "../core/logging.js";
import { EmbeddingRequest, EmbeddingResponse } from "../schemas/embeddings.js";
import {
  ChatRequest,
  Classification,
  InferenceRequest,
  InferenceResponse,
  SearchRequest,
  SearchResponse,
} from "../schemas/inference.js";
import { verifyApiKey } from "../services/auth.js";
import {
  type GenerateOptions,
  getModelClient,
  type ModelClient,
} from "../services/model-client.js";
import { createKnowledgeIndex } from "../services/retrieval.js";
import { cosine, countTokens, hashEmbedding } from "../services/text.js";

/** when a request sends `"max_tokens": null`: as long as the engine allows */
const UNLIMITED_TOKENS = 4096;

// #region router
export const router = new APIRouter({
  tags: ["inference"],
  dependencies: [Depends(verifyApiKey)],
});
// #endregion router

// #region completions
router.post(
  "/completions",
  {
    params: {
      request: InferenceRequest,
      client: Depends(getModelClient),
      logger: Depends(getLogger),
    },
    response: InferenceResponse,
    summary: "Generate a text completion",
  },
  async function createCompletion({ request, client, logger }, ctx) {
    const start = performance.now();
    const result = await client.generate(request.prompt, {
      model: request.model,
      temperature: request.temperature,
      maxTokens: request.max_tokens ?? UNLIMITED_TOKENS,
      signal: ctx.signal, // a client that hung up stops the model
    });
    const latency = elapsedMs(start);
    ctx.background.add(logInference, logger, {
      route: "/v1/completions",
      model: result.model,
      prompt_tokens: result.promptTokens,
      completion_tokens: result.completionTokens,
      latency_ms: latency,
    });
    return {
      text: result.text,
      tokens_used: result.promptTokens + result.completionTokens,
      latency_ms: latency,
      model: request.model,
    };
  },
);
// #endregion completions

// #region embeddings
router.post(
  "/embeddings",
  {
    params: { request: EmbeddingRequest, client: Depends(getModelClient) },
    response: EmbeddingResponse,
    summary: "Embed one text or several",
  },
  async function createEmbeddings({ request, client }) {
    const texts = typeof request.input === "string" ? [request.input] : request.input;
    const embeddings = await client.embed(texts, request.model);
    return {
      embeddings,
      dimensions: embeddings[0]?.length ?? 0,
      model: request.model,
      tokens_used: texts.reduce((total, text) => total + countTokens(text), 0),
    };
  },
);
// #endregion embeddings

// #region chat
/** the knowledge index, built once per app */
const getKnowledge = dependency({}, () => createKnowledgeIndex(), { scope: "app" });

async function* chatEvents(
  client: ModelClient,
  prompt: string,
  options: GenerateOptions,
  record: InferenceRecord,
) {
  const start = performance.now();
  try {
    let index = 0;
    for await (const token of client.stream(prompt, options)) {
      record.completion_tokens++;
      yield { index: index++, token };
    }
    // a stream cut short by a disconnect has nobody to tell
    if (!options.signal?.aborted) yield new ServerSentEvent({ rawData: "[DONE]" });
  } finally {
    // runs on the last token, and also when the client disconnected mid-stream
    record.latency_ms = elapsedMs(start);
    record.cancelled = options.signal?.aborted ?? false;
  }
}

router.post(
  "/chat",
  {
    params: {
      request: ChatRequest,
      client: Depends(getModelClient),
      logger: Depends(getLogger),
      knowledge: Depends(getKnowledge),
    },
    responseClass: EventSourceResponse,
    summary: "Stream a chat completion as server-sent events",
  },
  function chat({ request, client, logger, knowledge }, ctx) {
    const question = request.messages.findLast((message) => message.role === "user");
    const context = request.use_context && question ? knowledge.search(question.content, 2) : [];
    const prompt = [
      ...context.map((match) => `context: ${match.text}`),
      ...request.messages.map((message) => `${message.role}: ${message.content}`),
      "assistant:",
    ].join("\n");
    const record: InferenceRecord = {
      route: "/v1/chat",
      model: request.model,
      prompt_tokens: countTokens(prompt),
      completion_tokens: 0,
      latency_ms: 0,
    };
    // background tasks run once the stream has ended, so the record is complete by then
    ctx.background.add(logInference, logger, record);
    const options = {
      model: request.model,
      temperature: request.temperature,
      maxTokens: request.max_tokens ?? UNLIMITED_TOKENS,
      signal: ctx.signal, // aborts when the client disconnects: generation stops
    };
    return new EventSourceResponse(chatEvents(client, prompt, options, record));
  },
);
// #endregion chat

// #region search
router.post(
  "/search",
  {
    params: { request: SearchRequest, knowledge: Depends(getKnowledge) },
    response: SearchResponse,
    summary: "Find the documents closest to a query",
  },
  function search({ request, knowledge }) {
    return { results: knowledge.search(request.query, request.top_k) };
  },
);
// #endregion search

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
