import { beforeAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../../src/openapi/build.js";
import { operations } from "./representative-app.js";
import { expectValidOpenApi } from "./validate.js";

type Json = Record<string, any>;
let doc: Json;

beforeAll(() => {
  doc = buildOpenApiDocument(operations, {
    title: "Representative",
    version: "0.1.0",
    openapiTags: [{ name: "models", description: "Served models" }],
  }) as Json;
});

// FastAPI 0.115's recording plus the `input` and `ctx` properties 0.141 adds (behaviors.md §13)
const VALIDATION_ERROR = JSON.parse(
  '{"properties": {"loc": {"items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}, "type": "array", "title": "Location"}, "msg": {"type": "string", "title": "Message"}, "type": {"type": "string", "title": "Error Type"}, "input": {"title": "Input"}, "ctx": {"type": "object", "title": "Context"}}, "type": "object", "required": ["loc", "msg", "type"], "title": "ValidationError"}',
);
const HTTP_VALIDATION_ERROR = JSON.parse(
  '{"properties": {"detail": {"items": {"$ref": "#/components/schemas/ValidationError"}, "type": "array", "title": "Detail"}}, "type": "object", "title": "HTTPValidationError"}',
);

describe("the representative app's document", () => {
  it("is a valid OpenAPI 3.1.0 document", async () => {
    expect(doc.openapi).toBe("3.1.0");
    await expectValidOpenApi(doc);
  });

  it("orders the top-level keys openapi, info, paths, components, tags", () => {
    expect(Object.keys(doc)).toEqual(["openapi", "info", "paths", "components", "tags"]);
    expect(doc.info).toEqual({ title: "Representative", version: "0.1.0" });
    expect(doc.tags).toEqual([{ name: "models", description: "Served models" }]);
  });

  it("lists paths in registration order, a path converter shown as its bare name", () => {
    expect(Object.keys(doc.paths)).toEqual([
      "/models/",
      "/models/{model_name}",
      "/items/{item_id}/sub/{sub_id}",
      "/token",
      "/files",
      "/priced",
      "/health",
      "/items/{item_id}",
      "/files/{p}",
    ]);
    expect(Object.keys(doc.paths["/models/"])).toEqual(["get", "post"]);
  });

  it("names operations name + path with non-word characters as _ + method", () => {
    const ids = Object.values(doc.paths).flatMap((item: any) =>
      Object.values(item).map((op: any) => op.operationId),
    );
    expect(ids).toEqual([
      "list_models_models__get",
      "create_model_models__post",
      "get_model_models__model_name__get",
      "read_nested_item_items__item_id__sub__sub_id__get",
      "login_token_post",
      "upload_files_post",
      "price_it_priced_post",
      "health_health_get",
      "delete_item_items__item_id__delete",
      "read_file_files__p__get",
    ]);
  });

  it("summarizes each operation with its name in Title Case", () => {
    expect(doc.paths["/items/{item_id}/sub/{sub_id}"].get.summary).toBe("Read Nested Item");
    expect(doc.paths["/models/"].get.summary).toBe("List Models");
  });

  it("orders operation keys tags, summary, description, operationId, deprecated, security, parameters, requestBody, responses", () => {
    expect(Object.keys(doc.paths["/models/{model_name}"].get)).toEqual([
      "tags",
      "summary",
      "description",
      "operationId",
      "parameters",
      "responses",
    ]);
    expect(Object.keys(doc.paths["/models/"].post)).toEqual([
      "tags",
      "summary",
      "operationId",
      "security",
      "requestBody",
      "responses",
    ]);
    expect(Object.keys(doc.paths["/health"].get)).toEqual([
      "summary",
      "operationId",
      "deprecated",
      "responses",
    ]);
    expect(doc.paths["/health"].get.deprecated).toBe(true);
  });

  it("documents parameters with Title Case schema titles, constraints, defaults and optional as anyOf null", () => {
    const [modelName, limit, q, header] = doc.paths["/models/{model_name}"].get.parameters;
    expect(modelName).toEqual({
      name: "model_name",
      in: "path",
      required: true,
      schema: { type: "string", title: "Model Name" },
    });
    expect(limit).toEqual({
      name: "limit",
      in: "query",
      required: false,
      schema: { type: "integer", maximum: 100, minimum: 1, default: 10, title: "Limit" },
    });
    expect(Object.keys(q)).toEqual(["name", "in", "required", "schema", "description"]);
    expect(q.schema).toEqual({
      anyOf: [{ type: "string", maxLength: 50 }, { type: "null" }],
      description: "Search text",
      title: "Q",
    });
    expect(q.description).toBe("Search text");
    expect(header).toEqual({
      name: "x-client-version",
      in: "header",
      required: true,
      schema: { type: "string", title: "X-Client-Version" },
    });
    const item = doc.paths["/items/{item_id}/sub/{sub_id}"].get.parameters[0];
    expect(item.schema).toEqual({ type: "integer", title: "Item Id" });
  });

  it("documents a single model body as a $ref, required first", () => {
    expect(doc.paths["/models/"].post.requestBody).toEqual({
      required: true,
      content: { "application/json": { schema: { $ref: "#/components/schemas/Model" } } },
    });
    expect(Object.keys(doc.paths["/models/"].post.requestBody)).toEqual(["required", "content"]);
  });

  it("documents form and multipart bodies as Body_<operationId> components, content first", () => {
    const login = doc.paths["/token"].post.requestBody;
    expect(Object.keys(login)).toEqual(["content", "required"]);
    expect(login.content).toEqual({
      "application/x-www-form-urlencoded": {
        schema: { $ref: "#/components/schemas/Body_login_token_post" },
      },
    });
    expect(doc.components.schemas.Body_login_token_post).toEqual({
      properties: {
        username: { type: "string", title: "Username" },
        password: { type: "string", title: "Password" },
      },
      type: "object",
      required: ["username", "password"],
      title: "Body_login_token_post",
    });
    const upload = doc.paths["/files"].post.requestBody;
    expect(upload.content["multipart/form-data"].schema).toEqual({
      $ref: "#/components/schemas/Body_upload_files_post",
    });
    expect(doc.components.schemas.Body_upload_files_post.properties.files).toEqual({
      items: { type: "string", format: "binary" },
      type: "array",
      title: "Files",
    });
    expect(doc.components.schemas.Body_upload_files_post.required).toEqual(["files"]);
  });

  it("documents responses: status key, Successful Response, {} without a model, inline titles", () => {
    expect(doc.paths["/models/"].get.responses).toEqual({
      "200": {
        description: "Successful Response",
        content: {
          "application/json": {
            schema: {
              items: { $ref: "#/components/schemas/Model" },
              type: "array",
              title: "Response List Models Models  Get",
            },
          },
        },
      },
    });
    expect(doc.paths["/health"].get.responses["200"].content["application/json"].schema).toEqual(
      {},
    );
    expect(Object.keys(doc.paths["/models/"].post.responses)).toEqual(["201", "422"]);
    expect(doc.paths["/items/{item_id}"].delete.responses["204"]).toEqual({
      description: "Successful Response",
    });
    expect(doc.paths["/files/{p}"].get.responses["200"].content).toEqual({
      "text/plain": { schema: { type: "string" } },
    });
  });

  it("puts extra responses after the success entry and the 422 last", () => {
    const responses = doc.paths["/models/{model_name}"].get.responses;
    expect(Object.keys(responses)).toEqual(["200", "404", "422"]);
    expect(responses["404"]).toEqual({
      description: "Model not found",
      content: { "application/json": { schema: { $ref: "#/components/schemas/Message" } } },
    });
  });

  it("adds the 422 only to operations with parameters or a body", () => {
    const with422 = [];
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        if ("422" in op.responses) with422.push(`${method} ${path}`);
      }
    }
    expect(with422).toEqual([
      "post /models/",
      "get /models/{model_name}",
      "get /items/{item_id}/sub/{sub_id}",
      "post /token",
      "post /files",
      "post /priced",
      "delete /items/{item_id}",
      "get /files/{p}",
    ]);
    expect(doc.paths["/token"].post.responses["422"]).toEqual({
      description: "Validation Error",
      content: {
        "application/json": { schema: { $ref: "#/components/schemas/HTTPValidationError" } },
      },
    });
  });

  it("writes HTTPValidationError and ValidationError exactly as FastAPI 0.141 (input, ctx), key order included", () => {
    const { HTTPValidationError, ValidationError } = doc.components.schemas;
    expect(JSON.stringify(ValidationError)).toBe(JSON.stringify(VALIDATION_ERROR));
    expect(JSON.stringify(HTTPValidationError)).toBe(JSON.stringify(HTTP_VALIDATION_ERROR));
  });

  it("sorts components.schemas by name", () => {
    expect(Object.keys(doc.components.schemas)).toEqual([
      "Body_login_token_post",
      "Body_upload_files_post",
      "HTTPValidationError",
      "Message",
      "Model",
      "Priced-Input",
      "Priced-Output",
      "Tier",
      "ValidationError",
    ]);
  });

  it("writes models as pydantic does: field titles, defaults, required only without default", () => {
    const model = doc.components.schemas.Model;
    expect(Object.keys(model)).toEqual(["properties", "type", "required", "title", "description"]);
    expect(model.required).toEqual(["name"]);
    expect(model.title).toBe("Model");
    expect(model.properties.max_tokens).toEqual({
      type: "integer",
      minimum: 1,
      maximum: 4096,
      title: "Max Tokens",
      default: 256,
    });
    expect(model.properties.name).toEqual({
      type: "string",
      minLength: 1,
      title: "Name",
      examples: ["tiny-llm"],
    });
    expect(model.properties.tier).toEqual({ $ref: "#/components/schemas/Tier", default: "free" });
    expect(model.properties.description).toEqual({
      anyOf: [{ type: "string" }, { type: "null" }],
      title: "Description",
      default: null,
    });
    expect(doc.components.schemas.Tier).toEqual({
      type: "string",
      enum: ["free", "pro", "enterprise"],
      title: "Tier",
    });
  });

  it("keeps a model with defaults as one component although it is both input and output", () => {
    expect(doc.components.schemas["Model-Input"]).toBeUndefined();
    expect(doc.components.schemas["Model-Output"]).toBeUndefined();
  });

  it("splits a model whose input and output schemas differ into -Input and -Output", () => {
    const { "Priced-Input": input, "Priced-Output": output } = doc.components.schemas;
    expect(input.title).toBe("Priced");
    expect(output.title).toBe("Priced");
    expect(input.properties.labels).toEqual({ type: "string", title: "Labels" });
    expect(output.properties.labels).toEqual({
      items: { type: "string" },
      type: "array",
      title: "Labels",
    });
    const op = doc.paths["/priced"].post;
    expect(op.requestBody.content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/Priced-Input",
    });
    expect(op.responses["200"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/Priced-Output",
    });
  });

  it("lists security schemes in first-use order and per-operation requirements", () => {
    expect(Object.keys(doc.components.securitySchemes)).toEqual([
      "APIKeyHeader",
      "OAuth2PasswordBearer",
      "HTTPBearer",
    ]);
    expect(doc.components.securitySchemes).toEqual({
      APIKeyHeader: { type: "apiKey", description: "Project key", in: "header", name: "X-API-Key" },
      OAuth2PasswordBearer: {
        type: "oauth2",
        flows: { password: { scopes: {}, tokenUrl: "token" } },
      },
      HTTPBearer: { type: "http", scheme: "bearer" },
    });
    expect(doc.paths["/items/{item_id}/sub/{sub_id}"].get.security).toEqual([
      { OAuth2PasswordBearer: [] },
    ]);
    expect(doc.paths["/files"].post.security).toEqual([{ HTTPBearer: [] }]);
  });
});
