import { expect, it } from "vitest";
import { z } from "zod";
import { App, Body, Form, TestClient } from "../../src/index.js";
import { expectValidOpenApi } from "./validate.js";

const Item = z.object({ name: z.string(), price: z.number() }).meta({ id: "Item" });
const named = {
  normal: { summary: "A normal example", value: { name: "Foo", price: 35.4 } },
  invalid: { summary: "Invalid data is rejected", value: { name: "Bar", price: "thirty five" } },
};

function examplesApp(): App {
  const app = new App();
  app.put(
    "/items/{item_id}",
    { params: { item_id: z.number().int(), item: Body(Item, { openapiExamples: named }) } },
    ({ item }) => item,
  );
  app.post(
    "/items",
    { params: { item: Body(Item, { examples: [{ name: "Foo", price: 1 }] }) } },
    ({ item }) => item,
  );
  app.post(
    "/embedded",
    {
      params: {
        item: Body(Item, { openapiExamples: named }),
        importance: Body(z.number().int(), { examples: [5] }),
        legacy: Body(z.string().optional(), { deprecated: true }),
      },
    },
    ({ item }) => item,
  );
  app.post(
    "/form",
    { params: { user: Form(z.object({ name: z.string() }), { openapiExamples: named }) } },
    () => ({}),
  );
  return app;
}

async function document(): Promise<Record<string, any>> {
  const r = await new TestClient(examplesApp()).get("/openapi.json");
  return (await r.json()) as Record<string, any>;
}

it("puts a lone body's openapiExamples on its media type, after the schema", async () => {
  const doc = await document();
  const media = doc.paths["/items/{item_id}"].put.requestBody.content["application/json"];
  expect(Object.keys(media)).toEqual(["schema", "examples"]);
  expect(media.schema).toEqual({ $ref: "#/components/schemas/Item" });
  expect(media.examples).toEqual(named);
  await expectValidOpenApi(doc);
});

it("puts a body's examples into its schema, beside a model's $ref", async () => {
  const media = (await document()).paths["/items"].post.requestBody.content["application/json"];
  expect(media).toEqual({
    schema: { $ref: "#/components/schemas/Item", examples: [{ name: "Foo", price: 1 }] },
  });
});

it("puts an embedded body field's examples and deprecation on its property and leaves its named examples out, as FastAPI does", async () => {
  const doc = await document();
  const media = doc.paths["/embedded"].post.requestBody.content["application/json"];
  expect(Object.keys(media)).toEqual(["schema"]);
  const body = doc.components.schemas.Body_post_embedded_embedded_post;
  expect(body.properties.importance).toEqual({
    type: "integer",
    title: "Importance",
    examples: [5],
  });
});

it("puts a lone form model's openapiExamples on the form media type", async () => {
  const doc = await document();
  const media = doc.paths["/form"].post.requestBody.content["application/x-www-form-urlencoded"];
  expect(media.examples).toEqual(named);
});
