/** /v1 routes only OpenAI's protocol has: models and chat completions. */

import { APIRouter, Depends, EventSourceResponse, Path } from "tailor";
import { z } from "zod";
import {
  elapsedMs,
  getLogger,
  type InferenceRecord,
  logFailedInference,
  logInference,
} from "../core/logging.js";
import { rateLimit } from "../core/rate-limit.js";
import {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  errorResponses,
  eventStreamOf,
  MODEL_ERRORS,
  ModelList,
  ModelObject,
  OTHER_CLIENT_ERRORS,
  stopList,
} from "../schemas/openai.js";
import { verifyApiKey } from "../services/auth.js";
import {
  getModelClient,
  type Message,
  type ModelClient,
  promptOf,
  UnknownModelError,
} from "../services/model-client.js";
import { completionId, openAIEvents, startStream, unixTime } from "../services/openai-stream.js";
import { countTokens } from "../services/text.js";
import { UNLIMITED_TOKENS } from "./inference.js";

export const router = new APIRouter({
  tags: ["openai"],
  dependencies: [Depends(verifyApiKey), Depends(rateLimit)],
});

async function modelObjects(client: ModelClient) {
  const created = unixTime();
  const models = await client.listModels();
  return models.map((model) => ({
    id: model.name,
    object: "model" as const,
    created,
    owned_by: client.backend,
  }));
}

// #region models
router.get(
  "/models",
  {
    params: { client: Depends(getModelClient) },
    response: ModelList,
    responses: errorResponses(401, 429, 502, 503, 504),
    summary: "List the models",
  },
  async function listModels({ client }) {
    return { object: "list" as const, data: await modelObjects(client) };
  },
);

router.get(
  "/models/{model}",
  {
    params: { model: Path(z.string().min(1).max(200)), client: Depends(getModelClient) },
    response: ModelObject,
    responses: { ...errorResponses(400, 401, 404, 429, 502, 503, 504), ...OTHER_CLIENT_ERRORS },
    summary: "Describe a model",
  },
  async function retrieveModel({ model, client }) {
    const found = (await modelObjects(client)).find((object) => object.id === model);
    if (found === undefined) throw new UnknownModelError(model);
    return found;
  },
);
// #endregion models

/** OpenAI's message content, a string or text parts -> one string; `developer` is a system turn */
function toMessages(messages: z.infer<typeof ChatCompletionRequest>["messages"]): Message[] {
  return messages.map((message) => ({
    role: message.role === "developer" ? "system" : message.role,
    content:
      typeof message.content === "string"
        ? message.content
        : message.content.map((part) => part.text).join(""),
  }));
}

// #region chat-completions
router.post(
  "/chat/completions",
  {
    params: {
      request: ChatCompletionRequest,
      caller: Depends(verifyApiKey),
      client: Depends(getModelClient),
      logger: Depends(getLogger),
    },
    response: ChatCompletion,
    responses: {
      200: eventStreamOf(
        ChatCompletionChunk,
        "The completion; with stream: true, its chunks as events",
      ),
      ...errorResponses(...MODEL_ERRORS, 400),
      ...OTHER_CLIENT_ERRORS,
    },
    summary: "Create a chat completion",
  },
  async function createChatCompletion({ request, caller, client, logger }, ctx) {
    const start = performance.now();
    const messages = toMessages(request.messages);
    const options = {
      model: request.model,
      temperature: request.temperature ?? 0.7,
      maxTokens: request.max_completion_tokens ?? request.max_tokens ?? UNLIMITED_TOKENS,
      stop: stopList(request.stop),
      signal: ctx.signal, // the deadline, or a client that hung up, stops the model
    };
    const record: InferenceRecord = {
      route: "/v1/chat/completions",
      model: request.model,
      key_id: caller.keyId,
      // an estimate for streams (the engine counts them for plain answers)
      prompt_tokens: countTokens(promptOf(messages)),
      completion_tokens: 0,
      latency_ms: 0,
      stream: request.stream === true,
    };
    const id = completionId("chatcmpl");
    const created = unixTime();
    if (request.stream) {
      const meta = {
        id,
        object: "chat.completion.chunk" as const,
        created,
        model: request.model,
        maxTokens: options.maxTokens,
        includeUsage: request.stream_options?.include_usage === true,
        signal: ctx.signal,
      };
      const tokens = await startStream(client.stream(messages, options)).catch((error: unknown) => {
        logFailedInference(logger, record, start, error);
        throw error;
      });
      return new EventSourceResponse(openAIEvents(tokens, meta, record, logger));
    }
    const result = await client.generate(messages, options).catch((error: unknown) => {
      logFailedInference(logger, record, start, error);
      throw error;
    });
    Object.assign(record, {
      prompt_tokens: result.promptTokens,
      completion_tokens: result.completionTokens,
      latency_ms: elapsedMs(start),
    });
    ctx.background.add(logInference, logger, record); // runs after the response was sent
    return {
      id,
      object: "chat.completion" as const,
      created,
      model: request.model,
      choices: [
        {
          index: 0,
          message: { role: "assistant" as const, content: result.text },
          finish_reason: result.finishReason,
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: result.promptTokens,
        completion_tokens: result.completionTokens,
        total_tokens: result.promptTokens + result.completionTokens,
      },
    };
  },
);
// #endregion chat-completions
