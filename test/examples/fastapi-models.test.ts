import { describe, expect, it } from "vitest";
import { app, pages } from "../../examples/fastapi/models.js";
import { TestClient } from "../../src/index.js";

describe("the FastAPI models example", () => {
  const client = new TestClient(app);

  it("reads and answers an aliased model under its aliases", async () => {
    const r = await client.post("/items", { json: { itemName: " Lamp ", unitPrice: 25 } });
    expect(r.status).toBe(201);
    expect(await r.text()).toBe('{"itemName":"Lamp","unitPrice":25,"tags":[]}');
  });

  it("answers a field name sent instead of the alias with a 422 at the alias", async () => {
    const r = await client.post("/items", { json: { item_name: "Lamp", unitPrice: 25 } });
    expect(r.status).toBe(422);
    expect((await r.json()).detail[0]).toMatchObject({
      type: "missing",
      loc: ["body", "itemName"],
    });
  });

  it("sends field names where responseByAlias is false", async () => {
    expect(await (await client.get("/items/raw")).text()).toBe(
      '{"item_name":"Lamp","unit_price":25,"tags":[]}',
    );
  });

  it("drops the nested fields responseExclude names", async () => {
    expect(await (await client.get("/orders/7")).json()).toEqual({
      id: 7,
      customer: { name: "Ann" },
      lines: [{ sku: "lamp", qty: 1 }],
    });
  });

  it("documents the aliases and the body's examples", async () => {
    const doc = (await (await client.get("/openapi.json")).json()) as any;
    expect(Object.keys(doc.components.schemas.Item.properties)).toEqual([
      "itemName",
      "unitPrice",
      "tags",
    ]);
    const put = doc.paths["/items/{item_id}"].put.requestBody.content["application/json"];
    expect(Object.keys(put.examples)).toEqual(["normal", "tagged"]);
    const note = doc.paths["/notes"].post.requestBody.content["application/json"];
    expect(note.schema.examples).toEqual(["Fragile"]);
  });

  it("adds a computed field to the output and documents it in the output schema only", async () => {
    const r = await client.post("/rects", { json: { w: 2, h: 3 } });
    expect(await r.json()).toEqual({ w: 2, h: 3, area: 6 });
    const schemas = ((await (await client.get("/openapi.json")).json()) as any).components.schemas;
    expect(Object.keys(schemas["Rect-Input"].properties)).toEqual(["w", "h"]);
    expect(schemas["Rect-Output"].properties.area).toEqual({
      type: "number",
      title: "Area",
      readOnly: true,
    });
    expect(schemas["Rect-Output"].required).toEqual(["w", "h", "area"]);
  });

  it("renders the pages app's routes as HTML unless a route says otherwise", async () => {
    const pagesClient = new TestClient(pages);
    const home = await pagesClient.get("/");
    expect(home.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await home.text()).toBe("<h1>Welcome</h1>");
    const status = await pagesClient.get("/status");
    expect(status.headers.get("content-type")).toBe("application/json");
  });
});
