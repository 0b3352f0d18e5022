/** Embedding bodies: OpenAI's, with the service's `dimensions` and `tokens_used` beside them. */

import { z } from "zod";

// #region embeddings
export const EmbeddingRequest = z
  .object({
    input: z
      .union([z.string().min(1).max(8192), z.array(z.string().min(1).max(8192)).min(1).max(128)])
      .meta({ description: "A text or a list of texts" }),
    model: z.string().default("nomic-embed-text").meta({ description: "Model identifier" }),
    encoding_format: z
      .enum(["float", "base64"])
      .default("float")
      .meta({ description: "base64: little-endian float32 bytes (what OpenAI's SDKs ask for)" }),
    user: z.string().optional(),
  })
  .meta({ id: "EmbeddingRequest" });

export const EmbeddingResponse = z
  .object({
    object: z.literal("list"),
    data: z.array(
      z.object({
        object: z.literal("embedding"),
        index: z.number().int(),
        embedding: z.union([z.array(z.number()), z.string()]),
      }),
    ),
    model: z.string(),
    usage: z.object({ prompt_tokens: z.number().int(), total_tokens: z.number().int() }),
    dimensions: z.number().int(),
    tokens_used: z.number().int(),
  })
  .meta({ id: "EmbeddingResponse" });
// #endregion embeddings
