import OpenAI from "openai";
import { type RunningServer, serve } from "tailor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KEY, makeRemoteService, makeService, sseData, waitFor } from "./helpers.js";

/** the upstream: another instance of the service (local engine), which speaks OpenAI's protocol */
let upstream: RunningServer;

beforeAll(async () => {
  upstream = await serve(makeService({ API_KEYS: '["sk-upstream"]' }).app, { port: 0 });
});

afterAll(() => upstream.close());

function service(env: Record<string, string> = {}) {
  return makeRemoteService({
    MODEL_BACKEND: "openai",
    OPENAI_BASE_URL: `${upstream.url}/v1`,
    OPENAI_API_KEY: "sk-upstream",
    MODEL_ALIASES: '{"mistral":"mistral-7b-instruct"}',
    ...env,
  });
}

async function direct(path: string, json: unknown) {
  const r = await fetch(`${upstream.url}/v1${path}`, {
    method: "POST",
    body: JSON.stringify(json),
    headers: { authorization: "Bearer sk-upstream", "content-type": "application/json" },
  });
  return r;
}

describe("MODEL_BACKEND=openai (an OpenAI-compatible server)", () => {
  it("answers completions, chat and embeddings as the upstream does, through the alias", async () => {
    const { client } = service();
    try {
      await waitFor(async () => (await client.get("/ready")).status === 200);
      const prompt = { prompt: "Explain FastAPI", max_tokens: 6 };
      const ours = await (
        await client.post("/v1/completions", {
          json: { ...prompt, model: "mistral" },
          headers: KEY,
        })
      ).json();
      const theirs = await (
        await direct("/completions", { ...prompt, model: "mistral-7b-instruct" })
      ).json();
      expect(ours.text).toBe(theirs.text);
      expect(ours.model).toBe("mistral");
      expect(ours.usage).toEqual(theirs.usage);

      const chat = {
        messages: [{ role: "user", content: "hello there" }],
        max_tokens: 5,
        stream: true,
      };
      const streamed = await client.post("/v1/chat/completions", {
        json: { ...chat, model: "mistral" },
        headers: KEY,
      });
      const text = (frames: string[]) =>
        frames
          .filter((frame) => frame !== "[DONE]")
          .map((frame) => JSON.parse(frame).choices[0]?.delta?.content ?? "")
          .join("");
      const upstreamText = text(
        sseData(
          await (
            await direct("/chat/completions", { ...chat, model: "mistral-7b-instruct" })
          ).text(),
        ),
      );
      expect(text(sseData(await streamed.text()))).toBe(upstreamText);

      const embedding = await (
        await client.post("/v1/embeddings", { json: { input: "a cat" }, headers: KEY })
      ).json();
      const upstreamEmbedding = await (await direct("/embeddings", { input: "a cat" })).json();
      expect(embedding.data[0].embedding).toEqual(upstreamEmbedding.data[0].embedding);

      const models = await (await client.get("/v1/models", { headers: KEY })).json();
      expect(models.data.map((model: { id: string }) => model.id)).toEqual([
        "mistral-7b-instruct",
        "llama-3-8b-instruct",
        "nomic-embed-text",
        "mistral",
      ]);
    } finally {
      await client.close();
    }
  });

  it("passes the upstream's 404 on as model_not_found", async () => {
    const { client } = service();
    const r = await client.post("/v1/chat/completions", {
      json: { model: "gpt-17", messages: [{ role: "user", content: "hi" }] },
      headers: KEY,
    });
    expect(r.status).toBe(404);
    expect((await r.json()).error.code).toBe("model_not_found");
    await client.close();
  });

  it("stays not-ready while the upstream refuses its key, saying why in the log", async () => {
    const { client, logs } = service({
      OPENAI_API_KEY: "sk-wrong",
      BACKEND_RETRY_INITIAL_MS: "20",
    });
    try {
      await client.start(); // runs the lifespan: the backend starts being tried
      await waitFor(() => logs.some((line) => line.event === "backend_unreachable"));
      expect((await client.get("/ready")).status).toBe(503);
      expect(logs.find((line) => line.event === "backend_unreachable")?.error).toBe(
        "openai: GET /models answered 401: Invalid API key",
      );
    } finally {
      await client.close();
    }
  });

  it("serves the openai SDK with the upstream behind it", async () => {
    const { app } = service();
    const server = await serve(app, { port: 0 });
    try {
      const sdk = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "sk-dev-key-123" });
      await waitFor(async () => (await fetch(`${server.url}/ready`)).status === 200);
      const completion = await sdk.chat.completions.create({
        model: "mistral",
        messages: [{ role: "user", content: "hi" }],
        max_tokens: 4,
      });
      expect(completion.choices[0]?.message.content?.split(" ")).toHaveLength(4);
      expect(completion.choices[0]?.finish_reason).toBe("length");
    } finally {
      await server.close();
    }
  });
});
