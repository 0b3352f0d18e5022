import { App, Depends, dependency, Query, TestClient } from "tailor";
import { describe, expect, it } from "vitest";
import { z } from "zod";

describe("dependency overrides", () => {
  const realDb = dependency({}, async function* realDb() {
    yield { name: "real" };
  });
  const user = dependency({ db: Depends(realDb) }, ({ db }) => `user from ${db.name}`);

  function makeApp() {
    const app = new App();
    app.get("/user", { params: { user: Depends(user) } }, ({ user }) => ({ user }));
    return app;
  }

  it("replaces a dependency deep in the graph and restores it when cleared", async () => {
    const app = makeApp();
    const client = new TestClient(app);
    const fakeDb = dependency({}, () => ({ name: "fake" }));
    app.dependencyOverrides.set(realDb, fakeDb);
    expect(await (await client.get("/user")).json()).toEqual({ user: "user from fake" });
    app.dependencyOverrides.clear();
    expect(await (await client.get("/user")).json()).toEqual({ user: "user from real" });
  });

  it("resolves overrides once when the route compiles, not on every request", async () => {
    const app = makeApp();
    const client = new TestClient(app);
    app.dependencyOverrides.set(
      realDb,
      dependency({}, () => ({ name: "fake" })),
    );
    await client.get("/user");
    const record = app.routes.find((route) => route.path === "/user")!;
    const graph = record.graph;
    const compiled = record.compiled;
    expect(compiled).toBeTypeOf("function");
    await client.get("/user");
    await client.get("/user");
    expect(record.graph).toBe(graph);
    expect(record.compiled).toBe(compiled);
    app.dependencyOverrides.delete(realDb);
    await client.get("/user");
    expect(record.graph).not.toBe(graph);
    expect(record.compiled).not.toBe(compiled);
  });

  it("validates the overriding dependency's own params", async () => {
    const app = makeApp();
    app.dependencyOverrides.set(
      realDb,
      dependency({ name: Query(z.string()) }, ({ name }) => ({ name })),
    );
    const client = new TestClient(app);
    expect(await (await client.get("/user?name=mock")).json()).toEqual({ user: "user from mock" });
    const missing = await client.get("/user");
    expect(missing.status).toBe(422);
    expect(await missing.json()).toEqual({
      detail: [{ type: "missing", loc: ["query", "name"], msg: "Field required", input: null }],
    });
  });

  it("overrides an app-scoped dependency for tests", async () => {
    const model = dependency({}, () => ({ kind: "real model" }), { scope: "app" });
    const app = new App();
    app.get("/model", { params: { m: Depends(model) } }, ({ m }) => m);
    app.dependencyOverrides.set(
      model,
      dependency({}, () => ({ kind: "stub" }), { scope: "app" }),
    );
    const client = new TestClient(app);
    expect(await (await client.get("/model")).json()).toEqual({ kind: "stub" });
  });
});
