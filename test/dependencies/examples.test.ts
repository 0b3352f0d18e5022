import { TestClient } from "tailor";
import { describe, expect, it } from "vitest";
import { app as appScopedApp, lifecycle } from "../../examples/dependencies/app-scoped.js";
import { app as basicsApp, stats } from "../../examples/dependencies/basics.js";
import { summarizeWithFake } from "../../examples/dependencies/overrides.js";
import { app as subApp } from "../../examples/dependencies/sub-dependencies.js";
import { events, app as yieldApp } from "../../examples/dependencies/yield.js";

describe("examples/dependencies/basics", () => {
  const client = new TestClient(basicsApp);

  it("shares the common query params between routes", async () => {
    expect(await (await client.get("/items?skip=1&limit=1")).json()).toEqual({
      q: null,
      skip: 1,
      limit: 1,
      items: [{ name: "Bar" }],
    });
    expect(await (await client.get("/users?q=x")).json()).toEqual({ q: "x", skip: 0, limit: 100 });
  });

  it("reports the router's and the route's missing headers in one 422, router first", async () => {
    const r = await client.get("/admin/stats");
    expect(r.status).toBe(422);
    expect(await r.json()).toEqual({
      detail: [
        { type: "missing", loc: ["header", "x-token"], msg: "Field required", input: null },
        { type: "missing", loc: ["header", "x-key"], msg: "Field required", input: null },
      ],
    });
  });

  it("answers the router dependency's HTTPException and counts every answered request", async () => {
    const before = stats.requests;
    const bad = await client.get("/admin/stats", {
      headers: { "x-token": "wrong", "x-key": "fake-super-secret-key" },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ detail: "X-Token header invalid" });
    const ok = await client.get("/admin/stats", {
      headers: { "x-token": "fake-super-secret-token", "x-key": "fake-super-secret-key" },
    });
    expect(ok.status).toBe(200);
    expect(stats.requests).toBe(before + 2);
  });
});

describe("examples/dependencies/sub-dependencies", () => {
  const client = new TestClient(subApp);

  it("falls back from the query to the cookie through a sub-dependency", async () => {
    expect(await (await client.get("/items?q=a")).json()).toEqual({ q_or_cookie: "a" });
    expect(
      await (await client.get("/items", { headers: { cookie: "last_query=b" } })).json(),
    ).toEqual({ q_or_cookie: "b" });
  });

  it("runs a shared dependency once per request unless useCache is false", async () => {
    expect(await (await client.get("/cached")).json()).toEqual({ a: 1, b: 1 });
    expect(await (await client.get("/uncached")).json()).toEqual({ a: 2, b: 3 });
  });

  it("checks the scopes collected from the route down to the user dependency", async () => {
    const alice = { authorization: "Bearer alice-token" };
    const bob = { authorization: "Bearer bob-token" };
    expect(await (await client.get("/users/me", { headers: bob })).json()).toEqual({
      username: "bob",
      scopes: ["me"],
    });
    expect(await (await client.get("/users/me/items", { headers: alice })).json()).toEqual([
      { item_id: "Foo", owner: "alice" },
    ]);
    const denied = await client.get("/users/me/items", { headers: bob });
    expect(denied.status).toBe(401);
    expect(denied.headers.get("www-authenticate")).toBe('Bearer scope="items me"');
    expect(await denied.json()).toEqual({ detail: "Not enough permissions" });
  });
});

describe("examples/dependencies/yield", () => {
  const client = new TestClient(yieldApp);

  it("commits and closes the session after the response and its background task", async () => {
    events.length = 0;
    expect(await (await client.get("/items/1")).json()).toEqual({ item_id: 1, name: "Portal Gun" });
    expect(events).toEqual([
      "session opened",
      "background task ran",
      "session committed",
      "session closed",
    ]);
  });

  it("rolls the session back when the handler raises", async () => {
    events.length = 0;
    const r = await client.get("/items/9");
    expect(r.status).toBe(404);
    expect(events).toEqual([
      "session opened",
      "session rolled back (Item not found)",
      "session closed",
    ]);
  });

  it("keeps the session open while the response streams", async () => {
    events.length = 0;
    const r = await client.get("/items");
    expect(await r.text()).toBe("1: Portal Gun\n2: Plumbus\n");
    expect(events).toEqual(["session opened", "session committed", "session closed"]);
  });

  it("releases a function-scoped lock before the response is sent", async () => {
    events.length = 0;
    expect(await (await client.post("/reindex")).json()).toEqual({ reindexed: true });
    expect(events).toEqual(["lock taken", "reindexing", "lock released"]);
  });
});

describe("examples/dependencies/app-scoped", () => {
  it("loads the model once at startup, serves every request with it, and unloads it at shutdown", async () => {
    const client = new TestClient(appScopedApp);
    await client.start();
    expect(lifecycle).toEqual(["startup", "model loaded"]);
    const good = await client.post("/predict", { json: { text: "I love it" } });
    expect(await good.json()).toEqual({ label: "positive", score: 1 / 3 });
    const bad = await client.post("/predict", { json: { text: "meh" } });
    expect(await bad.json()).toEqual({ label: "negative", score: 0 });
    expect(lifecycle).toEqual(["startup", "model loaded"]);
    await client.close();
    expect(lifecycle).toEqual(["startup", "model loaded", "model unloaded", "shutdown"]);
  });
});

describe("examples/dependencies/overrides", () => {
  it("answers with the fake completion client while the override is set", async () => {
    expect(await summarizeWithFake("a long article")).toEqual({
      summary: "fake summary of 25 chars",
    });
  });
});
