import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { app } from "../../examples/openapi/app.js";
import { DependsMarker } from "../../src/dependencies/dependency.js";
import { App, Body, Dependency, Depends, Header, Query } from "../../src/index.js";

type Json = Record<string, any>;
const doc = app.openapi() as Json;

const VALIDATION_ERROR_RESPONSE = {
  description: "Validation Error",
  content: {
    "application/json": { schema: { $ref: "#/components/schemas/HTTPValidationError" } },
  },
};

describe("the example shop app's OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(structuredClone(doc));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it("matches the recorded snapshot", async () => {
    await expect(`${JSON.stringify(doc, null, 2)}\n`).toMatchFileSnapshot(
      "./__snapshots__/shop-openapi.json",
    );
  });

  it("orders the top level as FastAPI does and takes info from the App options", () => {
    expect(Object.keys(doc)).toEqual(["openapi", "info", "paths", "components", "tags"]);
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toEqual({
      title: "Shop API",
      description: "Items for sale.",
      version: "1.0.0",
    });
    expect(doc.tags).toEqual([{ name: "items", description: "Things for sale" }]);
  });

  it("lists documented paths in registration order and leaves out hidden and docs routes", () => {
    expect(Object.keys(doc.paths)).toEqual([
      "/items/{item_id}",
      "/items",
      "/echo",
      "/me",
      "/hello/{name}",
    ]);
    expect(Object.keys(doc.paths["/items/{item_id}"])).toEqual(["get", "delete"]);
    expect(JSON.stringify(doc)).not.toContain("/internal/health");
    expect(JSON.stringify(doc)).not.toContain("openapi.json");
  });

  it("merges a dependency's header after the route's own path and query params", () => {
    const get = doc.paths["/items/{item_id}"].get;
    expect(Object.keys(get)).toEqual(["tags", "summary", "operationId", "parameters", "responses"]);
    expect(get.operationId).toBe("read_item_items__item_id__get");
    expect(get.summary).toBe("Read Item");
    expect(get.parameters.map((p: Json) => [p.in, p.name, p.required])).toEqual([
      ["path", "item_id", true],
      ["query", "q", false],
      ["query", "limit", false],
      ["header", "x-client-version", false],
    ]);
    expect(get.parameters[0]).toEqual({
      name: "item_id",
      in: "path",
      required: true,
      schema: { type: "integer", minimum: 1, title: "Item Id", description: "The item's number" },
      description: "The item's number",
    });
    expect(get.parameters[2].schema).toEqual({
      type: "integer",
      minimum: 1,
      maximum: 100,
      title: "Limit",
      default: 10,
    });
    expect(get.parameters[3].schema).toEqual({
      anyOf: [{ type: "string" }, { type: "null" }],
      title: "X-Client-Version",
    });
  });

  it("documents the response schema, extra responses and the automatic 422 in order", () => {
    const responses = doc.paths["/items/{item_id}"].get.responses;
    expect(Object.keys(responses)).toEqual(["200", "404", "422"]);
    expect(responses["200"]).toEqual({
      description: "Successful Response",
      content: { "application/json": { schema: { $ref: "#/components/schemas/StoredItem" } } },
    });
    expect(responses["404"]).toEqual({ description: "No such item" });
    expect(responses["422"]).toEqual(VALIDATION_ERROR_RESPONSE);
  });

  it("documents a single body model as the whole body and a 201 success", () => {
    const post = doc.paths["/items"].post;
    expect(post.requestBody).toEqual({
      required: true,
      content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } },
    });
    expect(Object.keys(post.responses)).toEqual(["201", "422"]);
    expect(doc.components.schemas.Item).toEqual({
      properties: {
        name: { type: "string", minLength: 1, title: "Name" },
        price: { type: "number", exclusiveMinimum: 0, title: "Price" },
        tags: { items: { type: "string" }, type: "array", title: "Tags", default: [] },
      },
      type: "object",
      required: ["name", "price"],
      title: "Item",
      description: "An item for sale.",
    });
  });

  it("embeds several body params in a Body_<operationId> component", () => {
    const post = doc.paths["/echo"].post;
    expect(post.summary).toBe("Repeat a message");
    expect(post.requestBody.content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/Body_echo_echo_post",
    });
    expect(doc.components.schemas.Body_echo_echo_post).toEqual({
      properties: {
        message: { type: "string", title: "Message" },
        times: { type: "integer", minimum: 1, title: "Times", default: 1 },
      },
      type: "object",
      required: ["message"],
      title: "Body_echo_echo_post",
    });
    expect(post.responses["200"].content["application/json"].schema).toEqual({});
  });

  it("documents a 204 without content", () => {
    expect(doc.paths["/items/{item_id}"].delete.responses["204"]).toEqual({
      description: "Successful Response",
    });
  });

  it("documents an HTML route under text/html and an undeclared path param as a string", () => {
    const get = doc.paths["/hello/{name}"].get;
    expect(get.deprecated).toBe(true);
    expect(get.responses["200"].content).toEqual({ "text/html": { schema: { type: "string" } } });
    expect(get.parameters).toEqual([
      { name: "name", in: "path", required: true, schema: { type: "string", title: "Name" } },
    ]);
  });

  it("documents a security dependency as a scheme and a requirement, hiding its header", () => {
    const get = doc.paths["/me"].get;
    expect(get.security).toEqual([{ APIKeyHeader: [] }]);
    expect(get.parameters).toBeUndefined();
    expect(Object.keys(get.responses)).toEqual(["200"]);
    expect(doc.components.securitySchemes).toEqual({
      APIKeyHeader: { type: "apiKey", in: "header", name: "X-API-Key" },
    });
  });

  it("sorts component schemas by name", () => {
    expect(Object.keys(doc.components.schemas)).toEqual([
      "Body_echo_echo_post",
      "HTTPValidationError",
      "Item",
      "StoredItem",
      "ValidationError",
    ]);
  });
});

describe("app.openapi()", () => {
  it("builds the document once and again after a route is added", () => {
    const local = new App({ title: "T" });
    local.get("/a", { name: "a" }, () => 1);
    const first = local.openapi();
    expect(local.openapi()).toBe(first);
    local.get("/b", { name: "b" }, () => 2);
    const second = local.openapi() as Json;
    expect(second).not.toBe(first);
    expect(Object.keys(second.paths)).toEqual(["/a", "/b"]);
  });

  it("lists the root path as the first server and keeps the given servers", () => {
    const local = new App({ rootPath: "/api/v1", servers: [{ url: "https://example.com" }] });
    local.get("/a", {}, () => 1);
    expect((local.openapi() as Json).servers).toEqual([
      { url: "/api/v1" },
      { url: "https://example.com" },
    ]);
    expect(Object.keys(local.openapi())).toEqual(["openapi", "info", "servers", "paths"]);
  });

  it("takes summary, operation ids and the input/output split from the App options", () => {
    const local = new App({
      title: "T",
      version: "2.0.0",
      summary: "Short",
      generateUniqueId: (operation, method) => `${method.toLowerCase()}-${operation.name}`,
      separateInputOutputSchemas: false,
    });
    local.get("/things", { name: "list_things" }, () => []);
    const document = local.openapi() as Json;
    expect(document.info).toEqual({ title: "T", summary: "Short", version: "2.0.0" });
    expect(document.paths["/things"].get.operationId).toBe("get-list_things");
  });

  it("merges params of nested dependencies, documenting a shared one once", () => {
    const token = new Dependency({ token: Header(z.string()) }, ({ token }) => token);
    const user = new Dependency(
      { tok: Depends(token), verbose: Query(z.boolean().default(false)) },
      ({ tok }) => tok,
    );
    const local = new App();
    local.post(
      "/jobs",
      {
        name: "create_job",
        params: {
          prompt: Body(z.string(), { embed: true }),
          user: Depends(user),
          again: Depends(token),
          hidden: Query(z.string().optional(), { includeInSchema: false }),
        },
      },
      () => null,
    );
    const post = (local.openapi() as Json).paths["/jobs"].post;
    expect(post.parameters.map((p: Json) => `${p.in}:${p.name}`)).toEqual([
      "query:verbose",
      "header:token",
    ]);
    expect(post.requestBody.content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/Body_create_job_jobs_post",
    });
  });

  it("passes the scopes requested on the way to a security dependency", () => {
    const scheme = {
      schemeName: "OAuth2PasswordBearer",
      scheme: { type: "oauth2", flows: { password: { scopes: {}, tokenUrl: "token" } } },
    };
    const oauth = new Dependency({}, () => "t", { securityScheme: scheme });
    const local = new App();
    // Security(dep, { scopes }) builds this marker
    const marker = new DependsMarker(oauth, true, ["items:read"]);
    local.get("/scoped", { name: "scoped", params: { t: marker } }, () => null);
    expect((local.openapi() as Json).paths["/scoped"].get.security).toEqual([
      { OAuth2PasswordBearer: ["items:read"] },
    ]);
  });
});
