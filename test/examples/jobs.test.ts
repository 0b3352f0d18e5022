import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../examples/jobs/app.js";
import { ingest } from "../../examples/jobs/ingest.js";
import { openQueue } from "../../examples/jobs/queue.js";
import { type JobQueue, TestClient } from "../../src/index.js";

let dir: string;
let queue: JobQueue;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "tailor-example-jobs-"));
  queue = openQueue({ JOBS_DB: join(dir, "jobs.db") });
});
afterEach(async () => {
  await queue.close();
  rmSync(dir, { recursive: true, force: true });
});

async function finished(client: TestClient, location: string) {
  const events = await (await client.get(`${location}/events`)).text();
  const frames = events.split("\n\n").filter((frame) => frame.startsWith("data: "));
  return frames.map((frame) => JSON.parse(frame.slice(6)) as Record<string, unknown>);
}

describe("examples/jobs", () => {
  it("ingests documents through the mounted routes, with progress per document", async () => {
    const client = new TestClient(createApp(queue));
    const worker = queue.work({ jobs: [ingest] });
    const response = await client.post("/ingestions", {
      body: {
        documents: [
          { id: "a", text: "one two three four five six seven eight nine" },
          { id: "b", text: "ten eleven" },
        ],
        chunk_words: 8,
      },
    });
    expect(response.status).toBe(202);
    const frames = await finished(client, response.headers.get("location")!);
    expect(frames.at(-1)).toMatchObject({
      status: "done",
      attempts: 1,
      progress: { done: 2, total: 2 },
      result: { documents: 2, chunks: 3, words: 11 },
    });
    await worker.close();
  });

  it("chooses SQLite by default and BullMQ when REDIS_URL is set", async () => {
    // the Redis queue connects lazily: nothing is contacted until it is used
    const redis = openQueue({ REDIS_URL: "redis://127.0.0.1:1" });
    expect(redis.maxQueued).toBe(10_000);
    await redis.close();
    const response = await new TestClient(createApp(queue)).post("/ingestions", {
      body: { documents: [{ id: "a", text: "x" }] },
    });
    expect(response.status).toBe(202);
    expect(await queue.pending()).toBe(1);
  });

  it("tells the client how long to wait when the queue is full", async () => {
    const full = openQueue({ JOBS_DB: join(dir, "full.db"), JOBS_MAX_QUEUED: "2" });
    const client = new TestClient(createApp(full));
    const body = { documents: [{ id: "a", text: "x" }] };
    for (let i = 0; i < 2; i += 1) await full.enqueue(ingest, body);
    const refused = await client.post("/ingestions", { body });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("10");
    await full.close();
  });
});
