/** A small in-memory vector index: cosine similarity over hashed embeddings (RAG context). */

import { cosine, hashEmbedding } from "./text.js";

export const RETRIEVAL_DIMENSIONS = 256;

export interface Document {
  id: string;
  text: string;
}

export interface Match extends Document {
  score: number;
}

// #region index
export class VectorIndex {
  readonly #entries: { document: Document; vector: number[] }[] = [];

  add(document: Document): void {
    this.#entries.push({ document, vector: hashEmbedding(document.text, RETRIEVAL_DIMENSIONS) });
  }

  get size(): number {
    return this.#entries.length;
  }

  /** the `topK` documents closest to the query, best first; ties keep insertion order */
  search(query: string, topK: number): Match[] {
    const vector = hashEmbedding(query, RETRIEVAL_DIMENSIONS);
    return this.#entries
      .map(({ document, vector: other }) => ({
        ...document,
        score: Math.round(cosine(vector, other) * 1e4) / 1e4,
      }))
      .filter((match) => match.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, topK);
  }
}
// #endregion index

/** what the service knows about itself, so chat has something to retrieve */
const KNOWLEDGE: Document[] = [
  {
    id: "limits",
    text: "Each API key may run max_concurrent_requests requests at once; more get 429 with Retry-After.",
  },
  {
    id: "models",
    text: "The default model is mistral-7b-instruct; nomic-embed-text computes embeddings.",
  },
  {
    id: "streaming",
    text: "POST /v1/chat streams tokens as server-sent events and ends with [DONE].",
  },
  { id: "auth", text: "Send your API key in the X-API-Key header; admin routes take X-Admin-Key." },
  {
    id: "health",
    text: "GET /health answers when the process runs; GET /ready once the model is loaded.",
  },
];

/** An index holding the service's own documentation. */
export function createKnowledgeIndex(): VectorIndex {
  const index = new VectorIndex();
  for (const document of KNOWLEDGE) index.add(document);
  return index;
}
