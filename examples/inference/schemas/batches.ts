/** Batch embedding jobs: many texts in, their vectors out, computed by a worker. */

import { z } from "zod";

// #region batches
export const EmbeddingBatch = z
  .object({
    texts: z
      .array(z.string().min(1).max(8192))
      .min(1)
      .max(10_000)
      .meta({ description: "Up to 10,000 texts, embedded in chunks of 64" }),
    model: z.string().default("nomic-embed-text").meta({ description: "Model identifier" }),
  })
  .meta({ id: "EmbeddingBatch" });

export const EmbeddingBatchResult = z
  .object({
    embeddings: z.array(z.array(z.number())),
    dimensions: z.number().int(),
    model: z.string(),
    tokens_used: z.number().int(),
  })
  .meta({ id: "EmbeddingBatchResult" });
// #endregion batches
