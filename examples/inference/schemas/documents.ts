/** Retrieval bodies: documents in, chunks out. */

import { z } from "zod";

// #region documents
export const DocumentIn = z
  .object({
    id: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[\w.-]+$/)
      .optional()
      .meta({
        description:
          "Letters, digits, `_`, `.`, `-`; a new UUID when absent; an existing id is replaced",
      }),
    title: z.string().max(500).nullable().optional(),
    text: z.string().min(1).max(1_000_000),
  })
  .meta({ id: "DocumentIn" });

export const DocumentOut = z
  .object({
    id: z.string(),
    title: z.string().nullable(),
    chunks: z.number().int(),
    embedding_model: z.string(),
    created_at: z.string(),
  })
  .meta({ id: "Document" });

export const DocumentList = z
  .object({ object: z.literal("list"), data: z.array(DocumentOut) })
  .meta({ id: "DocumentList" });

export const SearchRequest = z
  .object({
    query: z.string().min(1).max(2048),
    top_k: z.number().int().min(1).max(20).default(3),
  })
  .meta({ id: "SearchRequest" });

export const SearchResponse = z
  .object({
    results: z.array(
      z.object({
        document_id: z.string(),
        title: z.string().nullable(),
        chunk: z.number().int(),
        text: z.string(),
        score: z.number(),
      }),
    ),
  })
  .meta({ id: "SearchResponse" });
// #endregion documents
