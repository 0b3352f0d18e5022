import { request as httpRequest } from "node:http";
import { serve } from "tailor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settingsFrom } from "../../examples/inference/core/config.js";
import { createModelClient } from "../../examples/inference/services/backends.js";
import { OllamaClient } from "../../examples/inference/services/ollama-client.js";
import { type FakeOllama, startFakeOllama } from "./fake-ollama.js";
import { KEY, makeRemoteService, sseData, waitFor } from "./helpers.js";

let ollama: FakeOllama;

beforeAll(async () => {
  ollama = await startFakeOllama();
});

afterAll(() => ollama.close());

function service(env: Record<string, string> = {}) {
  return makeRemoteService({ MODEL_BACKEND: "ollama", OLLAMA_BASE_URL: ollama.url, ...env });
}

function lastRequest(path: string) {
  return ollama.requests.findLast((request) => request.path === path)?.body;
}

describe("MODEL_BACKEND=ollama", () => {
  it("selects the Ollama client at OLLAMA_BASE_URL", () => {
    const client = createModelClient(
      settingsFrom({ MODEL_BACKEND: "ollama", OLLAMA_BASE_URL: "http://h:1/" }),
    );
    expect(client).toBeInstanceOf(OllamaClient);
    expect((client as OllamaClient).baseUrl).toBe("http://h:1");
    expect((client as OllamaClient).resolve("mistral-7b-instruct")).toBe("mistral:7b-instruct");
  });

  it("sends the article's model name as Ollama's and answers with the name asked for", async () => {
    const { client } = service();
    try {
      const completion = await client.post("/v1/completions", {
        json: { prompt: "hi", temperature: 0.1, max_tokens: 8, stop: "\n\n" },
        headers: KEY,
      });
      expect(await completion.json()).toMatchObject({
        text: "echo: hi",
        tokens_used: 6,
        model: "mistral-7b-instruct",
        usage: { prompt_tokens: 4, completion_tokens: 2, total_tokens: 6 },
      });
      expect(lastRequest("/api/generate")).toEqual({
        model: "mistral:7b-instruct",
        prompt: "hi",
        stream: false,
        options: { temperature: 0.1, num_predict: 8, stop: ["\n\n"] },
      });
    } finally {
      await client.close();
    }
  });

  it("sends chat completions to /api/chat with the messages, plain and streamed", async () => {
    const { client } = service();
    try {
      const json = {
        model: "mistral-7b-instruct",
        messages: [
          { role: "developer", content: "be brief" },
          { role: "user", content: [{ type: "text", text: "hey" }] },
        ],
      };
      const plain = await (
        await client.post("/v1/chat/completions", { json, headers: KEY })
      ).json();
      expect(plain.choices[0]).toMatchObject({
        message: { content: "chat: hey" },
        finish_reason: "length",
      });
      expect(lastRequest("/api/chat")).toMatchObject({
        model: "mistral:7b-instruct",
        messages: [
          { role: "system", content: "be brief" },
          { role: "user", content: "hey" },
        ],
      });
      const streamed = await client.post("/v1/chat/completions", {
        json: { ...json, stream: true },
        headers: KEY,
      });
      const chunks = sseData(await streamed.text());
      expect(chunks.at(-1)).toBe("[DONE]");
      const deltas = chunks.slice(0, -2).map((chunk) => JSON.parse(chunk).choices[0].delta.content);
      expect(deltas).toEqual(["Hi", " there"]);
    } finally {
      await client.close();
    }
  });

  it("serves the article's chat, embeddings, models and admin through Ollama's API", async () => {
    const { client } = service();
    try {
      const chat = await client.post("/v1/chat", {
        json: { messages: [{ role: "user", content: "hey" }] },
        headers: KEY,
      });
      expect(sseData(await chat.text())).toEqual([
        '{"index":0,"token":"Hel"}',
        '{"index":1,"token":"lo"}',
        '{"index":2,"token":"!"}',
        "[DONE]",
      ]);
      const embeddings = await client.post("/v1/embeddings", {
        json: { input: ["a", "b"] },
        headers: KEY,
      });
      expect(
        (await embeddings.json()).data.map((item: { embedding: number[] }) => item.embedding),
      ).toEqual([
        [0, 0.5, 0.25],
        [1, 0.5, 0.25],
      ]);
      const models = await (await client.get("/v1/models", { headers: KEY })).json();
      expect(models.data.map((model: { id: string }) => model.id)).toEqual([
        "mistral:7b-instruct",
        "nomic-embed-text",
        "mistral-7b-instruct",
      ]);
      const admin = await client.get("/admin/models", {
        headers: { "x-admin-key": "sk-admin-dev-456" },
      });
      expect((await admin.json()).models[0]).toEqual({
        name: "mistral:7b-instruct",
        backend: "ollama",
        loaded: true,
      });
    } finally {
      await client.close();
    }
  });

  it("answers 404 model_not_found when Ollama does not have the model", async () => {
    const { client } = service();
    const r = await client.post("/v1/completions", {
      json: { prompt: "hi", model: "missing" },
      headers: KEY,
    });
    expect(r.status).toBe(404);
    expect((await r.json()).error.code).toBe("model_not_found");
    await client.close();
  });

  it("answers 502 when Ollama answers 500, and logs Ollama's message", async () => {
    const { client, failures } = service();
    const r = await client.post("/v1/completions", {
      json: { prompt: "hi", model: "broken" },
      headers: KEY,
    });
    expect(r.status).toBe(502);
    expect((await r.json()).detail).toBe("Inference backend unavailable");
    expect(failures).toEqual([
      "POST /v1/completions: ollama: POST /api/generate answered 500: llama runner process has terminated: out of memory",
    ]);
    await client.close();
  });

  it("answers 504 when Ollama stays silent past the read timeout, and hangs up on it", async () => {
    const { client, failures, logs } = service({ BACKEND_READ_TIMEOUT_MS: "100" });
    const r = await client.post("/v1/completions", {
      json: { prompt: "hi", model: "hang" },
      headers: KEY,
    });
    expect(r.status).toBe(504);
    expect(logs.find((line) => line.event === "inference")).toMatchObject({
      model: "hang",
      error: "BackendTimeoutError",
    });
    expect((await r.json()).detail).toBe("Inference backend timed out");
    expect(failures[0]).toBe(
      "POST /v1/completions: ollama: POST /api/generate: no answer for 100 ms",
    );
    await waitFor(() => ollama.hungUp.includes("/api/generate"));
    await client.close();
  });

  it("aborts the Ollama request at the request deadline", async () => {
    const { client } = service({ REQUEST_TIMEOUT_MS: "100" });
    const hungUp = ollama.hungUp.length;
    const r = await client.post("/v1/chat/completions", {
      json: { model: "hang", messages: [{ role: "user", content: "hi" }] },
      headers: KEY,
    });
    expect(r.status).toBe(504);
    expect((await r.json()).error.code).toBe("timeout");
    await waitFor(() => ollama.hungUp.slice(hungUp).includes("/api/chat"));
    await client.close();
  });

  it("starts before Ollama does: not ready, retried with back-off, ready once it answers", async () => {
    const later = await startFakeOllama();
    const port = later.port;
    await later.close(); // nothing listens on the port for now
    const { client, logs } = makeRemoteService({
      MODEL_BACKEND: "ollama",
      OLLAMA_BASE_URL: `http://127.0.0.1:${port}`,
      BACKEND_RETRY_INITIAL_MS: "20",
    });
    let revived: FakeOllama | undefined;
    try {
      const notReady = await client.get("/ready");
      expect(notReady.status).toBe(503);
      expect(await client.get("/health").then((r) => r.status)).toBe(200);
      const early = await client.post("/v1/completions", { json: { prompt: "hi" }, headers: KEY });
      expect(early.status).toBe(503);
      expect(early.headers.get("retry-after")).toBe("5");
      await waitFor(() => logs.filter((line) => line.event === "backend_unreachable").length >= 3);
      const pauses = logs
        .filter((line) => line.event === "backend_unreachable")
        .map((line) => line.retry_in_ms as number);
      expect(pauses.slice(0, 3)).toEqual([20, 40, 80]);

      revived = await startFakeOllama(port);
      await waitFor(async () => (await client.get("/ready")).status === 200, 5000);
      expect(logs.find((line) => line.event === "backend_ready")).toMatchObject({ level: "INFO" });
      const r = await client.post("/v1/completions", { json: { prompt: "hi" }, headers: KEY });
      expect(r.status).toBe(200);
    } finally {
      await client.close();
      await revived?.close();
    }
  });

  it("turns not-ready when Ollama goes away, and ready again when it is back", async () => {
    const own = await startFakeOllama();
    const { client } = makeRemoteService({
      MODEL_BACKEND: "ollama",
      OLLAMA_BASE_URL: own.url,
      BACKEND_RETRY_INITIAL_MS: "20",
    });
    let back: FakeOllama | undefined;
    try {
      await waitFor(async () => (await client.get("/ready")).status === 200);
      await own.close();
      const r = await client.post("/v1/completions", { json: { prompt: "hi" }, headers: KEY });
      expect(r.status).toBe(503);
      expect((await client.get("/ready")).status).toBe(503);
      back = await startFakeOllama(own.port);
      await waitFor(async () => (await client.get("/ready")).status === 200, 5000);
    } finally {
      await client.close();
      await back?.close();
    }
  });
});

describe("a client that disconnects from a stream served by Ollama (real sockets)", () => {
  it("closes the Ollama stream and logs the completion as cancelled", async () => {
    const { app, logs } = service();
    const server = await serve(app, { port: 0 });
    const before = ollama.hungUp.length;
    try {
      const body = JSON.stringify({
        model: "endless",
        messages: [{ role: "user", content: "go on" }],
        stream: true,
      });
      await new Promise<void>((resolve, reject) => {
        const req = httpRequest(
          `${server.url}/v1/chat/completions`,
          { method: "POST", headers: { ...KEY, "content-type": "application/json" } },
          (res) => {
            let received = "";
            res.on("data", (chunk: Buffer) => {
              received += chunk.toString();
              if (sseData(received).length >= 3) {
                req.destroy(); // hang up after three chunks
                resolve();
              }
            });
          },
        );
        req.on("error", () => {});
        setTimeout(() => reject(new Error("no chunks")), 3000);
        req.end(body);
      });
      await waitFor(() => ollama.hungUp.slice(before).includes("/api/chat"));
      await waitFor(() => logs.some((line) => line.event === "inference"));
      expect(logs.find((line) => line.event === "inference")).toMatchObject({
        route: "/v1/chat/completions",
        stream: true,
        cancelled: true,
      });
    } finally {
      await server.close();
    }
  });
});
