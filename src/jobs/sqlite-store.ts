import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import type { JobProgress } from "./define-job.js";
import type { EnqueueResult, JobRecord, JobStatus } from "./types.js";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tailor_jobs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  input TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL,
  progress TEXT,
  result TEXT,
  error TEXT,
  idempotency_key TEXT,
  run_at INTEGER NOT NULL,
  lease_owner TEXT,
  lease_until INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS tailor_jobs_idempotency
  ON tailor_jobs (name, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS tailor_jobs_ready ON tailor_jobs (status, run_at);
`;

interface Row {
  id: string;
  name: string;
  status: JobStatus;
  attempts: number;
  progress: string | null;
  result: string | null;
  error: string | null;
}

/** A job a worker has just leased. */
export interface ClaimedJob {
  id: string;
  name: string;
  input: unknown;
  attempts: number;
  maxAttempts: number;
}

function toRecord(row: Row): JobRecord {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    attempts: row.attempts,
    progress: row.progress === null ? null : (JSON.parse(row.progress) as JobProgress),
    result: row.result === null ? null : JSON.parse(row.result),
    error: row.error,
  };
}

const RECORD_COLUMNS = "id, name, status, attempts, progress, result, error";

/**
 * The SQLite side of the embedded queue: every method is one statement or one transaction, so a
 * job's state is always what the last commit says, whichever process died in between.
 */
function openDatabase(path: string, synchronous: "FULL" | "NORMAL"): Database.Database {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma("busy_timeout = 10000");
  return db;
}

export class SqliteJobStore {
  readonly #db: Database.Database;
  readonly #workDb: Database.Database;
  readonly #statements;

  constructor(path: string, synchronous: "full" | "normal" = "full") {
    // FULL: a commit is on disk before enqueue or cancel answers, so it survives a power cut;
    // NORMAL: it survives the process dying (kill -9), not the machine losing power
    this.#db = openDatabase(path, synchronous === "full" ? "FULL" : "NORMAL");
    this.#db.exec(SCHEMA);
    // NORMAL (no fsync per commit, still safe from corruption in WAL mode) for what workers write:
    // a lease, progress or outcome lost to a power cut only makes the job run again, which
    // at-least-once allows. Two fsyncs fewer per job: ~3x the jobs/s (bench/JOBS.md).
    this.#workDb = path === ":memory:" ? this.#db : openDatabase(path, "NORMAL");
    const db = this.#db;
    const work = this.#workDb;
    this.#statements = {
      byKey: db.prepare<[string, string], { id: string; status: JobStatus }>(
        "SELECT id, status FROM tailor_jobs WHERE name = ? AND idempotency_key = ?",
      ),
      pending: db.prepare<[], { n: number }>(
        "SELECT count(*) AS n FROM tailor_jobs WHERE status IN ('queued', 'running')",
      ),
      insert: db.prepare(
        `INSERT INTO tailor_jobs (id, name, input, status, max_attempts, idempotency_key, run_at, created_at, updated_at)
         VALUES (@id, @name, @input, 'queued', @maxAttempts, @key, @now, @now, @now)`,
      ),
      get: db.prepare<[string], Row>(`SELECT ${RECORD_COLUMNS} FROM tailor_jobs WHERE id = ?`),
      failedNewest: db.prepare<[number], Row>(
        `SELECT ${RECORD_COLUMNS} FROM tailor_jobs WHERE status = 'failed' ORDER BY updated_at DESC, seq DESC LIMIT ?`,
      ),
      claim: work.prepare<
        { owner: string; now: number; until: number; names: string },
        { id: string; name: string; input: string; attempts: number; max_attempts: number }
      >(
        `UPDATE tailor_jobs
         SET status = 'running', attempts = attempts + 1, lease_owner = @owner, lease_until = @until, updated_at = @now
         WHERE seq = (
           SELECT seq FROM tailor_jobs
           WHERE name IN (SELECT value FROM json_each(@names))
             AND ((status = 'queued' AND run_at <= @now) OR (status = 'running' AND lease_until < @now))
           ORDER BY run_at, seq LIMIT 1)
         RETURNING id, name, input, attempts, max_attempts`,
      ),
      renew: work.prepare<{ id: string; owner: string; until: number }>(
        "UPDATE tailor_jobs SET lease_until = @until WHERE id = @id AND lease_owner = @owner AND status = 'running'",
      ),
      progress: work.prepare<{ id: string; owner: string; progress: string; now: number }>(
        `UPDATE tailor_jobs SET progress = @progress, updated_at = @now
         WHERE id = @id AND lease_owner = @owner AND status = 'running'`,
      ),
      finish: work.prepare<{
        id: string;
        owner: string;
        status: JobStatus;
        result: string | null;
        error: string | null;
        runAt: number;
        now: number;
      }>(
        `UPDATE tailor_jobs
         SET status = @status, result = @result, error = @error, run_at = @runAt, updated_at = @now,
             lease_owner = NULL, lease_until = NULL
         WHERE id = @id AND lease_owner = @owner AND status = 'running'`,
      ),
      expire: work.prepare<{ id: string; error: string; now: number }>(
        `UPDATE tailor_jobs
         SET status = 'failed', attempts = max_attempts, error = @error, updated_at = @now,
             lease_owner = NULL, lease_until = NULL
         WHERE id = @id`,
      ),
      cancel: db.prepare<{ id: string; now: number }>(
        `UPDATE tailor_jobs SET status = 'cancelled', updated_at = @now, lease_owner = NULL, lease_until = NULL
         WHERE id = @id AND status IN ('queued', 'running')`,
      ),
    };
  }

  /** stores a new job (or finds the one with the same idempotency key) in one transaction */
  enqueue(
    name: string,
    input: unknown,
    maxAttempts: number,
    key: string | undefined,
    maxQueued: number | undefined,
  ): EnqueueResult | "full" {
    const s = this.#statements;
    return this.#db
      .transaction((): EnqueueResult | "full" => {
        if (key !== undefined) {
          const existing = s.byKey.get(name, key);
          if (existing) return { id: existing.id, status: existing.status, created: false };
        }
        if (maxQueued !== undefined && s.pending.get()!.n >= maxQueued) return "full";
        const id = randomUUID();
        const input_ = JSON.stringify(input ?? null);
        s.insert.run({ id, name, input: input_, maxAttempts, key: key ?? null, now: Date.now() });
        return { id, status: "queued", created: true };
      })
      .immediate();
  }

  get(id: string): JobRecord | null {
    const row = this.#statements.get.get(id);
    return row ? toRecord(row) : null;
  }

  pending(): number {
    return this.#statements.pending.get()!.n;
  }

  deadLetters(limit: number): JobRecord[] {
    return this.#statements.failedNewest.all(limit).map(toRecord);
  }

  /** leases the next ready job among `names` (a queued one, or one whose lease expired) */
  claim(owner: string, names: string, leaseMs: number): ClaimedJob | null {
    const now = Date.now();
    const row = this.#workDb
      .transaction(() => this.#statements.claim.get({ owner, now, until: now + leaseMs, names }))
      .immediate();
    if (row === undefined) return null;
    return {
      id: row.id,
      name: row.name,
      input: JSON.parse(row.input),
      attempts: row.attempts,
      maxAttempts: row.max_attempts,
    };
  }

  /** false when the lease is gone: the job was cancelled or another worker took it over */
  renew(id: string, owner: string, leaseMs: number): boolean {
    return this.#statements.renew.run({ id, owner, until: Date.now() + leaseMs }).changes === 1;
  }

  progress(id: string, owner: string, value: JobProgress): boolean {
    const progress = JSON.stringify(value);
    return this.#statements.progress.run({ id, owner, progress, now: Date.now() }).changes === 1;
  }

  /** records how a run ended, if this worker still holds the lease */
  finish(
    id: string,
    owner: string,
    status: JobStatus,
    fields: { result?: unknown; error?: string; retryInMs?: number },
  ): boolean {
    const now = Date.now();
    const result = fields.result === undefined ? null : JSON.stringify(fields.result);
    const runAt = now + (fields.retryInMs ?? 0);
    const error = fields.error ?? null;
    return (
      this.#statements.finish.run({ id, owner, status, result, error, runAt, now }).changes === 1
    );
  }

  /** dead-letters a job whose last attempt's worker stopped without finishing it */
  expire(id: string, error: string): void {
    this.#statements.expire.run({ id, error, now: Date.now() });
  }

  cancel(id: string): boolean {
    return this.#statements.cancel.run({ id, now: Date.now() }).changes === 1;
  }

  close(): void {
    if (this.#workDb !== this.#db) this.#workDb.close();
    this.#db.close();
  }
}
