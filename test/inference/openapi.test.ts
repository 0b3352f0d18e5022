import { describe, expect, it } from "vitest";
import { makeService } from "./helpers.js";

const { client } = makeService();

describe("the inference service's OpenAPI document", () => {
  it("lists every operation with its tags", async () => {
    const doc = await (await client.get("/openapi.json")).json();
    expect(doc.info).toEqual({
      title: "AI Inference API",
      description: "Completions, embeddings and streamed chat in front of a local or Ollama model.",
      version: "1.0.0",
    });
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, { tags?: string[] }>).map(
        ([method, op]) => `${method.toUpperCase()} ${path} ${op.tags?.join(",")}`,
      ),
    );
    expect(operations.sort()).toEqual([
      "GET /admin/models admin",
      "GET /health health",
      "GET /ready health",
      "POST /admin/models/{name}/reload admin",
      "POST /v1/chat inference",
      "POST /v1/classify inference",
      "POST /v1/completions inference",
      "POST /v1/embeddings inference",
      "POST /v1/search inference",
    ]);
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
      AdminKey: {
        type: "apiKey",
        description: "The ADMIN_KEY setting",
        in: "header",
        name: "X-Admin-Key",
      },
    });
    expect(doc.paths["/v1/completions"].post.security).toEqual([{ APIKeyHeader: [] }]);
    expect(doc.paths["/admin/models"].get.security).toEqual([{ AdminKey: [] }]);
    expect(doc.paths["/health"].get.security).toBeUndefined();
  });

  it("describes InferenceRequest as the article's pydantic model does", async () => {
    const doc = await (await client.get("/openapi.json")).json();
    const schema = doc.components.schemas.InferenceRequest;
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
    expect(
      doc.paths["/v1/completions"].post.responses["200"].content["application/json"].schema,
    ).toEqual({
      $ref: "#/components/schemas/InferenceResponse",
    });
    expect(Object.keys(doc.paths["/v1/chat"].post.responses["200"].content)).toEqual([
      "text/event-stream",
    ]);
  });

  it("serves the Swagger UI at /docs and ReDoc at /redoc", async () => {
    const docs = await client.get("/docs");
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("/openapi.json");
    expect((await client.get("/redoc")).status).toBe(200);
  });
});
