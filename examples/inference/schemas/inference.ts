/** Completion and chat bodies: the article's pydantic models, as Zod schemas. */

import { z } from "zod";

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

export const SearchRequest = z
  .object({
    query: z.string().min(1).max(2048),
    top_k: z.number().int().min(1).max(20).default(3),
  })
  .meta({ id: "SearchRequest" });

export const SearchResponse = z
  .object({
    results: z.array(z.object({ id: z.string(), text: z.string(), score: z.number() })),
  })
  .meta({ id: "SearchResponse" });

export const Classification = z
  .object({
    filename: z.string().nullable(),
    label: z.string(),
    scores: z.record(z.string(), z.number()),
  })
  .meta({ id: "Classification" });
