/** OpenAI's wire shapes: chat completions and their chunks, models, usage and errors. */

import { z } from "zod";

// #region errors
export const OpenAIError = z
  .object({
    message: z.string(),
    type: z.string(),
    param: z.string().nullable(),
    code: z.string().nullable(),
  })
  .meta({ id: "OpenAIError" });

/** every error under /v1: OpenAI's `error`, and FastAPI's `detail` for the article's clients */
export const ErrorResponse = z
  .object({ error: OpenAIError, detail: z.unknown() })
  .meta({ id: "ErrorResponse" });
// #endregion errors

export const Usage = z
  .object({
    prompt_tokens: z.number().int(),
    completion_tokens: z.number().int(),
    total_tokens: z.number().int(),
  })
  .meta({ id: "Usage" });

const TextPart = z.object({ type: z.literal("text"), text: z.string() });

// #region chat
export const ChatCompletionMessage = z
  .object({
    role: z.enum(["developer", "system", "user", "assistant"]),
    content: z
      .union([z.string().max(32768), z.array(TextPart).min(1).max(64)])
      .meta({ description: "Text, or a list of text parts" }),
  })
  .meta({ id: "ChatCompletionMessage" });

const MaxTokens = z.number().int().min(1).max(4096).nullable().optional();

/** OpenAI's `stop`: up to 4 texts that end the completion */
export const Stop = z
  .union([z.string().min(1), z.array(z.string().min(1)).max(4)])
  .nullable()
  .optional()
  .meta({ description: "Up to 4 texts that end the completion where they appear" });

/** OpenAI's `n`: this service answers one choice */
export const ChoiceCount = z
  .number()
  .int()
  .min(1)
  .max(1)
  .nullable()
  .optional()
  .meta({ description: "Choices to generate: only 1 is supported" });

/** `"x"` or `["x", "y"]` -> a list */
export function stopList(stop: string | string[] | null | undefined): string[] | undefined {
  if (stop === null || stop === undefined) return undefined;
  return typeof stop === "string" ? [stop] : stop;
}

export const ChatCompletionRequest = z
  .object({
    model: z.string().min(1).meta({ description: "Model identifier" }),
    messages: z.array(ChatCompletionMessage).min(1).max(64),
    temperature: z.number().min(0).max(2).nullable().optional(),
    max_tokens: MaxTokens,
    max_completion_tokens: MaxTokens,
    stop: Stop,
    n: ChoiceCount,
    stream: z.boolean().nullable().optional(),
    stream_options: z
      .object({ include_usage: z.boolean().optional() })
      .nullable()
      .optional()
      .meta({ description: "include_usage: a last chunk carries the usage" }),
    user: z.string().optional(),
  })
  .meta({ id: "ChatCompletionRequest" });

const FinishReason = z.enum(["stop", "length"]);

export const ChatCompletion = z
  .object({
    id: z.string(),
    object: z.literal("chat.completion"),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(
      z.object({
        index: z.number().int(),
        message: z.object({ role: z.literal("assistant"), content: z.string() }),
        finish_reason: FinishReason,
        logprobs: z.null(),
      }),
    ),
    usage: Usage,
  })
  .meta({ id: "ChatCompletion" });

export const ChatCompletionChunk = z
  .object({
    id: z.string(),
    object: z.literal("chat.completion.chunk"),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(
      z.object({
        index: z.number().int(),
        delta: z.object({
          role: z.literal("assistant").optional(),
          content: z.string().optional(),
        }),
        finish_reason: FinishReason.nullable(),
        logprobs: z.null(),
      }),
    ),
    usage: Usage.nullable().optional(),
  })
  .meta({ description: "ChatCompletionChunk: one event of a streamed chat completion" });
// #endregion chat

export const CompletionChunk = z
  .object({
    id: z.string(),
    object: z.literal("text_completion"),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(
      z.object({
        index: z.number().int(),
        text: z.string(),
        finish_reason: FinishReason.nullable(),
        logprobs: z.null(),
      }),
    ),
    usage: Usage.nullable().optional(),
  })
  .meta({ description: "CompletionChunk: one event of a streamed completion" });

// #region models
export const ModelObject = z
  .object({
    id: z.string(),
    object: z.literal("model"),
    created: z.number().int(),
    owned_by: z.string(),
  })
  .meta({ id: "Model" });

export const ModelList = z
  .object({ object: z.literal("list"), data: z.array(ModelObject) })
  .meta({ id: "ModelList" });
// #endregion models

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Invalid request body",
  401: "Missing or invalid API key",
  404: "No such model or document",
  413: "Request body too large",
  422: "Validation error (FastAPI's detail list beside OpenAI's error)",
  429: "The API key used up its requests of the minute",
  502: "The inference backend failed",
  503: "Too many requests in flight, or the backend is down",
  504: "The request or the backend exceeded its deadline",
};

const RETRY_AFTER = {
  "Retry-After": { description: "Seconds to wait before retrying", schema: { type: "integer" } },
};

// #region documented-errors
/** `responses` entries for these statuses, each with the ErrorResponse body */
export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: ERROR_DESCRIPTIONS[status] ?? "Error",
        model: ErrorResponse,
        ...(status === 429 || status === 503 ? { headers: RETRY_AFTER } : {}),
      },
    ]),
  );
}
// #endregion documented-errors

/** routes that answer 400 for an invalid request document that, and no 422 */
export const OTHER_CLIENT_ERRORS = {
  "4XX": { description: "Any other client error", model: ErrorResponse },
};

/** the statuses of a route that calls the model */
export const MODEL_ERRORS = [401, 404, 413, 429, 502, 503, 504];

/** documents `text/event-stream` beside JSON: each event's data is one `chunk` */
export function eventStreamOf(chunk: z.ZodType, description: string) {
  const { $schema: _, ...schema } = z.toJSONSchema(chunk, { io: "output" });
  return {
    description,
    content: {
      "text/event-stream": {
        itemSchema: {
          type: "object",
          properties: {
            data: { type: "string", contentMediaType: "application/json", contentSchema: schema },
          },
          required: ["data"],
        },
      },
    },
  };
}
