import { describe, expect, it } from "vitest";
import { EMBEDDING_DIMENSIONS } from "../../examples/inference/services/local-engine.js";
import { KEY, makeService, sseData } from "./helpers.js";

const { client } = makeService();

describe("API key", () => {
  it("answers 401 Not authenticated without an X-API-Key header, in both error shapes", async () => {
    const r = await client.post("/v1/completions", { json: { prompt: "hi" } });
    expect(r.status).toBe(401);
    expect(r.headers.get("www-authenticate")).toBe("APIKey");
    expect(await r.json()).toEqual({
      error: {
        message: "Not authenticated",
        type: "invalid_request_error",
        param: null,
        code: "invalid_api_key",
      },
      detail: "Not authenticated",
    });
  });

  it("answers 401 for an Authorization header that is not a bearer token", async () => {
    const r = await client.post("/v1/completions", {
      json: { prompt: "hi" },
      headers: { authorization: "Basic c2stZGV2LWtleS0xMjM6" },
    });
    expect(r.status).toBe(401);
    expect((await r.json()).detail).toBe("Not authenticated");
  });

  it("answers 401 Invalid API key for a key that is not in API_KEYS", async () => {
    const r = await client.post("/v1/completions", {
      json: { prompt: "hi" },
      headers: { "x-api-key": "sk-dev-key-124" },
    });
    expect(r.status).toBe(401);
    expect((await r.json()).detail).toBe("Invalid API key");
  });

  it("protects every /v1 route", async () => {
    const valid: [string, unknown][] = [
      ["/v1/embeddings", { input: "hi" }],
      ["/v1/chat", { messages: [{ role: "user", content: "hi" }] }],
      ["/v1/chat/completions", { model: "m", messages: [{ role: "user", content: "hi" }] }],
      ["/v1/search", { query: "hi" }],
      ["/v1/documents", { text: "hi" }],
    ];
    for (const [path, json] of valid) {
      expect((await client.post(path, { json })).status).toBe(401);
    }
  });

  it("checks the key before reporting an invalid body, as FastAPI does", async () => {
    expect((await client.post("/v1/search", { json: {} })).status).toBe(401);
  });
});

describe("POST /v1/completions", () => {
  it("returns the InferenceResponse shape with the request's defaults applied", async () => {
    const r = await client.post("/v1/completions", {
      json: { prompt: "Explain FastAPI" },
      headers: KEY,
    });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/json");
    const body = await r.json();
    expect(Object.keys(body).slice(0, 4)).toEqual(["text", "tokens_used", "latency_ms", "model"]);
    expect(body.model).toBe("mistral-7b-instruct");
    expect(body.text.split(" ").length).toBeGreaterThanOrEqual(24);
    expect(body.tokens_used).toBeGreaterThan(body.text.split(" ").length);
    expect(typeof body.latency_ms).toBe("number");
  });

  it("carries OpenAI's text_completion beside the article's fields, telling the same answer", async () => {
    const r = await client.post("/v1/completions", {
      json: { prompt: "Explain FastAPI", max_tokens: 3 },
      headers: KEY,
    });
    const body = await r.json();
    expect(body).toMatchObject({ object: "text_completion", model: "mistral-7b-instruct" });
    expect(body.id).toMatch(/^cmpl-/);
    expect(Math.abs(body.created - Date.now() / 1000)).toBeLessThan(5);
    expect(body.choices).toEqual([
      { index: 0, text: body.text, finish_reason: "length", logprobs: null },
    ]);
    expect(body.usage).toEqual({
      prompt_tokens: 2,
      completion_tokens: 3,
      total_tokens: body.tokens_used,
    });
  });

  it("reports finish_reason stop when the model ended before max_tokens", async () => {
    const r = await client.post("/v1/completions", {
      json: { prompt: "Explain FastAPI", max_tokens: 4096 },
      headers: KEY,
    });
    expect((await r.json()).choices[0].finish_reason).toBe("stop");
  });
  it("generates the same text for the same request and honours max_tokens", async () => {
    const request = { prompt: "Same prompt", temperature: 0.2, max_tokens: 5 };
    const first = await (
      await client.post("/v1/completions", { json: request, headers: KEY })
    ).json();
    const second = await (
      await client.post("/v1/completions", { json: request, headers: KEY })
    ).json();
    expect(first.text).toBe(second.text);
    expect(first.text.split(" ")).toHaveLength(5);
  });

  it("answers 422 with FastAPI's body for a temperature above 2", async () => {
    const r = await client.post("/v1/completions", {
      json: { prompt: "hi", temperature: 3 },
      headers: KEY,
    });
    expect(r.status).toBe(422);
    // FastAPI writes the float bound as 2.0 in ctx: the same JSON number
    const body = await r.json();
    expect(JSON.stringify(body.detail)).toBe(
      '[{"type":"less_than_equal","loc":["body","temperature"],"msg":"Input should be less than or equal to 2","input":3,"ctx":{"le":2}}]',
    );
    expect(body.error).toEqual({
      message: "temperature: Input should be less than or equal to 2",
      type: "invalid_request_error",
      param: "temperature",
      code: "invalid_value",
    });
  });

  // loc[1] of json_invalid is a character offset, not a field the client sent
  it("names no param for a body that is not JSON", async () => {
    const r = await client.post("/v1/completions", {
      body: '{"prompt": "x",',
      headers: { ...KEY, "content-type": "application/json" },
    });
    expect(r.status).toBe(422);
    const body = await r.json();
    expect(body.detail[0]).toMatchObject({ type: "json_invalid", loc: ["body", 15] });
    expect(body.error).toEqual({
      message: "body: JSON decode error",
      type: "invalid_request_error",
      param: null,
      code: "invalid_value",
    });
  });

  it("reports every invalid field of the request together", async () => {
    const r = await client.post("/v1/completions", {
      json: { prompt: "x".repeat(8193), temperature: -1, max_tokens: 5000 },
      headers: KEY,
    });
    expect(r.status).toBe(422);
    const { detail } = await r.json();
    expect(detail.map((error: { type: string }) => error.type)).toEqual([
      "string_too_long",
      "greater_than_equal",
      "less_than_equal",
    ]);
    expect(detail[0].msg).toBe("String should have at most 8192 characters");
    expect(detail[2]).toEqual({
      type: "less_than_equal",
      loc: ["body", "max_tokens"],
      msg: "Input should be less than or equal to 4096",
      input: 5000,
      ctx: { le: 4096 },
    });
  });

  it("answers 422 missing for a body without a prompt", async () => {
    const r = await client.post("/v1/completions", { json: { temperature: 1 }, headers: KEY });
    expect(JSON.stringify((await r.json()).detail)).toBe(
      '[{"type":"missing","loc":["body","prompt"],"msg":"Field required","input":{"temperature":1}}]',
    );
  });

  it("accepts max_tokens null as the article's Optional[int]", async () => {
    const r = await client.post("/v1/completions", {
      json: { prompt: "no limit", max_tokens: null },
      headers: KEY,
    });
    expect(r.status).toBe(200);
  });

  it("answers 404 for a model the engine does not have", async () => {
    const r = await client.post("/v1/completions", {
      json: { prompt: "hi", model: "gpt-17" },
      headers: KEY,
    });
    expect(r.status).toBe(404);
    expect(await r.json()).toEqual({
      error: {
        message: "Model 'gpt-17' not found",
        type: "invalid_request_error",
        param: "model",
        code: "model_not_found",
      },
      detail: "Model 'gpt-17' not found",
    });
  });

  it("streams OpenAI text_completion chunks with stream: true", async () => {
    const r = await client.post("/v1/completions", {
      json: { prompt: "Explain FastAPI", max_tokens: 3, stream: true },
      headers: KEY,
    });
    expect(r.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const frames = sseData(await r.text());
    expect(frames.at(-1)).toBe("[DONE]");
    const chunks = frames.slice(0, -1).map((frame) => JSON.parse(frame));
    expect(chunks).toHaveLength(4);
    expect(chunks.at(-1).choices[0]).toEqual({
      index: 0,
      text: "",
      finish_reason: "length",
      logprobs: null,
    });
  });
});

describe("errors under /v1", () => {
  it("answer 404 for an unknown /v1 path in both shapes", async () => {
    const r = await client.get("/v1/nowhere", { headers: KEY });
    expect(r.status).toBe(404);
    expect(await r.json()).toMatchObject({ detail: "Not Found", error: { message: "Not Found" } });
  });

  it("answer 413 for a body above the limit", async () => {
    const r = await client.post("/v1/completions", {
      body: JSON.stringify({ prompt: "x".repeat(2 * 1024 * 1024) }),
      headers: { ...KEY, "content-type": "application/json" },
    });
    expect(r.status).toBe(413);
    expect((await r.json()).error).toMatchObject({ code: "request_too_large" });
  });

  it("keep FastAPI's bodies outside /v1", async () => {
    const r = await client.get("/admin/models");
    expect(r.status).toBe(401);
    expect(await r.text()).toBe('{"detail":"Not authenticated"}');
  });
});

describe("POST /v1/embeddings", () => {
  it("returns one unit vector per input in OpenAI's list, the same for the same text", async () => {
    const r = await client.post("/v1/embeddings", {
      json: { input: ["a cat sat", "a cat sat", "stock prices fell"] },
      headers: KEY,
    });
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body.object).toBe("list");
    expect(body.dimensions).toBe(EMBEDDING_DIMENSIONS);
    expect(body.model).toBe("nomic-embed-text");
    expect(body.tokens_used).toBe(9);
    expect(body.usage).toEqual({ prompt_tokens: 9, total_tokens: 9 });
    const vectors = body.data.map((item: { embedding: number[] }) => item.embedding);
    expect(body.data.map((item: { index: number }) => item.index)).toEqual([0, 1, 2]);
    expect(body.data[0].object).toBe("embedding");
    expect(vectors[0]).toHaveLength(768);
    expect(vectors[0]).toEqual(vectors[1]);
    expect(vectors[0]).not.toEqual(vectors[2]);
    expect(Math.hypot(...vectors[0])).toBeCloseTo(1, 4);
  });

  it("accepts a single string", async () => {
    const r = await client.post("/v1/embeddings", { json: { input: "hello" }, headers: KEY });
    expect((await r.json()).data).toHaveLength(1);
  });

  it("encodes vectors as base64 float32 when asked", async () => {
    const json = { input: "hello there" };
    const floats = await (await client.post("/v1/embeddings", { json, headers: KEY })).json();
    const encoded = await (
      await client.post("/v1/embeddings", {
        json: { ...json, encoding_format: "base64" },
        headers: KEY,
      })
    ).json();
    const bytes = Buffer.from(encoded.data[0].embedding, "base64");
    const decoded = Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4));
    expect(decoded).toHaveLength(768);
    for (const [index, value] of decoded.entries()) {
      expect(value).toBeCloseTo(floats.data[0].embedding[index], 6);
    }
  });

  it("answers 422 for an empty list", async () => {
    const r = await client.post("/v1/embeddings", { json: { input: [] }, headers: KEY });
    expect(r.status).toBe(422);
  });
});

describe("POST /v1/chat", () => {
  it("streams tokens as server-sent events and ends with [DONE]", async () => {
    const r = await client.post("/v1/chat", {
      json: { messages: [{ role: "user", content: "tell me a story" }], max_tokens: 6 },
      headers: KEY,
    });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(r.headers.get("cache-control")).toBe("no-cache");
    const frames = sseData(await r.text());
    expect(frames).toHaveLength(7);
    expect(frames.at(-1)).toBe("[DONE]");
    const events = frames.slice(0, -1).map((frame) => JSON.parse(frame));
    expect(events.map((event) => event.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(events[1].token.startsWith(" ")).toBe(true);
  });

  it("answers 422 for an unknown role before streaming", async () => {
    const r = await client.post("/v1/chat", {
      json: { messages: [{ role: "robot", content: "hi" }] },
      headers: KEY,
    });
    expect(r.status).toBe(422);
    expect((await r.json()).detail[0].loc).toEqual(["body", "messages", 0, "role"]);
  });
});

describe("POST /v1/classify", () => {
  function upload(text: string, labels?: string) {
    const form = new FormData();
    form.append("file", new Blob([text], { type: "text/plain" }), "ticket.txt");
    if (labels !== undefined) form.append("labels", labels);
    const request = new Request("http://testserver", { method: "POST", body: form });
    return request;
  }

  it("labels an uploaded text file with the closest label", async () => {
    const request = upload(
      "My invoice shows a double charge, billing please fix the billing",
      "billing, technical",
    );
    const body = new Uint8Array(await request.arrayBuffer());
    const r = await client.post("/v1/classify", {
      body,
      headers: { ...KEY, "content-type": request.headers.get("content-type") ?? "" },
    });
    expect(r.status).toBe(200);
    const result = await r.json();
    expect(result.filename).toBe("ticket.txt");
    expect(result.label).toBe("billing");
    expect(Object.keys(result.scores)).toEqual(["billing", "technical"]);
  });

  it("answers 422 when no file is sent", async () => {
    const r = await client.post("/v1/classify", { form: { labels: "a,b" }, headers: KEY });
    expect(r.status).toBe(422);
    expect((await r.json()).detail[0]).toMatchObject({ type: "missing", loc: ["body", "file"] });
  });
});
