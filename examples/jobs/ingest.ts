/** A document-ingestion job: splits documents into chunks, reporting progress as it goes. */

import { defineJob } from "tailor";
import { z } from "zod";

// #region job
export const Documents = z
  .object({
    documents: z
      .array(z.object({ id: z.string().min(1), text: z.string().min(1).max(100_000) }))
      .min(1)
      .max(100),
    chunk_words: z.number().int().min(8).max(512).default(64),
  })
  .meta({ id: "Documents" });

export const Ingested = z
  .object({ documents: z.number().int(), chunks: z.number().int(), words: z.number().int() })
  .meta({ id: "Ingested" });

export const ingest = defineJob("ingest", {
  input: Documents,
  output: Ingested,
  attempts: 3, // a failed run is retried twice, 1 s then 2 s later; then it is dead-lettered
  backoff: { type: "exponential", delay: 1000 },
  handler: async ({ documents, chunk_words }, { signal, progress }) => {
    let chunks = 0;
    let words = 0;
    for (const [index, document] of documents.entries()) {
      signal.throwIfAborted(); // a cancelled job stops between documents
      const count = document.text.split(/\s+/).filter(Boolean).length;
      words += count;
      chunks += Math.ceil(count / chunk_words);
      await progress({ done: index + 1, total: documents.length });
    }
    return { documents: documents.length, chunks, words };
  },
});
// #endregion job
