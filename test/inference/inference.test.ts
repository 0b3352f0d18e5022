import { describe, expect, it } from "vitest";
import { EMBEDDING_DIMENSIONS } from "../../examples/inference/services/local-engine.js";
import { KEY, makeService, sseData } from "./helpers.js";

const { client } = makeService();

describe("API key", () => {
  it("answers 401 Not authenticated without an X-API-Key header", async () => {
    const r = await client.post("/v1/completions", { json: { prompt: "hi" } });
    expect(r.status).toBe(401);
    expect(r.headers.get("www-authenticate")).toBe("APIKey");
    expect(await r.text()).toBe('{"detail":"Not authenticated"}');
  });

  it("answers 401 Invalid API key for a key that is not in API_KEYS", async () => {
    const r = await client.post("/v1/completions", {
      json: { prompt: "hi" },
      headers: { "x-api-key": "sk-dev-key-124" },
    });
    expect(r.status).toBe(401);
    expect(await r.text()).toBe('{"detail":"Invalid API key"}');
  });

  it("protects every /v1 route", async () => {
    const valid: [string, unknown][] = [
      ["/v1/embeddings", { input: "hi" }],
      ["/v1/chat", { messages: [{ role: "user", content: "hi" }] }],
      ["/v1/search", { query: "hi" }],
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
    expect(Object.keys(body)).toEqual(["text", "tokens_used", "latency_ms", "model"]);
    expect(body.model).toBe("mistral-7b-instruct");
    expect(body.text.split(" ").length).toBeGreaterThanOrEqual(24);
    expect(body.tokens_used).toBeGreaterThan(body.text.split(" ").length);
    expect(typeof body.latency_ms).toBe("number");
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
    expect(await r.text()).toBe(
      '{"detail":[{"type":"less_than_equal","loc":["body","temperature"],"msg":"Input should be less than or equal to 2","input":3,"ctx":{"le":2}}]}',
    );
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
    expect(await r.text()).toBe(
      '{"detail":[{"type":"missing","loc":["body","prompt"],"msg":"Field required","input":{"temperature":1}}]}',
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
    expect(await r.text()).toBe(`{"detail":"Model 'gpt-17' not found"}`);
  });
});

describe("POST /v1/embeddings", () => {
  it("returns one unit vector per input, the same for the same text", async () => {
    const r = await client.post("/v1/embeddings", {
      json: { input: ["a cat sat", "a cat sat", "stock prices fell"] },
      headers: KEY,
    });
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body.dimensions).toBe(EMBEDDING_DIMENSIONS);
    expect(body.model).toBe("nomic-embed-text");
    expect(body.tokens_used).toBe(9);
    expect(body.embeddings).toHaveLength(3);
    expect(body.embeddings[0]).toHaveLength(768);
    expect(body.embeddings[0]).toEqual(body.embeddings[1]);
    expect(body.embeddings[0]).not.toEqual(body.embeddings[2]);
    const norm = Math.hypot(...body.embeddings[0]);
    expect(norm).toBeCloseTo(1, 4);
  });

  it("accepts a single string", async () => {
    const r = await client.post("/v1/embeddings", { json: { input: "hello" }, headers: KEY });
    expect((await r.json()).embeddings).toHaveLength(1);
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

describe("POST /v1/search", () => {
  it("ranks the knowledge index by cosine similarity", async () => {
    const r = await client.post("/v1/search", {
      json: { query: "how do I send my API key header?", top_k: 2 },
      headers: KEY,
    });
    const { results } = await r.json();
    expect(results).toHaveLength(2);
    expect(results[0].id).toBe("auth");
    expect(results[0].score).toBeGreaterThanOrEqual(results[1].score);
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
