import { describe, expect, it } from "vitest";
import { z } from "zod";
import { App, Body, Header, HTMLResponse, Query } from "../../src/index.js";

type Json = Record<string, any>;

const Item = z.object({ name: z.string(), price: z.number() }).meta({ id: "Item" });
const Message = z.object({ message: z.string() }).meta({ id: "Message" });

function createApp(): App {
  const app = new App({ title: "Audit", rootPath: "/api/v1" });
  app.get(
    "/headers",
    {
      params: {
        x_client_version: Header(z.string()),
        x_request_id: Header(z.string(), { alias: "X-Request-ID" }),
        strange_header: Header(z.string(), { convertUnderscores: false }),
        item_query: Query(z.string(), { alias: "item-query" }),
        item_id: Query(z.number().int()),
      },
    },
    function read_headers() {
      return {};
    },
  );
  app.get(
    "/documented/{item_id}",
    { params: { item_id: z.number().int() }, responses: { 404: { model: Message } } },
    function read_documented() {
      return {};
    },
  );
  app.get(
    "/ranged",
    { params: { q: Query(z.string()) }, responses: { "4XX": { description: "Client error" } } },
    function read_ranged() {
      return {};
    },
  );
  app.get("/phrases", { responses: { 413: {}, 509: {} } }, function phrases() {
    return {};
  });
  app.get("/page", { responseClass: HTMLResponse }, function page() {
    return "<p>x</p>";
  });
  app.delete("/gone", { status: 204 }, function remove() {});
  app.get("/list", { response: z.array(Item) }, function list_items() {
    return [];
  });
  app.post(
    "/multi",
    { params: { item: Body(Item), importance: Body(z.number().int()) } },
    function multi() {
      return {};
    },
  );
  return app;
}

const doc = createApp().openapi() as Json;
const titles = (doc.paths["/headers"].get.parameters as Json[]).map((p) => [
  p.name,
  p.schema.title,
]);

describe("§13 OpenAPI details a client generator reads", () => {
  it("titles a header param by its wire name, as FastAPI titles its alias (X-Client-Version)", () => {
    expect(titles).toContainEqual(["x-client-version", "X-Client-Version"]);
    expect(titles).toContainEqual(["x-request-id", "X-Request-Id"]);
  });

  it("titles a header read with convertUnderscores false by its name (Strange Header)", () => {
    expect(titles).toContainEqual(["strange_header", "Strange Header"]);
  });

  it("titles an aliased query param by its alias and a plain one by its name", () => {
    expect(titles).toContainEqual(["item-query", "Item-Query"]);
    expect(titles).toContainEqual(["item_id", "Item Id"]);
  });

  it("puts servers from the root path between info and paths", () => {
    expect(Object.keys(doc)).toEqual(["openapi", "info", "servers", "paths", "components"]);
    expect(doc.servers).toEqual([{ url: "/api/v1" }]);
  });

  it("writes an extra response's model before its default description, the reason phrase", () => {
    const responses = doc.paths["/documented/{item_id}"].get.responses;
    expect(Object.keys(responses)).toEqual(["200", "404", "422"]);
    expect(JSON.stringify(responses["404"])).toBe(
      '{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Message"}}},"description":"Not Found"}',
    );
  });

  it("describes an extra response by Python's reason phrase, and a status Python has none for as Additional Response", () => {
    const responses = doc.paths["/phrases"].get.responses;
    expect([responses["413"].description, responses["509"].description]).toEqual([
      "Content Too Large",
      "Additional Response",
    ]);
  });

  it("adds no 422 when the route documents a 4XX range", () => {
    expect(Object.keys(doc.paths["/ranged"].get.responses)).toEqual(["200", "4XX"]);
  });

  it("documents an HTML response class as a string under text/html, with no 422 for no inputs", () => {
    expect(JSON.stringify(doc.paths["/page"].get.responses)).toBe(
      '{"200":{"description":"Successful Response","content":{"text/html":{"schema":{"type":"string"}}}}}',
    );
  });

  it("documents a 204 without content", () => {
    expect(JSON.stringify(doc.paths["/gone"].delete.responses)).toBe(
      '{"204":{"description":"Successful Response"}}',
    );
  });

  it("titles an inline list response `Response <OperationId Title Cased>`", () => {
    const schema = doc.paths["/list"].get.responses["200"].content["application/json"].schema;
    expect(JSON.stringify(schema)).toBe(
      '{"items":{"$ref":"#/components/schemas/Item"},"type":"array","title":"Response List Items List Get"}',
    );
  });

  it("embeds several body params in a Body_<operationId> component", () => {
    expect(JSON.stringify(doc.paths["/multi"].post.requestBody)).toBe(
      '{"required":true,"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Body_multi_multi_post"}}}}',
    );
    const body = doc.components.schemas.Body_multi_multi_post;
    expect(Object.keys(body.properties)).toEqual(["item", "importance"]);
    expect(body.required).toEqual(["item", "importance"]);
    expect(body.title).toBe("Body_multi_multi_post");
  });
});
