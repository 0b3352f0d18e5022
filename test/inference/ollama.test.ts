import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { TestClient } from "tailor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../examples/inference/app.js";
import { settingsFrom } from "../../examples/inference/core/config.js";
import { createModelClient } from "../../examples/inference/services/model-client.js";
import { OllamaClient } from "../../examples/inference/services/ollama-client.js";
import { KEY, sseData } from "./helpers.js";

/** a tiny stand-in for Ollama's HTTP API on 127.0.0.1 */
const requests: { path: string; body: Record<string, unknown> }[] = [];
let server: Server;
let baseUrl = "";

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = "";
  for await (const chunk of req) text += chunk;
  return text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await readJson(req);
    requests.push({ path: req.url ?? "", body });
    res.setHeader("content-type", "application/json");
    if (req.url === "/api/tags") {
      res.end(
        JSON.stringify({ models: [{ name: "mistral:7b-instruct" }, { name: "nomic-embed-text" }] }),
      );
    } else if (req.url === "/api/generate" && body.model === "missing") {
      res.statusCode = 404;
      res.end(JSON.stringify({ error: "model 'missing' not found" }));
    } else if (req.url === "/api/generate" && body.model === "broken") {
      res.statusCode = 500;
      res.end(JSON.stringify({ error: "out of memory" }));
    } else if (req.url === "/api/generate" && body.stream === true) {
      res.setHeader("content-type", "application/x-ndjson");
      for (const token of ["Hel", "lo", "!"])
        res.write(`${JSON.stringify({ response: token, done: false })}\n`);
      res.end(`${JSON.stringify({ response: "", done: true, eval_count: 3 })}\n`);
    } else if (req.url === "/api/generate") {
      res.end(
        JSON.stringify({
          response: `echo: ${body.prompt}`,
          done: true,
          prompt_eval_count: 4,
          eval_count: 2,
        }),
      );
    } else if (req.url === "/api/embed") {
      const input = body.input as string[];
      res.end(JSON.stringify({ embeddings: input.map((_, index) => [index, 0.5, 0.25]) }));
    } else {
      res.statusCode = 500;
      res.end("{}");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("MODEL_BACKEND=ollama", () => {
  it("selects the Ollama client at OLLAMA_BASE_URL", () => {
    const client = createModelClient(
      settingsFrom({ MODEL_BACKEND: "ollama", OLLAMA_BASE_URL: "http://h:1/" }),
    );
    expect(client).toBeInstanceOf(OllamaClient);
    expect((client as OllamaClient).baseUrl).toBe("http://h:1");
  });

  it("serves completions, chat, embeddings and admin through the Ollama API", async () => {
    const settings = settingsFrom({ MODEL_BACKEND: "ollama", OLLAMA_BASE_URL: baseUrl });
    const client = new TestClient(createApp(settings, { writeLog: () => {} }));
    try {
      const completion = await client.post("/v1/completions", {
        json: { prompt: "hi", temperature: 0.1, max_tokens: 8 },
        headers: KEY,
      });
      expect(await completion.json()).toMatchObject({
        text: "echo: hi",
        tokens_used: 6,
        model: "mistral-7b-instruct",
      });
      expect(requests.find((r) => r.path === "/api/generate")?.body).toEqual({
        model: "mistral-7b-instruct",
        prompt: "hi",
        stream: false,
        options: { temperature: 0.1, num_predict: 8 },
      });

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
      expect(await embeddings.json()).toMatchObject({
        embeddings: [
          [0, 0.5, 0.25],
          [1, 0.5, 0.25],
        ],
        dimensions: 3,
      });

      const models = await client.get("/admin/models", {
        headers: { "x-admin-key": "sk-admin-dev-456" },
      });
      expect((await models.json()).models.map((m: { name: string }) => m.name)).toEqual([
        "mistral:7b-instruct",
        "nomic-embed-text",
      ]);

      const missing = await client.post("/v1/completions", {
        json: { prompt: "hi", model: "missing" },
        headers: KEY,
      });
      expect(missing.status).toBe(404);
    } finally {
      await client.close();
    }
  });

  it("answers 502 when the Ollama server fails", async () => {
    const settings = settingsFrom({ MODEL_BACKEND: "ollama", OLLAMA_BASE_URL: baseUrl });
    const app = createApp(settings, { writeLog: () => {} });
    const failures: string[] = [];
    app.logger.error = (message) => failures.push(message);
    const r = await new TestClient(app).post("/v1/completions", {
      json: { prompt: "hi", model: "broken" },
      headers: KEY,
    });
    expect(r.status).toBe(502);
    expect(await r.text()).toBe('{"detail":"Inference backend unavailable"}');
    expect(failures).toEqual(["POST /v1/completions: ollama: POST /api/generate answered 500"]);
  });
});
