import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, type RedisServer, startRedis } from "../jobs/redis-server.js";
import { type JobProcess, postJson, startProcess, waitFinal } from "./job-processes.js";

let dir: string;
let redis: RedisServer;
let log: string;
let api: JobProcess;
let worker: JobProcess;
let base: string;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tailor-jobs-redis-"));
  redis = await startRedis();
  log = join(dir, "runs.log");
  writeFileSync(log, "");
  env = { REDIS_URL: redis.url, QUEUE_NAME: "processes", JOB_LOG: log };
  [api, worker] = await Promise.all([startProcess(["api"], env), startProcess(["worker"], env)]);
  base = `http://127.0.0.1:${api.port}`;
}, 60_000);
afterAll(async () => {
  await Promise.all([api?.kill(), worker?.kill()]);
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function submit(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await postJson(`${base}${path}`, body, headers);
  expect(response.status).toBe(202);
  return `${base}${response.headers.get("location")}`;
}

describe("an API process and a worker process sharing a real redis-server", () => {
  it("runs a job the API accepted in the worker and serves its result", async () => {
    const url = await submit("/probes", { ms: 10 });
    expect(await waitFinal(url)).toMatchObject({
      status: "done",
      attempts: 1,
      progress: 1,
      result: { attempt: 1 },
    });
  });

  it("streams the job's progress from the worker through the API as server-sent events", async () => {
    const url = await submit("/probes", { ms: 300 });
    const text = await (await fetch(`${url}/events`)).text();
    const statuses = text
      .split("\n\n")
      .filter((frame) => frame.startsWith("data: "))
      .map((frame) => (JSON.parse(frame.slice(6)) as { status: string }).status);
    expect(statuses).toContain("running");
    expect(statuses.at(-1)).toBe("done");
  });

  it("retries a failing job in the worker with back-off until it succeeds", async () => {
    const url = await submit("/probes", { ms: 0, fail: 2 });
    expect(await waitFinal(url)).toMatchObject({ status: "done", attempts: 3, error: null });
  });

  it("dead-letters a job after its last attempt", async () => {
    const url = await submit("/probes", { ms: 0, fail: 5 });
    expect(await waitFinal(url)).toMatchObject({
      status: "failed",
      attempts: 3,
      error: "planned failure 3",
      result: null,
    });
  });

  it("cancels through the API a job running in the worker, aborting its handler", async () => {
    const url = await submit("/probes", { ms: 20_000 });
    const id = url.split("/").at(-1)!;
    while (!readFileSync(log, "utf8").includes(`start ${id}`)) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const cancelled = await fetch(url, { method: "DELETE" });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ id, status: "cancelled" });
    while (!readFileSync(log, "utf8").includes(`aborted ${id}`)) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await waitFinal(url)).toMatchObject({ status: "cancelled", result: null });
  });

  it("dead-letters a job whose worker died during its last attempt", async () => {
    const url = await submit("/once-probes", { ms: 20_000 });
    const id = url.split("/").at(-1)!;
    while (!readFileSync(log, "utf8").includes(`start ${id}`)) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await worker.kill();
    worker = await startProcess(["worker"], env);
    expect(await waitFinal(url)).toMatchObject({
      status: "failed",
      attempts: 1,
      error: "the worker running its last attempt stopped",
    });
  }, 60_000);

  it("returns the first job for a repeated Idempotency-Key across requests", async () => {
    const headers = { "idempotency-key": "report-2026-12" };
    const first = await submit("/probes", { ms: 0 }, headers);
    const again = await submit("/probes", { ms: 5 }, headers);
    expect(again).toBe(first);
    expect(readFileSync(log, "utf8").split(first.split("/").at(-1)!).length).toBeLessThanOrEqual(3);
  });
});

describe("examples/jobs split into processes", () => {
  it("serves ingestions from api.ts and runs them in worker.ts on Redis", async () => {
    const port = await freePort();
    const env = { REDIS_URL: redis.url, PORT: String(port) };
    const root = join(import.meta.dirname, "..", "..", "examples", "jobs");
    const processes = await Promise.all([
      startProcess([], env, join(root, "api.ts")),
      startProcess([], env, join(root, "worker.ts")),
    ]);
    try {
      const response = await postJson(`http://127.0.0.1:${port}/ingestions`, {
        documents: [{ id: "a", text: "split across two processes" }],
      });
      expect(response.status).toBe(202);
      const record = await waitFinal(`http://127.0.0.1:${port}${response.headers.get("location")}`);
      expect(record).toMatchObject({
        status: "done",
        result: { documents: 1, chunks: 1, words: 4 },
      });
    } finally {
      await Promise.all(processes.map((process) => process.kill()));
    }
  }, 60_000);
});
