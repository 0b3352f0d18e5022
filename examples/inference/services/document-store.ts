/** Documents, their chunks and the chunks' embeddings in one SQLite file (better-sqlite3). */

import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { cosine } from "./text.js";

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
    return this.#db.prepare("DELETE FROM documents WHERE id = ?").run(id).changes > 0;
  }

  /** the `topK` chunks embedded by `model` closest to `vector`, best first (an exact scan) */
  search(vector: readonly number[], model: string, topK: number): ChunkMatch[] {
    const rows = this.#db
      .prepare(
        `SELECT c.document_id, d.title, c.ordinal, c.text, c.embedding
         FROM chunks c JOIN documents d ON d.id = c.document_id
         WHERE d.embedding_model = ?`,
      )
      .all(model) as ChunkRow[];
    return rows
      .map((row) => {
        // copied: a Buffer from SQLite may start at an offset Float32Array cannot view
        const stored = new Float32Array(new Uint8Array(row.embedding).buffer);
        return {
          document_id: row.document_id,
          title: row.title,
          chunk: row.ordinal,
          text: row.text,
          score: Math.round(cosine(vector, Array.from(stored)) * 1e4) / 1e4,
        };
      })
      .filter((match) => match.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, topK);
  }

  close(): void {
    this.#db.close();
  }
}
// #endregion store
