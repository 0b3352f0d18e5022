import { beforeEach, expect, it } from "vitest";
import { app, log } from "../../examples/fastapi/port.js";
import { TestClient } from "../../src/index.js";

const client = new TestClient(app);

beforeEach(() => {
  log.length = 0;
});

it("the ported PUT answers 201 with the response schema's fields, closing the yield dependency", async () => {
  const r = await client.put("/items/1", { json: { name: "hat", price: 9.5, tags: ["red"] } });
  expect(r.status).toBe(201);
  expect(await r.json()).toEqual({ name: "hat", tags: ["red"] });
  expect(log).toEqual(["open", "close"]);
});

it("the ported GET reads an optional query and an optional API key as null", async () => {
  await client.put("/items/2", { json: { name: "cap", price: 1 } });
  const anonymous = await client.get("/items/2");
  expect(await anonymous.json()).toEqual({
    name: "cap",
    price: 1,
    tags: [],
    q: null,
    authenticated: false,
  });
  const identified = await client.get("/items/2?q=x", { headers: { "X-API-Key": "k" } });
  expect(await identified.json()).toMatchObject({ q: "x", authenticated: true });
});

it("a missing item is FastAPI's 404 body, a bad id FastAPI's 422", async () => {
  const missing = await client.get("/items/99");
  expect({ status: missing.status, body: await missing.text() }).toEqual({
    status: 404,
    body: '{"detail":"Item not found"}',
  });
  const bad = await client.get("/items/abc");
  expect(bad.status).toBe(422);
  expect((await bad.json()).detail[0]).toMatchObject({
    type: "int_parsing",
    loc: ["path", "item_id"],
  });
});

it("jsonableEncoder turns a Set into a list", async () => {
  expect(await (await client.get("/encoded")).json()).toEqual({ tags: ["a"] });
});
