import { request as httpRequest } from "node:http";
import { serve } from "tailor";
import { describe, expect, it } from "vitest";
import { SettingsSchema, settingsFrom } from "../../examples/inference/core/config.js";
import { JsonLogger } from "../../examples/inference/core/logging.js";
import { keyIdOf } from "../../examples/inference/services/auth.js";
import { LocalEngine } from "../../examples/inference/services/local-engine.js";
import { KEY, makeService, sseData, waitFor } from "./helpers.js";

describe("settings", () => {
  it("start with safe defaults when no variable is set", () => {
    const settings = settingsFrom({});
    expect(settings).toEqual({
      model_path: "./models/mistral-7b",
      model_backend: "local",
      ollama_base_url: "http://127.0.0.1:11434",
      openai_base_url: "http://127.0.0.1:8080/v1",
      openai_api_key: "",
      backend_connect_timeout_ms: 3000,
      backend_read_timeout_ms: 60000,
      backend_retry_initial_ms: 500,
      local_token_latency_ms: 15,
      api_keys: ["sk-dev-key-123"],
      admin_key: "sk-admin-dev-456",
      max_concurrent_requests: 10,
      max_queued_requests: 20,
      queue_timeout_ms: 10000,
      request_timeout_ms: 120000,
      rate_limit_per_minute: 600,
      database_path: "./data/inference.db",
      embedding_model: "nomic-embed-text",
      log_level: "INFO",
      cors_origins: ["http://localhost:3000"],
      host: "127.0.0.1",
      port: 8000,
    });
  });

  it("read and convert environment variables, lists as JSON", () => {
    const settings = settingsFrom({
      API_KEYS: '["sk-a","sk-b"]',
      MAX_CONCURRENT_REQUESTS: "3",
      model_backend: "ollama",
      PORT: "9000",
      MODEL_ALIASES: '{"mistral-7b-instruct":"mistralai/Mistral-7B-Instruct-v0.3"}',
    });
    expect(settings.model_aliases).toEqual({
      "mistral-7b-instruct": "mistralai/Mistral-7B-Instruct-v0.3",
    });
    expect(settings.api_keys).toEqual(["sk-a", "sk-b"]);
    expect(settings.max_concurrent_requests).toBe(3);
    expect(settings.model_backend).toBe("ollama");
    expect(settings.port).toBe(9000);
  });

  it("fail at startup listing every bad variable", () => {
    expect(() => settingsFrom({ MODEL_BACKEND: "gpu", PORT: "http" })).toThrow(
      /\[E_SETTINGS\][\s\S]*MODEL_BACKEND[\s\S]*PORT/,
    );
  });

  it("document every variable in .env.example", async () => {
    const { readFile } = await import("node:fs/promises");
    const text = await readFile(
      new URL("../../examples/inference/.env.example", import.meta.url),
      "utf8",
    );
    for (const key of Object.keys(SettingsSchema.shape)) {
      expect(text).toContain(`${key.toUpperCase()}=`);
    }
  });

  it("accept the keys from API_KEYS and no other", async () => {
    const { client } = makeService({ API_KEYS: '["sk-team-1"]' });
    const json = { prompt: "hi", max_tokens: 2 };
    expect((await client.post("/v1/completions", { json, headers: KEY })).status).toBe(401);
    const ok = await client.post("/v1/completions", {
      json,
      headers: { "x-api-key": "sk-team-1" },
    });
    expect(ok.status).toBe(200);
  });

  it("configure CORS from CORS_ORIGINS", async () => {
    const { client } = makeService({ CORS_ORIGINS: '["https://app.example.com"]' });
    const preflight = await client.options("/v1/completions", {
      headers: {
        origin: "https://app.example.com",
        "access-control-request-method": "POST",
        "access-control-request-headers": "x-api-key,content-type",
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    const other = await client.options("/v1/completions", {
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(other.status).toBe(400);
  });
});

describe("telemetry", () => {
  it("logs one JSON inference record per completion, with the response's latency", async () => {
    const { client, logs } = makeService();
    const r = await client.post("/v1/completions", {
      json: { prompt: "count me", max_tokens: 4 },
      headers: KEY,
    });
    const body = await r.json();
    const records = logs.filter((line) => line.event === "inference");
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      level: "INFO",
      route: "/v1/completions",
      model: "mistral-7b-instruct",
      key_id: keyIdOf("sk-dev-key-123"),
      prompt_tokens: 2,
      completion_tokens: 4,
      latency_ms: body.latency_ms,
      stream: false,
    });
  });

  it("names the key by a hash, never by the key itself", async () => {
    const { client, logs } = makeService();
    await client.post("/v1/completions", {
      json: { prompt: "whose key", max_tokens: 2 },
      headers: { authorization: "Bearer sk-dev-key-123" },
    });
    const record = logs.find((line) => line.event === "inference");
    expect(record?.key_id).toMatch(/^key_[0-9a-f]{8}$/);
    expect(JSON.stringify(logs)).not.toContain("sk-dev-key-123");
  });

  it("logs a streamed chat completion with the tokens it sent", async () => {
    const { client, logs } = makeService();
    const r = await client.post("/v1/chat/completions", {
      json: {
        model: "mistral-7b-instruct",
        messages: [{ role: "user", content: "hi" }],
        max_tokens: 3,
        stream: true,
      },
      headers: KEY,
    });
    expect(sseData(await r.text()).at(-1)).toBe("[DONE]");
    expect(logs.find((line) => line.event === "inference")).toMatchObject({
      route: "/v1/chat/completions",
      completion_tokens: 3,
      stream: true,
      cancelled: false,
    });
  });

  it("logs a chat after its stream ended: the record counts the tokens sent", async () => {
    const { client, logs } = makeService();
    const r = await client.post("/v1/chat", {
      json: { messages: [{ role: "user", content: "hello" }], max_tokens: 7 },
      headers: KEY,
    });
    expect(sseData(await r.text())).toHaveLength(8);
    const record = logs.find((line) => line.event === "inference");
    expect(record).toMatchObject({ route: "/v1/chat", completion_tokens: 7, cancelled: false });
  });

  it("writes one JSON object per line with the settings' level names, never a key", () => {
    const lines: string[] = [];
    const logger = new JsonLogger("DEBUG", (line) => lines.push(line));
    logger.log("WARNING", "backend_unreachable", { attempt: 2, key: "sk-dev-key-123" });
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0] ?? "");
    expect(record).toMatchObject({
      level: "WARNING",
      event: "backend_unreachable",
      attempt: 2,
      key: "[redacted]",
    });
    expect(new Date(record.time).toISOString()).toBe(record.time);
  });

  it("logs the record of a request that failed at its deadline", async () => {
    const engine = new LocalEngine({ modelPath: "m", tokenLatencyMs: 10 });
    const { client, logs } = makeService({ REQUEST_TIMEOUT_MS: "50" }, engine);
    const r = await client.post("/v1/chat/completions", {
      json: {
        model: "mistral-7b-instruct",
        messages: [{ role: "user", content: "long" }],
        max_tokens: 4096,
      },
      headers: KEY,
    });
    expect(r.status).toBe(504);
    await waitFor(() => logs.some((line) => line.event === "inference"));
    expect(logs.find((line) => line.event === "inference")).toMatchObject({
      level: "WARNING",
      route: "/v1/chat/completions",
      error: "DeadlineExceeded",
      stream: false,
    });
  });

  it("answers a failing engine with OpenAI's 500 body and logs the failure as a JSON line", async () => {
    class BrokenEngine extends LocalEngine {
      override async generate(): Promise<never> {
        throw new TypeError("weights are corrupt");
      }
    }
    const { client, logs } = makeService(
      {},
      new BrokenEngine({ modelPath: "m", tokenLatencyMs: 0 }),
    );
    const r = await client.post("/v1/chat/completions", {
      json: { model: "mistral-7b-instruct", messages: [{ role: "user", content: "hi" }] },
      headers: KEY,
    });
    expect(r.status).toBe(500);
    expect(await r.json()).toEqual({
      error: { message: "Internal server error", type: "server_error", param: null, code: null },
      detail: "Internal Server Error",
    });
    const line = logs.find((entry) => entry.event === "error");
    expect(line).toMatchObject({
      level: "ERROR",
      message: "unhandled error in POST /v1/chat/completions",
    });
    expect(line?.error).toMatch(/^TypeError: weights are corrupt\n\s+at /);
  });

  it("writes nothing below LOG_LEVEL", async () => {
    const { client, logs } = makeService({ LOG_LEVEL: "WARNING" });
    await client.post("/v1/completions", { json: { prompt: "quiet" }, headers: KEY });
    expect(logs).toEqual([]);
  });
});

describe("a client that disconnects from /v1/chat (real socket)", () => {
  it("stops the generation and logs the stream as cancelled", async () => {
    const engine = new LocalEngine({ modelPath: "m", tokenLatencyMs: 20 });
    const { app, logs } = makeService({}, engine);
    const server = await serve(app, { port: 0 });
    try {
      const body = JSON.stringify({
        messages: [{ role: "user", content: "a long answer please" }],
        max_tokens: 4096,
      });
      await new Promise<void>((resolve, reject) => {
        const req = httpRequest(
          `${server.url}/v1/chat`,
          { method: "POST", headers: { ...KEY, "content-type": "application/json" } },
          (res) => {
            let received = "";
            res.on("data", (chunk: Buffer) => {
              received += chunk.toString();
              if (sseData(received).length >= 2) {
                req.destroy(); // hang up after two tokens
                resolve();
              }
            });
          },
        );
        req.on("error", () => {});
        req.on("close", resolve);
        setTimeout(() => reject(new Error("no tokens")), 3000);
        req.end(body);
      });
      await waitFor(() => logs.some((line) => line.event === "inference"));
      const record = logs.find((line) => line.event === "inference");
      expect(record).toMatchObject({ route: "/v1/chat", cancelled: true });
      const produced = engine.tokensGenerated;
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(engine.tokensGenerated).toBe(produced); // nothing generated after the hang-up
      expect(produced).toBeLessThan(24); // the shortest full answer has 24 tokens
    } finally {
      await server.close();
    }
  });
});
