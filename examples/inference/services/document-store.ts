/** Documents, their chunks and the chunks' embeddings in one SQLite file (better-sqlite3). */

import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

export interface StoredDocument {
  id: string;
  title: string | null;
  chunks: number;
  embedding_model: string;
  created_at: string;
}

export interface ChunkMatch {
  document_id: string;
  title: string | null;
  chunk: number;
  text: string;
  score: number;
}

export interface NewChunk {
  text: string;
  embedding: readonly number[];
}

interface ChunkRow {
  document_id: string;
  title: string | null;
  ordinal: number;
  text: string;
  embedding: Buffer;
}

/** one model's chunks in memory: their rows, and their unit vectors end to end in one array */
interface VectorIndex {
  rows: Omit<ChunkRow, "embedding">[];
  dimensions: number;
  vectors: Float32Array;
}

/** `vector` scaled to length 1 (a zero vector stays zero) */
function unit(vector: ArrayLike<number>): Float32Array {
  const result = Float32Array.from(vector);
  let norm = 0;
  for (const value of result) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let index = 0; index < result.length; index++) result[index]! /= norm;
  return result;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    title TEXT,
    embedding_model TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS chunks (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    text TEXT NOT NULL,
    embedding BLOB NOT NULL,
    PRIMARY KEY (document_id, ordinal)
  );
`;

// #region store
export class DocumentStore {
  readonly #db: Database.Database;
  /** built on the first search of a model, dropped on every write: a search is then one scan */
  readonly #indexes = new Map<string, VectorIndex>();

  /** `path` ":memory:" keeps nothing on disk; a file's folder is created when missing */
  constructor(path: string) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.#db = new Database(path);
    this.#db.pragma("journal_mode = WAL");
    this.#db.pragma("foreign_keys = ON");
    this.#db.exec(SCHEMA);
  }

  /** stores a document and its embedded chunks in one transaction, replacing one with the same id */
  put(
    document: { id: string; title: string | null; embeddingModel: string },
    chunks: readonly NewChunk[],
  ): StoredDocument {
    const createdAt = new Date().toISOString();
    const insertChunk = this.#db.prepare(
      "INSERT INTO chunks (document_id, ordinal, text, embedding) VALUES (?, ?, ?, ?)",
    );
    this.#indexes.clear();
    this.#db.transaction(() => {
      this.#db.prepare("DELETE FROM documents WHERE id = ?").run(document.id);
      this.#db
        .prepare(
          "INSERT INTO documents (id, title, embedding_model, created_at) VALUES (?, ?, ?, ?)",
        )
        .run(document.id, document.title, document.embeddingModel, createdAt);
      chunks.forEach((chunk, ordinal) => {
        const vector = Buffer.from(new Float32Array(chunk.embedding).buffer);
        insertChunk.run(document.id, ordinal, chunk.text, vector);
      });
    })();
    return this.get(document.id) as StoredDocument;
  }

  get(id: string): StoredDocument | null {
    const row = this.#db
      .prepare(
        `SELECT d.id, d.title, d.embedding_model, d.created_at,
          (SELECT COUNT(*) FROM chunks c WHERE c.document_id = d.id) AS chunks
         FROM documents d WHERE d.id = ?`,
      )
      .get(id) as StoredDocument | undefined;
    return row ?? null;
  }

  list(): StoredDocument[] {
    return this.#db
      .prepare(
        `SELECT d.id, d.title, d.embedding_model, d.created_at, COUNT(c.ordinal) AS chunks
         FROM documents d LEFT JOIN chunks c ON c.document_id = d.id
         GROUP BY d.id ORDER BY d.created_at, d.id`,
      )
      .all() as StoredDocument[];
  }

  /** false when there was no such document */
  delete(id: string): boolean {
    this.#indexes.clear();
    return this.#db.prepare("DELETE FROM documents WHERE id = ?").run(id).changes > 0;
  }

  /** the `topK` chunks embedded by `model` closest to `vector` by cosine, best first (an exact scan) */
  search(vector: readonly number[], model: string, topK: number): ChunkMatch[] {
    const index = this.#index(model);
    if (index.dimensions !== vector.length) return [];
    const query = unit(vector);
    const scored: { row: number; score: number }[] = [];
    for (let row = 0; row < index.rows.length; row++) {
      let dot = 0;
      const offset = row * index.dimensions;
      for (let dim = 0; dim < index.dimensions; dim++) {
        dot += query[dim]! * index.vectors[offset + dim]!;
      }
      if (dot > 0) scored.push({ row, score: dot });
    }
    scored.sort((a, b) => b.score - a.score);
    return scored.slice(0, topK).map(({ row, score }) => {
      const { document_id, title, ordinal, text } = index.rows[row]!;
      return { document_id, title, chunk: ordinal, text, score: Math.round(score * 1e4) / 1e4 };
    });
  }

  #index(model: string): VectorIndex {
    const cached = this.#indexes.get(model);
    if (cached) return cached;
    const rows = this.#db
      .prepare(
        `SELECT c.document_id, d.title, c.ordinal, c.text, c.embedding
         FROM chunks c JOIN documents d ON d.id = c.document_id
         WHERE d.embedding_model = ? ORDER BY d.created_at, c.document_id, c.ordinal`,
      )
      .all(model) as ChunkRow[];
    const dimensions = (rows[0]?.embedding.byteLength ?? 0) / 4;
    const vectors = new Float32Array(rows.length * dimensions);
    rows.forEach((row, index) => {
      // copied: a Buffer from SQLite may start at an offset Float32Array cannot view
      const stored = new Float32Array(new Uint8Array(row.embedding).buffer);
      vectors.set(unit(stored), index * dimensions);
    });
    const index: VectorIndex = {
      rows: rows.map(({ embedding: _, ...row }) => row),
      dimensions,
      vectors,
    };
    this.#indexes.set(model, index);
    return index;
  }

  close(): void {
    this.#db.close();
  }
}
// #endregion store
