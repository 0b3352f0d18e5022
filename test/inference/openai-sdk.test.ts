import OpenAI from "openai";
import { type RunningServer, serve } from "tailor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  articleChat,
  chat,
  complete,
  connect,
  describeFailure,
  embed,
  ingestAndSearch,
  modelIds,
  streamChat,
} from "../../examples/inference/clients/openai-sdk.js";
import { EMBEDDING_DIMENSIONS } from "../../examples/inference/services/local-engine.js";
import { KEY, makeService } from "./helpers.js";

let server: RunningServer;
let client: OpenAI;

beforeAll(async () => {
  server = await serve(makeService().app, { port: 0 });
  client = connect(`${server.url}/v1`);
});

afterAll(() => server.close());

describe("the openai SDK against the served app", () => {
  it("lists and describes the models", async () => {
    expect(await modelIds(client)).toEqual([
      "mistral-7b-instruct",
      "llama-3-8b-instruct",
      "nomic-embed-text",
    ]);
    const model = await client.models.retrieve("llama-3-8b-instruct");
    expect(model).toMatchObject({ id: "llama-3-8b-instruct", object: "model", owned_by: "local" });
  });

  it("creates a chat completion with usage", async () => {
    const completion = await client.chat.completions.create({
      model: "mistral-7b-instruct",
      messages: [{ role: "user", content: "Explain FastAPI" }],
      max_tokens: 5,
    });
    expect(completion.object).toBe("chat.completion");
    expect(completion.id).toMatch(/^chatcmpl-[0-9a-f]{32}$/);
    expect(completion.choices).toHaveLength(1);
    expect(completion.choices[0]?.message.role).toBe("assistant");
    expect(completion.choices[0]?.message.content?.split(" ")).toHaveLength(5);
    expect(completion.choices[0]?.finish_reason).toBe("length");
    expect(completion.usage).toEqual({
      prompt_tokens: 6, // "user: Explain FastAPI\nassistant:" in the local engine's tokens
      completion_tokens: 5,
      total_tokens: 11,
    });
    expect(await chat(client, "What is FastAPI?")).not.toBe("");
  });

  it("streams the same text a plain chat completion returns, then the usage", async () => {
    const question = "Tell me about streaming";
    const plain = await client.chat.completions.create({
      model: "mistral-7b-instruct",
      messages: [{ role: "user", content: question }],
      max_tokens: 32,
    });
    const tokens: string[] = [];
    const usage = await streamChat(client, question, (token) => tokens.push(token));
    expect(tokens.length).toBeGreaterThan(1);
    expect(tokens.join("")).toBe(plain.choices[0]?.message.content);
    expect(usage).toEqual(plain.usage);
  });

  it("streams chunks in OpenAI's format: a role first, a finish_reason last", async () => {
    const stream = await client.chat.completions.create({
      model: "mistral-7b-instruct",
      messages: [{ role: "user", content: "hi" }],
      max_tokens: 3,
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks).toHaveLength(4);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(chunks.every((chunk) => chunk.object === "chat.completion.chunk")).toBe(true);
    expect(chunks[0]?.choices[0]?.delta.role).toBe("assistant");
    expect(chunks[3]?.choices[0]).toMatchObject({ delta: {}, finish_reason: "length" });
  });

  it("ends a chat completion before a stop sequence, streamed or not", async () => {
    const request = {
      model: "mistral-7b-instruct",
      messages: [{ role: "user" as const, content: "Describe the model in detail" }],
      max_tokens: 20,
    };
    const full = (await client.chat.completions.create(request)).choices[0]?.message.content ?? "";
    const stop = ` ${full.split(" ")[3]}`; // the fourth word, with its leading space
    const cut = full.slice(0, full.indexOf(stop));
    const stopped = await client.chat.completions.create({ ...request, stop });
    expect(stopped.choices[0]?.message.content).toBe(cut);
    expect(stopped.choices[0]?.finish_reason).toBe("stop");
    const stream = await client.chat.completions.create({ ...request, stop: [stop], stream: true });
    let streamed = "";
    for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? "";
    expect(streamed).toBe(cut);
  });

  it("raises BadRequestError for n above 1, which the service does not generate", async () => {
    const error = await client.chat.completions
      .create({ model: "mistral-7b-instruct", messages: [{ role: "user", content: "hi" }], n: 2 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ param: "n" });
  });

  it("raises NotFoundError for a streamed request to an unknown model, before any chunk", async () => {
    const error = await client.chat.completions
      .create({
        model: "gpt-17",
        messages: [{ role: "user", content: "hi" }],
        stream: true,
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error).toMatchObject({ code: "model_not_found", param: "model" });
  });

  it("creates a completion, plain and streamed", async () => {
    const text = await complete(client, "FastAPI is");
    expect(text.split(" ")).toHaveLength(16);
    const stream = await client.completions.create({
      model: "mistral-7b-instruct",
      prompt: "FastAPI is",
      max_tokens: 16,
      stream: true,
    });
    let streamed = "";
    for await (const chunk of stream) streamed += chunk.choices[0]?.text ?? "";
    expect(streamed).toBe(text);
  });

  it("embeds texts, decoding the base64 the SDK asks for to the float vectors", async () => {
    const [first, second] = await embed(client, ["a cat sat", "stock prices fell"]);
    expect(first).toHaveLength(EMBEDDING_DIMENSIONS);
    const floats = await client.embeddings.create({
      model: "nomic-embed-text",
      input: "a cat sat",
      encoding_format: "float",
    });
    const exact = floats.data[0]?.embedding ?? [];
    for (const [index, value] of exact.entries()) expect(first?.[index]).toBeCloseTo(value, 6);
    expect(second).not.toEqual(first);
    expect(floats.usage).toEqual({ prompt_tokens: 3, total_tokens: 3 });
  });

  it("raises AuthenticationError for a wrong key", async () => {
    const stranger = connect(`${server.url}/v1`, "sk-wrong");
    const error = await stranger.models.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error).toMatchObject({
      status: 401,
      code: "invalid_api_key",
      type: "invalid_request_error",
    });
  });

  it("raises BadRequestError naming the parameter of an invalid chat request", async () => {
    const error = await client.chat.completions
      .create({
        model: "mistral-7b-instruct",
        messages: [{ role: "user", content: "hi" }],
        temperature: 3,
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ status: 400, param: "temperature", code: "invalid_value" });
    expect((error as Error).message).toContain(
      "temperature: Input should be less than or equal to 2",
    );
  });

  it("raises NotFoundError for a model the engine does not have", async () => {
    expect(await describeFailure(client)).toBe("404 model_not_found");
    const error = await client.models.retrieve("gpt-17").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("raises RateLimitError once the key used up its requests of the minute", async () => {
    const limited = makeService({ RATE_LIMIT_PER_MINUTE: "2" });
    const limitedServer = await serve(limited.app, { port: 0 });
    try {
      const sdk = new OpenAI({
        baseURL: `${limitedServer.url}/v1`,
        apiKey: "sk-dev-key-123",
        maxRetries: 0,
      });
      await sdk.models.list();
      await sdk.models.list();
      const error = await sdk.models.list().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAI.RateLimitError);
      expect(error).toMatchObject({ status: 429, code: "rate_limit_exceeded" });
      const retryAfter = Number(
        (error as InstanceType<typeof OpenAI.RateLimitError>).headers?.get("retry-after"),
      );
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
    } finally {
      await limitedServer.close();
    }
  });
});

describe("the service's own /v1 routes through the SDK's generic methods", () => {
  it("ingests, searches, lists and deletes a document", async () => {
    const { best, documents } = await ingestAndSearch(
      client,
      "Tailor streams tokens. Bananas are yellow.",
      "what streams tokens?",
    );
    expect(best?.text).toContain("Tailor streams tokens.");
    expect(documents).toMatchObject([{ id: "notes", chunks: 1 }]);
    const after = await client.get<{ data: unknown[] }>("/documents");
    expect(after.data).toEqual([]);
  });

  it("reads the article's chat stream", async () => {
    const answer = await articleChat(client, "hello");
    expect(answer.split(" ")).toHaveLength(8);
  });
});

describe("Authorization: Bearer beside X-API-Key", () => {
  it("accepts the key in either header on the article's route", async () => {
    const body = JSON.stringify({ prompt: "hi", max_tokens: 2 });
    const headers = { "content-type": "application/json" };
    const byBearer = await fetch(`${server.url}/v1/completions`, {
      method: "POST",
      body,
      headers: { ...headers, authorization: "Bearer sk-dev-key-123" },
    });
    const byHeader = await fetch(`${server.url}/v1/completions`, {
      method: "POST",
      body,
      headers: { ...headers, ...KEY },
    });
    expect(byBearer.status).toBe(200);
    expect(byHeader.status).toBe(200);
    expect((await byBearer.json()).text).toBe((await byHeader.json()).text);
  });
});
