/** Embedding bodies. */

import { z } from "zod";

// #region embeddings
export const EmbeddingRequest = z
  .object({
    input: z
      .union([z.string().min(1).max(8192), z.array(z.string().min(1).max(8192)).min(1).max(128)])
      .meta({ description: "A text or a list of texts" }),
    model: z.string().default("nomic-embed-text").meta({ description: "Model identifier" }),
  })
  .meta({ id: "EmbeddingRequest" });

export const EmbeddingResponse = z
  .object({
    embeddings: z.array(z.array(z.number())),
    dimensions: z.number().int(),
    model: z.string(),
    tokens_used: z.number().int(),
  })
  .meta({ id: "EmbeddingResponse" });
// #endregion embeddings
