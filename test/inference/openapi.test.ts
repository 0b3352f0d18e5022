import { describe, expect, it } from "vitest";
import { expectValidOpenApi } from "../openapi/validate.js";
import { makeService } from "./helpers.js";

const { client } = makeService();

describe("the inference service's OpenAPI document", () => {
  it("lists every operation with its tags", async () => {
    const doc = await (await client.get("/openapi.json")).json();
    expect(doc.info).toEqual({
      title: "AI Inference API",
      description:
        "Completions, embeddings, chat and retrieval in front of a local, Ollama or OpenAI-compatible model; OpenAI's SDKs work against it.",
      version: "1.0.0",
    });
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, { tags?: string[] }>).map(
        ([method, op]) => `${method.toUpperCase()} ${path} ${op.tags?.join(",")}`,
      ),
    );
    expect(operations.sort()).toEqual(
      [
        "GET /admin/models admin",
        "GET /health health",
        "GET /ready health",
        "POST /admin/models/{name}/reload admin",
        "DELETE /v1/documents/{document_id} retrieval",
        "GET /v1/documents retrieval",
        "GET /v1/models openai",
        "GET /v1/models/{model} openai",
        "POST /v1/chat inference",
        "POST /v1/chat/completions openai",
        "POST /v1/classify inference",
        "POST /v1/completions inference",
        "POST /v1/documents retrieval",
        "POST /v1/embeddings inference",
        "POST /v1/search retrieval",
      ].sort(),
    );
    expect(doc.paths["/v1/completions"].post.summary).toBe("Generate a text completion");
  });

  it("documents the API key schemes and which routes need them", async () => {
    const doc = await (await client.get("/openapi.json")).json();
    expect(doc.components.securitySchemes).toEqual({
      APIKeyHeader: {
        type: "apiKey",
        description: "One of the keys in API_KEYS",
        in: "header",
        name: "X-API-Key",
      },
      HTTPBearer: {
        type: "http",
        description: "One of the keys in API_KEYS, as OpenAI clients send it",
        scheme: "bearer",
      },
      AdminKey: {
        type: "apiKey",
        description: "The ADMIN_KEY setting",
        in: "header",
        name: "X-Admin-Key",
      },
    });
    // either scheme: two security requirements
    expect(doc.paths["/v1/completions"].post.security).toEqual([
      { APIKeyHeader: [] },
      { HTTPBearer: [] },
    ]);
    expect(doc.paths["/admin/models"].get.security).toEqual([{ AdminKey: [] }]);
    expect(doc.paths["/health"].get.security).toBeUndefined();
  });

  it("describes CompletionRequest as the article's pydantic model does, with OpenAI's stream", async () => {
    const doc = await (await client.get("/openapi.json")).json();
    const schema = doc.components.schemas.CompletionRequest;
    expect(schema.required).toEqual(["prompt"]);
    expect(schema.properties.prompt).toMatchObject({
      type: "string",
      minLength: 1,
      maxLength: 8192,
      description: "The input prompt",
    });
    expect(schema.properties.temperature).toMatchObject({
      type: "number",
      minimum: 0,
      maximum: 2,
      default: 0.7,
    });
    expect(schema.properties.max_tokens.default).toBe(512);
    expect(schema.properties.max_tokens.anyOf).toEqual([
      { type: "integer", minimum: 1, maximum: 4096 },
      { type: "null" },
    ]);
    expect(schema.properties.model).toMatchObject({
      default: "mistral-7b-instruct",
      description: "Model identifier",
    });
    expect(Object.keys(schema.properties)).toEqual([
      "prompt",
      "temperature",
      "max_tokens",
      "model",
      "stream",
      "stream_options",
      "stop",
      "n",
    ]);
    const success = doc.paths["/v1/completions"].post.responses["200"];
    expect(success.content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/CompletionResponse",
    });
    const response = doc.components.schemas.CompletionResponse;
    expect(response.required).toEqual(
      expect.arrayContaining(["text", "tokens_used", "latency_ms", "model", "choices", "usage"]),
    );
    expect(Object.keys(doc.paths["/v1/chat"].post.responses["200"].content)).toEqual([
      "text/event-stream",
    ]);
  });

  it("documents every error status of the model routes with OpenAI's error body", async () => {
    const doc = await (await client.get("/openapi.json")).json();
    const model = ["401", "404", "413", "429", "502", "503", "504"];
    const expected: Record<string, string[]> = {
      "/v1/completions": [...model, "422"],
      "/v1/embeddings": [...model, "422"],
      "/v1/chat/completions": [...model, "400", "4XX"],
      "/v1/documents": [...model, "422"],
      "/v1/search": [...model, "422"],
    };
    for (const [path, statuses] of Object.entries(expected)) {
      const responses = doc.paths[path].post.responses;
      expect(Object.keys(responses).sort()).toEqual(
        [...(path === "/v1/documents" ? ["201"] : ["200"]), ...statuses].sort(),
      );
      for (const status of statuses) {
        expect(responses[status].content["application/json"].schema).toEqual({
          $ref: "#/components/schemas/ErrorResponse",
        });
      }
      expect(responses["429"].headers["Retry-After"].schema).toEqual({ type: "integer" });
    }
    expect(doc.components.schemas.OpenAIError.required).toEqual([
      "message",
      "type",
      "param",
      "code",
    ]);
  });

  it("documents the streamed chunks beside the JSON answer", async () => {
    const doc = await (await client.get("/openapi.json")).json();
    const success = doc.paths["/v1/chat/completions"].post.responses["200"];
    expect(Object.keys(success.content)).toEqual(["application/json", "text/event-stream"]);
    const item = success.content["text/event-stream"].itemSchema;
    expect(item.properties.data.contentSchema.properties.object).toEqual({
      type: "string",
      const: "chat.completion.chunk",
    });
  });

  it("is a valid OpenAPI 3.1 document", async () => {
    await expectValidOpenApi(await (await client.get("/openapi.json")).json());
  });

  it("serves the Swagger UI at /docs and ReDoc at /redoc", async () => {
    const docs = await client.get("/docs");
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("/openapi.json");
    expect((await client.get("/redoc")).status).toBe(200);
  });
});
