/** Retrieval: ingest = chunk + embed + store; search = embed the query + closest chunks. */

import { randomUUID } from "node:crypto";
import { dependency } from "tailor";
import { chunkText } from "./chunking.js";
import type { ChunkMatch, DocumentStore, StoredDocument } from "./document-store.js";
import type { ModelClient } from "./model-client.js";

/** texts per embedding call */
const EMBED_BATCH = 64;

export interface IngestInput {
  id?: string | undefined;
  title?: string | null | undefined;
  text: string;
}

// #region ingest
/** Chunks a document, embeds the chunks with `model` and stores them (a job may call this too). */
export async function ingestDocument(
  store: DocumentStore,
  client: ModelClient,
  model: string,
  input: IngestInput,
  signal?: AbortSignal,
): Promise<StoredDocument> {
  const texts = chunkText(input.text);
  const embeddings: number[][] = [];
  for (let start = 0; start < texts.length; start += EMBED_BATCH) {
    embeddings.push(
      ...(await client.embed(texts.slice(start, start + EMBED_BATCH), model, signal)),
    );
  }
  const chunks = texts.map((text, index) => ({ text, embedding: embeddings[index] ?? [] }));
  const document = {
    id: input.id ?? randomUUID(),
    title: input.title ?? null,
    embeddingModel: model,
  };
  return store.put(document, chunks);
}

/** The `topK` stored chunks closest to `query`. */
export async function searchDocuments(
  store: DocumentStore,
  client: ModelClient,
  model: string,
  query: string,
  topK: number,
  signal?: AbortSignal,
): Promise<ChunkMatch[]> {
  const [vector] = await client.embed([query], model, signal);
  return vector === undefined ? [] : store.search(vector, model, topK);
}
// #endregion ingest

/** The document store the lifespan opened. */
export const getDocumentStore = dependency(
  {},
  function getDocumentStore(_args, ctx): DocumentStore {
    return ctx.state.documents;
  },
);
