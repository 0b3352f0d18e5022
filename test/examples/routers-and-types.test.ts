import { describe, expect, it } from "vitest";
import { app as routersApp } from "../../examples/tutorial/routers.js";
import { app as typesApp } from "../../examples/tutorial/types.js";
import { TestClient } from "../../src/index.js";

const token = { "x-token": "fake-super-secret-token" };

describe("bigger applications tutorial", () => {
  const client = new TestClient(routersApp);

  it("serves the router's routes under both prefixes", async () => {
    const r = await client.get("/v1/items/plumbus", { headers: token });
    expect(await r.json()).toEqual({ name: "Plumbus", item_id: "plumbus" });
    expect((await client.get("/v1/items/", { headers: token })).status).toBe(200);
  });

  it("runs the router's dependency on every route of the router", async () => {
    const missing = await client.get("/v1/items/plumbus");
    expect(missing.status).toBe(422);
    expect(await missing.text()).toBe(
      '{"detail":[{"type":"missing","loc":["header","x-token"],"msg":"Field required","input":null}]}',
    );
    const wrong = await client.get("/v1/items/plumbus", { headers: { "x-token": "nope" } });
    expect(wrong.status).toBe(400);
    expect(await client.get("/")).toHaveProperty("status", 200);
  });

  it("links to a router's route by its name", async () => {
    expect(await (await client.get("/links")).json()).toEqual({
      plumbus: "http://testserver/v1/items/plumbus",
      path: "/v1/items/plumbus",
    });
  });

  it("answers every method of an apiRoute and lists them in Allow", async () => {
    expect((await client.patch("/v1/items/a/touch", { headers: token })).status).toBe(200);
    const r = await client.delete("/v1/items/a/touch", { headers: token });
    expect(r.status).toBe(405);
    expect(r.headers.get("allow")).toBe("PATCH, PUT");
  });

  it("redirects the prefix root to its trailing-slash route", async () => {
    const r = await client.get("/v1/items");
    expect(r.status).toBe(307);
    expect(r.headers.get("location")).toBe("/v1/items/");
  });

  it("documents the combined tags and the router's extra response", async () => {
    const doc = (await (await client.get("/openapi.json")).json()) as {
      paths: Record<string, Record<string, { tags: string[]; responses: Record<string, unknown> }>>;
    };
    const operation = doc.paths["/v1/items/{item_id}"]!.get!;
    expect(operation.tags).toEqual(["v1", "items"]);
    expect(Object.keys(operation.responses)).toEqual(["200", "404", "422"]);
  });
});

describe("types tutorial", () => {
  it("runs the inferred handler and filters its value through the response schema", async () => {
    const r = await new TestClient(typesApp).put("/items/7?limit=3", {
      headers: { "x-api-key": "abcd" },
      json: { name: "pen", price: 2 },
    });
    expect(await r.json()).toEqual({ name: "7:pen:3:4", price: 2, tags: [] });
  });
});
