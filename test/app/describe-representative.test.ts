import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  APIKeyHeader,
  App,
  Body,
  Depends,
  dependency,
  File,
  Form,
  Header,
  HTTPBearer,
  OAuth2PasswordBearer,
  Path,
  PlainTextResponse,
  Query,
  TestClient,
} from "../../src/index.js";
import { buildOpenApiDocument } from "../../src/openapi/build.js";
import { Message, Model, operations, Priced, Tier } from "../openapi/representative-app.js";
import { expectValidOpenApi } from "../openapi/validate.js";

type Json = Record<string, any>;

/**
 * FastAPI's representative OpenAPI app (behaviors.md §13: path + query + body + response
 * model + tags + security + dependency-declared header + form + file + enum) as a real App.
 * `test/openapi/representative-app.ts` describes the same routes as OperationDescription[],
 * and `test/openapi/representative.test.ts` checks that description against §13.
 */
function representativeApp(): App {
  const app = new App({
    title: "Representative",
    openapiTags: [{ name: "models", description: "Served models" }],
  });
  const oauth2 = new OAuth2PasswordBearer({ tokenUrl: "token" });
  const apiKey = new APIKeyHeader({ name: "X-API-Key", description: "Project key" });
  const bearer = new HTTPBearer();
  const clientVersion = dependency(
    { x_client_version: Header(z.string(), { alias: "x-client-version" }) },
    function clientVersion({ x_client_version }) {
      return x_client_version;
    },
  );

  app.get("/models/", { response: z.array(Model), tags: ["models"] }, function list_models() {
    return [];
  });
  app.get(
    "/models/{model_name}",
    {
      params: {
        model_name: Path(z.string()),
        limit: Query(z.number().int().min(1).max(100).default(10)),
        q: Query(z.string().max(50).optional(), { description: "Search text" }),
        version: Depends(clientVersion),
      },
      response: Model,
      tags: ["models"],
      description: "Fetch one model by name.",
      responses: { 404: { model: Message, description: "Model not found" } },
    },
    function get_model({ model_name }) {
      return { name: model_name };
    },
  );
  app.post(
    "/models/",
    {
      params: { model: Body(Model), key: Depends(apiKey) },
      response: Model,
      status: 201,
      tags: ["models"],
    },
    function create_model({ model }) {
      return model;
    },
  );
  app.get(
    "/items/{item_id}/sub/{sub_id}",
    {
      params: {
        item_id: Path(z.number().int()),
        sub_id: Path(z.string()),
        tier: Query(Tier.optional()),
        token: Depends(oauth2),
      },
    },
    function read_nested_item({ item_id, sub_id }) {
      return { item_id, sub_id };
    },
  );
  app.post(
    "/token",
    { params: { username: Form(z.string()), password: Form(z.string()) } },
    function login({ username }) {
      return { access_token: username, token_type: "bearer" };
    },
  );
  app.post(
    "/files",
    {
      params: {
        files: File({ list: true }),
        note: Form(z.string().default("")),
        credentials: Depends(bearer),
      },
    },
    function upload({ files }) {
      return { count: files.length };
    },
  );
  app.post(
    "/priced",
    { params: { priced: Body(Priced) }, response: Priced },
    function price_it({ priced }) {
      // the response is validated from its input side: labels as one comma-separated string
      return { price: priced.price, labels: priced.labels.join(",") };
    },
  );
  app.get("/health", { deprecated: true }, function health() {
    return { ok: true };
  });
  app.delete(
    "/items/{item_id}",
    { params: { item_id: Path(z.number().int()) }, status: 204, response: null },
    function delete_item() {},
  );
  app.get(
    "/files/{p:path}",
    { params: { p: Path(z.string()) }, responseClass: PlainTextResponse },
    function read_file({ p }) {
      return p;
    },
  );
  return app;
}

let served: Json;
let described: Json;

beforeAll(async () => {
  const response = await new TestClient(representativeApp()).get("/openapi.json");
  expect(response.status).toBe(200);
  served = (await response.json()) as Json;
  described = JSON.parse(
    JSON.stringify(
      buildOpenApiDocument(operations, {
        title: "Representative",
        version: "0.1.0",
        openapiTags: [{ name: "models", description: "Served models" }],
      }),
    ),
  );
});

describe("the representative app served as a real App", () => {
  it("serves a valid OpenAPI 3.1.0 document", async () => {
    await expectValidOpenApi(served);
  });

  it("has the top-level keys, info and tags §13 states", () => {
    expect(Object.keys(served)).toEqual(Object.keys(described));
    expect(served.info).toEqual({ title: "Representative", version: "0.1.0" });
    expect(served.tags).toEqual([{ name: "models", description: "Served models" }]);
  });

  it("lists the same paths and methods, in registration order", () => {
    expect(Object.keys(served.paths)).toEqual(Object.keys(described.paths));
    for (const [path, item] of Object.entries<Json>(described.paths)) {
      expect(Object.keys(served.paths[path]), path).toEqual(Object.keys(item));
    }
  });

  it("documents every operation key by key as the §13 description does", () => {
    for (const [path, item] of Object.entries<Json>(described.paths)) {
      for (const [method, operation] of Object.entries<Json>(item)) {
        const actual = served.paths[path][method];
        const where = `${method} ${path}`;
        expect(Object.keys(actual), where).toEqual(Object.keys(operation));
        for (const key of Object.keys(operation)) {
          expect(JSON.stringify(actual[key]), `${where} ${key}`).toBe(
            JSON.stringify(operation[key]),
          );
        }
      }
    }
  });

  it("has the same components, each byte for byte, sorted by name", () => {
    expect(Object.keys(served.components)).toEqual(Object.keys(described.components));
    expect(Object.keys(served.components.schemas)).toEqual(
      Object.keys(described.components.schemas),
    );
    for (const [name, schema] of Object.entries<Json>(described.components.schemas)) {
      expect(JSON.stringify(served.components.schemas[name]), name).toBe(JSON.stringify(schema));
    }
    expect(JSON.stringify(served.components.securitySchemes)).toBe(
      JSON.stringify(described.components.securitySchemes),
    );
  });

  it("states the §13 facts directly: header title, form body order, file list, enum, security", () => {
    const getModel = served.paths["/models/{model_name}"].get;
    expect(getModel.parameters.map((p: Json) => `${p.in}:${p.name}`)).toEqual([
      "path:model_name",
      "query:limit",
      "query:q",
      "header:x-client-version",
    ]);
    expect(getModel.parameters[3].schema).toEqual({ type: "string", title: "X-Client-Version" });
    const login = served.paths["/token"].post.requestBody;
    expect(Object.keys(login)).toEqual(["content", "required"]);
    expect(served.components.schemas.Body_upload_files_post.properties.files).toEqual({
      items: { type: "string", format: "binary" },
      type: "array",
      title: "Files",
    });
    expect(served.components.schemas.Tier).toEqual({
      type: "string",
      enum: ["free", "pro", "enterprise"],
      title: "Tier",
    });
    expect(served.paths["/models/"].post.security).toEqual([{ APIKeyHeader: [] }]);
    expect(served.paths["/files"].post.security).toEqual([{ HTTPBearer: [] }]);
    expect(served.paths["/items/{item_id}/sub/{sub_id}"].get.security).toEqual([
      { OAuth2PasswordBearer: [] },
    ]);
  });
});
