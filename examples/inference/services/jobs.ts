/** The batch-embedding job and the queue it runs on. */

import { defineJob, JobQueue } from "tailor";
import { EmbeddingBatch, EmbeddingBatchResult } from "../schemas/batches.js";
import type { ModelClient } from "./model-client.js";
import { countTokens } from "./text.js";

const CHUNK = 64;

// #region job
/** Embeds a batch chunk by chunk with the model client the app loaded, reporting progress. */
export function embedBatchJob(getClient: () => ModelClient) {
  return defineJob("embed-batch", {
    input: EmbeddingBatch,
    output: EmbeddingBatchResult,
    attempts: 3, // a backend hiccup is retried 1 s, then 2 s later
    handler: async ({ texts, model }, { signal, progress }) => {
      const embeddings: number[][] = [];
      for (let start = 0; start < texts.length; start += CHUNK) {
        signal.throwIfAborted(); // DELETE /v1/batches/embeddings/{id} stops between chunks
        embeddings.push(...(await getClient().embed(texts.slice(start, start + CHUNK), model)));
        await progress({ embedded: embeddings.length, total: texts.length });
      }
      return {
        embeddings,
        dimensions: embeddings[0]?.length ?? 0,
        model,
        tokens_used: texts.reduce((total, text) => total + countTokens(text), 0),
      };
    },
  });
}
// #endregion job

/**
 * The queue the environment configures: `REDIS_URL` (BullMQ) or `JOBS_DB` (a SQLite file);
 * neither: none, and the service has no batch routes.
 */
export function jobQueueFromEnv(
  env: Record<string, string | undefined> = process.env,
): JobQueue | undefined {
  if (env.REDIS_URL)
    return new JobQueue({ redis: env.REDIS_URL, name: "inference", maxQueued: 1000 });
  if (env.JOBS_DB) return new JobQueue({ path: env.JOBS_DB, maxQueued: 1000 });
  return undefined;
}
