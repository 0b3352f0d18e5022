import { App, ConfigError, Dependency, Depends, dependency, Query, TestClient } from "tailor";
import { describe, expect, it } from "vitest";
import { z } from "zod";

function configErrorOf(register: () => unknown): ConfigError {
  try {
    register();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("analysing the dependency graph at registration", () => {
  it("rejects a dependency cycle with a ConfigError naming the route and the cycle", () => {
    const params: Record<string, unknown> = {};
    const first = new Dependency(params as never, function first() {});
    const second = dependency({ f: Depends(first) }, function second() {});
    params.s = Depends(second);
    const app = new App();
    const error = configErrorOf(() => app.get("/loop", { params: { x: Depends(first) } }, () => 1));
    expect(error.code).toBe("E_DEPENDENCY_CYCLE");
    expect(error.message).toBe(
      "[E_DEPENDENCY_CYCLE] GET /loop: dependencies form a cycle: first -> second -> first. Break it by removing one of the Depends().",
    );
  });

  it("rejects a dependency param that is neither a schema nor a marker, naming the route and dependency", () => {
    const bad = dependency({ limit: 10 as never }, function paging() {});
    const app = new App();
    const error = configErrorOf(() => app.get("/items", { params: { p: Depends(bad) } }, () => 1));
    expect(error.code).toBe("E_PARAM_SOURCE");
    expect(error.message).toContain('GET /items (dependency "paging")');
    expect(error.message).toContain("params.limit is neither a schema nor a marker");
  });

  it("rejects Depends() of something that is not a dependency", () => {
    const app = new App();
    const error = configErrorOf(() =>
      app.get("/x", { params: { d: Depends((() => 1) as never) } }, () => 1),
    );
    expect(error.code).toBe("E_PARAM_SOURCE");
    expect(error.message).toContain("GET /x");
  });

  it("rejects two params with one wire name and different schemas across the graph", () => {
    const paging = dependency({ q: Query(z.string()) }, function paging() {});
    const app = new App();
    const error = configErrorOf(() =>
      app.get("/items", { params: { p: Depends(paging), q: Query(z.number()) } }, () => 1),
    );
    expect(error.code).toBe("E_PARAM_CONFLICT");
    expect(error.message).toBe(
      '[E_PARAM_CONFLICT] GET /items: query parameter "q" is declared by dependency "paging" and by the route with different schemas. Rename one, or share one schema object.',
    );
  });

  it("accepts one schema object read by a dependency and the route alike", async () => {
    const q = Query(z.string());
    const echo = dependency({ q }, ({ q }) => q.toUpperCase());
    const app = new App();
    app.get("/s", { params: { loud: Depends(echo), q } }, (args) => args);
    expect(await (await new TestClient(app).get("/s?q=hi")).json()).toEqual({
      loud: "HI",
      q: "hi",
    });
  });

  it("rejects an app-scoped dependency that declares a request param", () => {
    const model = dependency({ name: Query(z.string()) }, ({ name }) => name, {
      scope: "app",
      name: "model",
    });
    const app = new App();
    const error = configErrorOf(() => app.get("/m", { params: { m: Depends(model) } }, () => 1));
    expect(error.code).toBe("E_DEPENDENCY_SCOPE");
    expect(error.message).toContain('GET /m: app-scoped dependency "model" declares "name"');
  });

  it("rejects an app-scoped dependency that uses a request-scoped one", () => {
    const perRequest = dependency({}, () => 1);
    const model = dependency({ n: Depends(perRequest) }, ({ n }) => n, { scope: "app" });
    const app = new App();
    const error = configErrorOf(() => app.get("/m", { params: { m: Depends(model) } }, () => 1));
    expect(error.code).toBe("E_DEPENDENCY_SCOPE");
  });

  it("rejects a request-scoped dependency that uses a function-scoped one", () => {
    const session = dependency(
      {},
      function* session() {
        yield 1;
      },
      { scope: "function" },
    );
    const repo = dependency({ s: Depends(session) }, function repo({ s }) {
      return s;
    });
    const app = new App();
    const error = configErrorOf(() => app.get("/r", { params: { r: Depends(repo) } }, () => 1));
    expect(error.code).toBe("E_DEPENDENCY_SCOPE");
    expect(error.message).toContain('"repo" (scope "request") uses "session" (scope "function")');
  });

  it("orders the graph so every dependency comes after the ones it uses", () => {
    const a = dependency({}, function a() {});
    const b = dependency({ a: Depends(a) }, function b() {});
    const c = dependency({ a: Depends(a), b: Depends(b) }, function c() {});
    const app = new App();
    app.get("/g", { params: { c: Depends(c), b: Depends(b) } }, () => 1);
    const graph = app.routes.find((route) => route.path === "/g")!.graph;
    expect(graph.nodes.map((node) => node.dependency?.name ?? "route")).toEqual([
      "a",
      "b",
      "c",
      "route",
    ]);
    expect(graph.nodes.map((node) => node.level)).toEqual([0, 1, 2, 3]);
  });
});
