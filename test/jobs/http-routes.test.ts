import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  APIRouter,
  App,
  defineJob,
  JobQueue,
  mountJob,
  serve,
  TestClient,
} from "../../src/index.js";

let dir: string;
let queue: JobQueue;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "tailor-job-routes-"));
  queue = new JobQueue({ path: join(dir, "jobs.db"), pollInterval: 20 });
});
afterEach(async () => {
  await queue.close();
  rmSync(dir, { recursive: true, force: true });
});

const Texts = z.object({ texts: z.array(z.string().min(1)).min(1) }).meta({ id: "Texts" });
const Counted = z.object({ count: z.number().int() }).meta({ id: "Counted" });

let release: () => void = () => {};
const count = defineJob("count-texts", {
  input: Texts,
  output: Counted,
  handler: async ({ texts }, { progress, signal }) => {
    await progress({ done: 0, total: texts.length });
    // held until the test releases it (or the job is cancelled)
    await new Promise<void>((resolve) => {
      release = resolve;
      signal.addEventListener("abort", () => resolve());
    });
    await progress({ done: texts.length, total: texts.length });
    return { count: texts.length };
  },
});

function makeApp(options: { maxQueued?: number; overloadStatus?: 429 | 503 } = {}) {
  const app = new App({ title: "Jobs", version: "1" });
  const router = new APIRouter({ prefix: "/v1" });
  mountJob(router, "/counts", { queue, job: count, tags: ["counts"], ...options });
  app.includeRouter(router);
  return app;
}

async function waitFor(id: string, status: string) {
  for await (const event of queue.events(id)) if (event.status === status) return event;
  throw new Error(`job ${id} never reached ${status}`);
}

describe("mountJob", () => {
  it("answers a submission with 202, the job's Location and its id", async () => {
    const client = new TestClient(makeApp());
    const response = await client.post("/v1/counts", { body: { texts: ["a", "b"] } });
    expect(response.status).toBe(202);
    const body = (await response.json()) as { id: string; status: string };
    expect(body.status).toBe("queued");
    expect(response.headers.get("location")).toBe(`/v1/counts/${body.id}`);
    const read = await client.get(`/v1/counts/${body.id}`);
    expect(await read.json()).toEqual({
      id: body.id,
      name: "count-texts",
      status: "queued",
      attempts: 0,
      progress: null,
      result: null,
      error: null,
    });
  });

  it("rejects an invalid body with FastAPI's 422 and queues nothing", async () => {
    const client = new TestClient(makeApp());
    const response = await client.post("/v1/counts", { body: { texts: [] } });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { detail: { loc: unknown[]; type: string }[] };
    expect(body.detail[0]).toMatchObject({ type: "too_short", loc: ["body", "texts"] });
    expect(await queue.pending()).toBe(0);
  });

  it("returns the first job again for a repeated Idempotency-Key", async () => {
    const client = new TestClient(makeApp());
    const headers = { "idempotency-key": "upload-42" };
    const first = await client.post("/v1/counts", { body: { texts: ["a"] }, headers });
    const again = await client.post("/v1/counts", { body: { texts: ["b"] }, headers });
    const firstId = ((await first.json()) as { id: string }).id;
    expect(((await again.json()) as { id: string }).id).toBe(firstId);
    expect(again.headers.get("location")).toBe(`/v1/counts/${firstId}`);
    expect(await queue.pending()).toBe(1);
  });

  it("answers 404 with FastAPI's body for an unknown job, on every route", async () => {
    const client = new TestClient(makeApp());
    for (const [method, url] of [
      ["GET", "/v1/counts/nope"],
      ["GET", "/v1/counts/nope/events"],
      ["DELETE", "/v1/counts/nope"],
    ] as const) {
      const response = await client.request(method, url);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ detail: "Job not found" });
    }
  });

  it("refuses submissions with 503 and Retry-After once maxQueued jobs are pending", async () => {
    const client = new TestClient(makeApp({ maxQueued: 2 }));
    for (const text of ["a", "b"]) {
      expect((await client.post("/v1/counts", { body: { texts: [text] } })).status).toBe(202);
    }
    const refused = await client.post("/v1/counts", { body: { texts: ["c"] } });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("5");
    expect(await refused.json()).toEqual({ detail: "Job queue is full, retry later" });
    expect(await queue.pending()).toBe(2);
  });

  it("still answers a repeated Idempotency-Key with its job while the queue is full", async () => {
    const client = new TestClient(makeApp({ maxQueued: 1 }));
    const headers = { "idempotency-key": "only-one" };
    const first = await client.post("/v1/counts", { body: { texts: ["a"] }, headers });
    expect(first.status).toBe(202);
    const again = await client.post("/v1/counts", { body: { texts: ["a"] }, headers });
    expect(again.status).toBe(202);
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
    const other = await client.post("/v1/counts", { body: { texts: ["b"] } });
    expect(other.status).toBe(503);
  });

  it("refuses with 429 when asked to, using the queue's own maxQueued", async () => {
    await queue.close();
    queue = new JobQueue({ path: join(dir, "limited.db"), maxQueued: 1 });
    const client = new TestClient(makeApp({ overloadStatus: 429 }));
    expect((await client.post("/v1/counts", { body: { texts: ["a"] } })).status).toBe(202);
    const refused = await client.post("/v1/counts", { body: { texts: ["b"] } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("5");
  });

  it("cancels a running job with DELETE and refuses to cancel a finished one", async () => {
    const client = new TestClient(makeApp());
    const worker = queue.work({ jobs: [count] });
    const { id } = (await (await client.post("/v1/counts", { body: { texts: ["a"] } })).json()) as {
      id: string;
    };
    await waitFor(id, "running");
    const cancelled = await client.delete(`/v1/counts/${id}`);
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ id, status: "cancelled", result: null });
    const again = await client.delete(`/v1/counts/${id}`);
    expect(again.status).toBe(200);

    const second = (await (await client.post("/v1/counts", { body: { texts: ["x"] } })).json()) as {
      id: string;
    };
    await waitFor(second.id, "running");
    release();
    await waitFor(second.id, "done");
    const refused = await client.delete(`/v1/counts/${second.id}`);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({ detail: "Job already done" });
    await worker.close();
  });

  it("streams status and progress as server-sent events over a real server, ending at done", async () => {
    const server = await serve(makeApp(), { port: 0 });
    try {
      const submitted = await fetch(`${server.url}/v1/counts`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ texts: ["a", "b", "c"] }),
      });
      expect(submitted.status).toBe(202);
      const location = submitted.headers.get("location")!;
      const stream = await fetch(`${server.url}${location}/events`);
      expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
      const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = "";
      let worker: { close(): Promise<void> } | undefined;
      while (!text.includes('"status":"done"')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
        worker ??= queue.work({ jobs: [count] }); // after the first frame, so it shows "queued"
        if (text.includes('"status":"running"')) release();
      }
      const frames = text
        .split("\n\n")
        .filter((frame) => frame.startsWith("data: "))
        .map((frame) => JSON.parse(frame.slice(6)) as { status: string; result: unknown });
      expect(frames[0]!.status).toBe("queued");
      expect(frames.map((frame) => frame.status)).toContain("running");
      expect(frames.at(-1)).toMatchObject({ status: "done", result: { count: 3 } });
      expect((await reader.read()).done).toBe(true); // the stream ends with the job
      await worker?.close();
    } finally {
      await server.close();
    }
  });

  it("documents the four routes with the job's schemas in OpenAPI", async () => {
    const client = new TestClient(makeApp());
    const doc = (await (await client.get("/openapi.json")).json()) as any;
    const submit = doc.paths["/v1/counts"].post;
    expect(submit.tags).toEqual(["counts"]);
    expect(submit.requestBody.content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/Texts",
    });
    expect(submit.responses["202"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/JobAccepted",
    });
    expect(submit.responses["202"].headers.Location).toBeDefined();
    expect(submit.responses["503"].headers["Retry-After"]).toBeDefined();
    expect(submit.parameters[0]).toMatchObject({ name: "idempotency-key", in: "header" });
    const read = doc.paths["/v1/counts/{job_id}"];
    expect(read.get.responses["200"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/CountTextsJob",
    });
    expect(read.delete.responses["409"].description).toBe("The job already finished");
    expect(doc.components.schemas.CountTextsJob.properties.result).toEqual({
      anyOf: [{ $ref: "#/components/schemas/Counted" }, { type: "null" }],
      title: "Result",
    });
    const events = doc.paths["/v1/counts/{job_id}/events"].get;
    expect(Object.keys(events.responses["200"].content)).toEqual(["text/event-stream"]);
  });
});
