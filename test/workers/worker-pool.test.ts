// WorkerPool: a TypeScript worker module on piscina threads, cancelled through AbortSignals.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { transformSync } from "esbuild";
import { App, serve, WorkerPool } from "tailor";
import { afterAll, describe, expect, it } from "vitest";
import type hashRounds from "./fixtures/cpu-worker.js";

const moduleUrl = new URL("./fixtures/cpu-worker.ts", import.meta.url);

function expected(text: string, rounds: number): string {
  let digest = text;
  for (let i = 0; i < rounds; i++) digest = createHash("sha256").update(digest).digest("hex");
  return digest;
}

describe("WorkerPool", () => {
  const pool = new WorkerPool<typeof hashRounds>(moduleUrl, { maxThreads: 2 });
  afterAll(() => pool.close());

  it("runs a TypeScript module's default export in a worker thread", async () => {
    const result = await pool.run({ text: "abc", rounds: 3 });
    expect(result.digest).toBe(expected("abc", 3));
    expect(result.thread).toBeGreaterThan(0); // 0 is the main thread
  });

  it("runs tasks on at most maxThreads threads at once", async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => pool.run({ text: String(i), rounds: 1, spinMs: 20 })),
    );
    expect(new Set(results.map((r) => r.thread)).size).toBeLessThanOrEqual(2);
    expect(results.map((r) => r.digest)).toEqual(
      Array.from({ length: 6 }, (_, i) => expected(String(i), 1)),
    );
  });

  it("stops a running task when its signal aborts, and keeps serving", async () => {
    const controller = new AbortController();
    const started = Date.now();
    const running = pool.run(
      { text: "x", rounds: 1, spinMs: 10_000 },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 50);
    await expect(running).rejects.toMatchObject({ name: "AbortError" });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await pool.run({ text: "y", rounds: 1 })).digest).toBe(expected("y", 1));
  });

  it("rejects at once for a signal that is already aborted", async () => {
    await expect(
      pool.run({ text: "z", rounds: 1 }, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: "AbortError" });
  });

  it("counts completed tasks for a readiness probe", () => {
    expect(pool.stats.completed).toBeGreaterThanOrEqual(8);
    expect(pool.stats.threads).toBeGreaterThanOrEqual(1);
  });
});

describe("a WorkerPool behind a route on a real server", () => {
  it("cancels the task when the client disconnects, freeing the thread at once", async () => {
    const pool = new WorkerPool<typeof hashRounds>(moduleUrl, { maxThreads: 1 });
    const app = new App();
    app.get("/spin", {}, async (_args, ctx) =>
      pool.run({ text: "s", rounds: 1, spinMs: 10_000 }, { signal: ctx.signal }),
    );
    app.get("/quick", {}, async () => pool.run({ text: "q", rounds: 1 }));
    await pool.run({ text: "warm", rounds: 1 }); // the thread is up: the spin starts at once
    const server = await serve(app, { port: 0 });
    try {
      const leaving = new AbortController();
      const spinning = fetch(`${server.url}/spin`, { signal: leaving.signal }).catch(() => "left");
      await new Promise((resolve) => setTimeout(resolve, 300));
      leaving.abort();
      expect(await spinning).toBe("left");
      const started = performance.now();
      const r = await fetch(`${server.url}/quick`);
      expect((await r.json()).digest).toBe(expected("q", 1));
      // the one thread was not busy spinning for the 10 s the abandoned task asked for
      expect(performance.now() - started).toBeLessThan(5_000);
    } finally {
      await server.close();
      await pool.close();
    }
  });
});

describe("a worker module compiled to dist/", () => {
  const dir = mkdtempSync(join(tmpdir(), "tailor-worker-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("loads the .js beside a .ts URL that no longer exists, without a TypeScript loader", async () => {
    const source = readFileSync(moduleUrl, "utf8");
    writeFileSync(
      join(dir, "cpu-worker.js"),
      transformSync(source, { loader: "ts", format: "esm" }).code,
    );
    // dist/ sits in a package of "type": "module", as this one
    writeFileSync(join(dir, "package.json"), '{ "type": "module" }');
    const pool = new WorkerPool<typeof hashRounds>(pathToFileURL(join(dir, "cpu-worker.ts")));
    try {
      expect(pool.filename).toBe(pathToFileURL(join(dir, "cpu-worker.js")).href);
      expect((await pool.run({ text: "d", rounds: 2 })).digest).toBe(expected("d", 2));
    } finally {
      await pool.close();
    }
  });
});
