import { expect, it } from "vitest";
import { z } from "zod";
import { App, Body } from "../../src/index.js";
import { describeTransports } from "../integration/transports.js";

const Item = z
  .object({
    item_name: z.string().min(2).meta({ alias: "itemName" }),
    unit_price: z.number().meta({ alias: "unitPrice" }).default(1),
    secret_note: z.string().meta({ alias: "secretNote" }).optional(),
    tags: z.array(z.string()).default([]),
  })
  .meta({ id: "AliasedItem" });

function aliasApp(): App {
  const app = new App();
  app.post("/items", { params: { item: Item }, response: Item }, ({ item }) => {
    // the handler works with field names
    const name: string = item.item_name;
    return { ...item, item_name: name.toUpperCase() };
  });
  app.post(
    "/items/by-name",
    { params: { item: Item }, response: Item, responseByAlias: false },
    ({ item }) => item,
  );
  app.post(
    "/items/embedded",
    { params: { item: Body(Item, { embed: true }) }, response: Item },
    ({ item }) => item,
  );
  app.get(
    "/items/trimmed",
    { response: Item, responseExclude: ["secret_note"], responseExcludeDefaults: true },
    () => ({ item_name: "kept", unit_price: 1, secret_note: "hidden", tags: ["t"] }),
  );
  app.get("/items/list", { response: z.array(Item) }, () => [{ item_name: "a1" }]);
  app.get("/items/stream", { response: Item }, function* () {
    yield { item_name: "s1" };
    yield { item_name: "s2", unit_price: 3 };
  });
  return app;
}

describeTransports("field aliases", aliasApp, (client) => {
  it("validates a body from its aliases and answers with aliases (responseByAlias default true)", async () => {
    const r = await client().request("POST", "/items", {
      json: { itemName: "foo", unitPrice: 2, secretNote: "n" },
    });
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('{"itemName":"FOO","unitPrice":2,"secretNote":"n","tags":[]}');
  });

  it("answers with field names when responseByAlias is false", async () => {
    const r = await client().request("POST", "/items/by-name", { json: { itemName: "foo" } });
    expect(await r.text()).toBe('{"item_name":"foo","unit_price":1,"tags":[]}');
  });

  it("reports a field sent under its name as missing at the alias", async () => {
    const r = await client().request("POST", "/items", { json: { item_name: "foo" } });
    expect(r.status).toBe(422);
    expect(await r.json()).toEqual({
      detail: [
        {
          type: "missing",
          loc: ["body", "itemName"],
          msg: "Field required",
          input: { item_name: "foo" },
        },
      ],
    });
  });

  it("uses the alias in the loc of an embedded body's failed constraint", async () => {
    const r = await client().request("POST", "/items/embedded", {
      json: { item: { itemName: "f" } },
    });
    expect(r.status).toBe(422);
    const body = (await r.json()) as { detail: { loc: unknown[]; type: string }[] };
    expect(body.detail.map((d) => [d.type, d.loc])).toEqual([
      ["string_too_short", ["body", "item", "itemName"]],
    ]);
  });

  it("filters by field names, then renames what is left", async () => {
    const r = await client().request("GET", "/items/trimmed");
    expect(await r.text()).toBe('{"itemName":"kept","tags":["t"]}');
  });

  it("renames every item of a list response", async () => {
    const r = await client().request("GET", "/items/list");
    expect(await r.json()).toEqual([{ itemName: "a1", unitPrice: 1, tags: [] }]);
  });

  it("renames every streamed JSON Lines item", async () => {
    const r = await client().request("GET", "/items/stream");
    expect(await r.text()).toBe(
      '{"itemName":"s1","unitPrice":1,"tags":[]}\n{"itemName":"s2","unitPrice":3,"tags":[]}\n',
    );
  });

  it("documents the aliases as the property names of the request and response schema", async () => {
    const doc = (await (await client().request("GET", "/openapi.json")).json()) as any;
    const schema = doc.components.schemas.AliasedItem;
    expect(Object.keys(schema.properties)).toEqual(["itemName", "unitPrice", "secretNote", "tags"]);
    expect(schema.required).toEqual(["itemName"]);
    const op = doc.paths["/items"].post;
    expect(op.requestBody.content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/AliasedItem",
    });
    expect(op.responses["200"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/AliasedItem",
    });
  });
});
