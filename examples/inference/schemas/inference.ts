/** Completion and chat bodies: the article's pydantic models, as Zod schemas. */

import { z } from "zod";
import { ChoiceCount, Stop, Usage } from "./openai.js";

// #region models
export const InferenceRequest = z
  .object({
    prompt: z.string().min(1).max(8192).meta({ description: "The input prompt" }),
    temperature: z.number().min(0).max(2).default(0.7),
    max_tokens: z.number().int().min(1).max(4096).nullable().default(512),
    model: z.string().default("mistral-7b-instruct").meta({ description: "Model identifier" }),
  })
  .meta({ id: "InferenceRequest" });

export const InferenceResponse = z
  .object({
    text: z.string(),
    tokens_used: z.number().int(),
    latency_ms: z.number(),
    model: z.string(),
  })
  .meta({ id: "InferenceResponse" });
// #endregion models

// #region completion
/** the article's request, and OpenAI's `stream` */
export const CompletionRequest = InferenceRequest.extend({
  stream: z.boolean().nullable().default(false).meta({ description: "Stream server-sent events" }),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullable().optional(),
  stop: Stop,
  n: ChoiceCount,
}).meta({ id: "CompletionRequest" });

/** the article's fields, and OpenAI's text_completion beside them */
export const CompletionResponse = InferenceResponse.extend({
  id: z.string(),
  object: z.literal("text_completion"),
  created: z.number().int().meta({ description: "Unix time in seconds" }),
  choices: z.array(
    z.object({
      index: z.number().int(),
      text: z.string(),
      finish_reason: z.enum(["stop", "length"]),
      logprobs: z.null(),
    }),
  ),
  usage: Usage,
}).meta({ id: "CompletionResponse" });
// #endregion completion

export const ChatMessage = z
  .object({
    role: z.enum(["system", "user", "assistant"]),
    content: z.string().min(1).max(8192),
  })
  .meta({ id: "ChatMessage" });

export const ChatRequest = z
  .object({
    messages: z.array(ChatMessage).min(1).max(64),
    temperature: z.number().min(0).max(2).default(0.7),
    max_tokens: z.number().int().min(1).max(4096).nullable().default(512),
    model: z.string().default("mistral-7b-instruct").meta({ description: "Model identifier" }),
    use_context: z
      .boolean()
      .default(false)
      .meta({ description: "Prepend the closest documents of the knowledge index" }),
  })
  .meta({ id: "ChatRequest" });

export const Classification = z
  .object({
    filename: z.string().nullable(),
    label: z.string(),
    scores: z.record(z.string(), z.number()),
  })
  .meta({ id: "Classification" });
