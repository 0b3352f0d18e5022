import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../examples/inference/app.js";
import { settingsFrom } from "../../examples/inference/core/config.js";
import { jobQueueFromEnv } from "../../examples/inference/services/jobs.js";
import { LocalEngine } from "../../examples/inference/services/local-engine.js";
import { JobQueue, TestClient } from "../../src/index.js";
import { KEY, sseData } from "./helpers.js";

let dir: string;
let client: TestClient;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "tailor-inference-batches-"));
  const settings = settingsFrom({ LOCAL_TOKEN_LATENCY_MS: "0", DATABASE_PATH: ":memory:" });
  const app = createApp(settings, {
    modelClient: new LocalEngine({ modelPath: settings.model_path, tokenLatencyMs: 0 }),
    writeLog: () => {},
    jobQueue: new JobQueue({ path: join(dir, "jobs.db"), pollInterval: 20 }),
  });
  client = new TestClient(app);
});
afterEach(async () => {
  await client.close(); // closes the worker, then the queue
  rmSync(dir, { recursive: true, force: true });
});

type Frame = { status: string; progress: { embedded: number; total: number } | null; result: any };

async function runBatch(texts: string[]): Promise<Frame[]> {
  const response = await client.post("/v1/batches/embeddings", { body: { texts }, headers: KEY });
  expect(response.status).toBe(202);
  const events = await client.get(`${response.headers.get("location")}/events`, { headers: KEY });
  return sseData(await events.text()).map((data) => JSON.parse(data) as Frame);
}

describe("batch embeddings as jobs", () => {
  it("embeds a batch in the app's worker with the same vectors as /v1/embeddings", async () => {
    const texts = Array.from({ length: 130 }, (_, i) => `document number ${i}`);
    const frames = await runBatch(texts);
    const last = frames.at(-1)!;
    expect(last.status).toBe("done");
    expect(last.progress).toEqual({ embedded: 130, total: 130 });
    expect(last.result.embeddings).toHaveLength(130);
    const direct = await client.post("/v1/embeddings", {
      body: { input: texts.slice(0, 3) },
      headers: KEY,
    });
    const expected = (await direct.json()) as {
      data: { embedding: number[] }[];
      dimensions: number;
    };
    expect(last.result.embeddings.slice(0, 3)).toEqual(expected.data.map((item) => item.embedding));
    expect(last.result.dimensions).toBe(expected.dimensions);
  });

  it("needs the API key on every batch route", async () => {
    const response = await client.post("/v1/batches/embeddings", { body: { texts: ["a"] } });
    expect(response.status).toBe(401);
    expect((await client.get("/v1/batches/embeddings/some-id")).status).toBe(401);
  });

  it("answers 422 for an empty batch and 404 for an unknown job", async () => {
    const empty = await client.post("/v1/batches/embeddings", {
      body: { texts: [] },
      headers: KEY,
    });
    expect(empty.status).toBe(422);
    const unknown = await client.get("/v1/batches/embeddings/nope", { headers: KEY });
    expect(unknown.status).toBe(404);
    // like every /v1 error: FastAPI's detail beside OpenAI's error
    expect(await unknown.json()).toMatchObject({
      detail: "Job not found",
      error: { message: "Job not found", type: "invalid_request_error" },
    });
  });

  it("documents the batch routes beside the service's own", async () => {
    const doc = (await (await client.get("/openapi.json")).json()) as any;
    const submit = doc.paths["/v1/batches/embeddings"].post;
    expect(submit.tags).toEqual(["batches"]);
    expect(submit.security).toEqual([{ APIKeyHeader: [] }, { HTTPBearer: [] }]);
    expect(submit.requestBody.content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/EmbeddingBatch",
    });
    expect(doc.components.schemas.EmbedBatchJob.properties.result.anyOf[0]).toEqual({
      $ref: "#/components/schemas/EmbeddingBatchResult",
    });
  });

  it("has no batch routes when no queue is configured", () => {
    expect(jobQueueFromEnv({})).toBeUndefined();
    expect(jobQueueFromEnv({ JOBS_DB: join(dir, "env.db") })).toBeInstanceOf(JobQueue);
  });
});
