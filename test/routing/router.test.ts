import { describe, expect, it } from "vitest";
import { decodePath, Router } from "../../src/routing/index.js";

function routerOf(routes: readonly [string[], string, string][]): Router<string> {
  const router = new Router<string>();
  for (const [methods, template, value] of routes) router.add(methods, template, value);
  return router;
}

describe("Router registration order", () => {
  it("lets a param route declared first win over a later static route", () => {
    const router = routerOf([
      [["GET"], "/users/{user_id}", "by id"],
      [["GET"], "/users/me", "me"],
    ]);
    expect(router.lookup("GET", "/users/me")).toEqual({
      match: { value: "by id", params: { user_id: "me" } },
    });
  });

  it("lets a static route declared first win over a later param route", () => {
    const router = routerOf([
      [["GET"], "/users/me", "me"],
      [["GET"], "/users/{user_id}", "by id"],
    ]);
    expect(router.lookup("GET", "/users/me")).toEqual({ match: { value: "me", params: {} } });
    expect(router.lookup("GET", "/users/7")).toEqual({
      match: { value: "by id", params: { user_id: "7" } },
    });
  });

  it("lets an earlier catch-all win over later, more specific routes", () => {
    const router = routerOf([
      [["GET"], "/files/{p:path}", "all"],
      [["GET"], "/files/readme", "static"],
      [["GET"], "/files/{name}/raw", "raw"],
    ]);
    expect(router.lookup("GET", "/files/readme")).toEqual({
      match: { value: "all", params: { p: "readme" } },
    });
    expect(router.lookup("GET", "/files/x/raw")).toEqual({
      match: { value: "all", params: { p: "x/raw" } },
    });
  });

  it("backtracks from a static branch that dead-ends into an earlier param branch", () => {
    const router = routerOf([
      [["GET"], "/a/{x}/c", "param"],
      [["GET"], "/a/b/d", "static"],
    ]);
    expect(router.lookup("GET", "/a/b/c")).toEqual({
      match: { value: "param", params: { x: "b" } },
    });
    expect(router.lookup("GET", "/a/b/d")).toEqual({ match: { value: "static", params: {} } });
  });

  it("keeps the first of two identical templates", () => {
    const router = routerOf([
      [["GET"], "/dup/{a}", "first"],
      [["GET"], "/dup/{b}", "second"],
      [["GET"], "/same", "first static"],
      [["GET"], "/same", "second static"],
    ]);
    expect(router.lookup("GET", "/dup/1")).toEqual({
      match: { value: "first", params: { a: "1" } },
    });
    expect(router.lookup("GET", "/same")).toEqual({ match: { value: "first static", params: {} } });
  });

  it("skips an earlier route with the right path but another method", () => {
    const router = routerOf([
      [["GET"], "/users/{id}", "get by id"],
      [["POST"], "/users/me", "post me"],
    ]);
    expect(router.lookup("POST", "/users/me")).toEqual({ match: { value: "post me", params: {} } });
  });

  it("shadows a static route only for the methods of the earlier param route", () => {
    const router = routerOf([
      [["GET"], "/users/{id}", "get by id"],
      [["GET", "POST"], "/users/me", "me"],
    ]);
    expect(router.lookup("GET", "/users/me")).toEqual({
      match: { value: "get by id", params: { id: "me" } },
    });
    expect(router.lookup("POST", "/users/me")).toEqual({ match: { value: "me", params: {} } });
    expect(router.lookup("DELETE", "/users/me")).toEqual({ allow: ["GET", "POST"] });
  });

  it("lets a static route win over a param route declared after it on the same method", () => {
    const router = routerOf([
      [["GET"], "/a/b", "static"],
      [["GET"], "/a/{x}", "param"],
      [["GET"], "/{y}/b", "later param"],
    ]);
    expect(router.lookup("GET", "/a/b")).toEqual({ match: { value: "static", params: {} } });
    expect(router.lookup("GET", "/c/b")).toEqual({
      match: { value: "later param", params: { y: "c" } },
    });
  });

  it("tells apart static segments whose texts share a hash", () => {
    // "Aa" and "BB" have the same 31-multiplier string hash.
    const router = routerOf([
      [["GET"], "/Aa/x", "Aa"],
      [["GET"], "/BB/x", "BB"],
    ]);
    expect(router.lookup("GET", "/Aa/x")).toEqual({ match: { value: "Aa", params: {} } });
    expect(router.lookup("GET", "/BB/x")).toEqual({ match: { value: "BB", params: {} } });
    const dynamic = routerOf([
      [["GET"], "/Aa/{id}", "Aa"],
      [["GET"], "/BB/{id}", "BB"],
    ]);
    expect(dynamic.lookup("GET", "/BB/1")).toEqual({ match: { value: "BB", params: { id: "1" } } });
    expect(dynamic.lookup("GET", "/Aa/1")).toEqual({ match: { value: "Aa", params: { id: "1" } } });
    expect(dynamic.lookup("GET", "/AB/1")).toBeNull();
  });

  it("names params after the route that matched when routes share a tree position", () => {
    const router = routerOf([
      [["GET"], "/u/{a}", "get"],
      [["POST"], "/u/{b}", "post"],
    ]);
    expect(router.lookup("POST", "/u/9")).toEqual({ match: { value: "post", params: { b: "9" } } });
  });
});

describe("Router segment kinds", () => {
  it("matches a param against exactly one non-empty segment", () => {
    const router = routerOf([[["GET"], "/items/{id}", "item"]]);
    expect(router.lookup("GET", "/items/")).toBeNull();
    expect(router.lookup("GET", "/items")).toBeNull();
    expect(router.lookup("GET", "/items/a/b")).toBeNull();
    expect(router.lookup("GET", "/items/a b")).toEqual({
      match: { value: "item", params: { id: "a b" } },
    });
  });

  it("gives a catch-all the rest of the path, slashes included, possibly empty", () => {
    const router = routerOf([[["GET"], "/files/{file_path:path}", "files"]]);
    expect(router.lookup("GET", "/files/a/b/c.txt")).toEqual({
      match: { value: "files", params: { file_path: "a/b/c.txt" } },
    });
    expect(router.lookup("GET", "/files/")).toEqual({
      match: { value: "files", params: { file_path: "" } },
    });
    expect(router.lookup("GET", "/files/a//")).toEqual({
      match: { value: "files", params: { file_path: "a//" } },
    });
    expect(router.lookup("GET", "/files")).toBeNull();
  });

  it("lets a root catch-all match every path", () => {
    const router = routerOf([[["GET"], "/{rest:path}", "spa"]]);
    expect(router.lookup("GET", "/")).toEqual({ match: { value: "spa", params: { rest: "" } } });
    expect(router.lookup("GET", "/a/b")).toEqual({
      match: { value: "spa", params: { rest: "a/b" } },
    });
  });

  it("matches params that are only part of a segment", () => {
    const router = routerOf([
      [["GET"], "/files/{name}.json", "json"],
      [["GET"], "/v{version}/x", "versioned"],
      [["GET"], "/pair/{a}-{b}", "pair"],
    ]);
    expect(router.lookup("GET", "/files/report.json")).toEqual({
      match: { value: "json", params: { name: "report" } },
    });
    expect(router.lookup("GET", "/files/report.xml")).toBeNull();
    expect(router.lookup("GET", "/files/.json")).toBeNull();
    expect(router.lookup("GET", "/v2/x")).toEqual({
      match: { value: "versioned", params: { version: "2" } },
    });
    expect(router.lookup("GET", "/v/x")).toBeNull();
    expect(router.lookup("GET", "/pair/x-y")).toEqual({
      match: { value: "pair", params: { a: "x", b: "y" } },
    });
  });

  it("matches a catch-all that follows text in its segment", () => {
    const router = routerOf([[["GET"], "/dl-{p:path}", "download"]]);
    expect(router.lookup("GET", "/dl-a/b")).toEqual({
      match: { value: "download", params: { p: "a/b" } },
    });
    expect(router.lookup("GET", "/dl-")).toEqual({
      match: { value: "download", params: { p: "" } },
    });
    expect(router.lookup("GET", "/d/x")).toBeNull();
  });

  it("applies Starlette's int, float and uuid converters as match constraints", () => {
    const router = routerOf([
      [["GET"], "/n/{id:int}", "int"],
      [["GET"], "/n/{x:float}", "float"],
      [["GET"], "/n/{u:uuid}", "uuid"],
      [["GET"], "/n/{s}", "str"],
    ]);
    expect(router.lookup("GET", "/n/42")).toEqual({
      match: { value: "int", params: { id: "42" } },
    });
    expect(router.lookup("GET", "/n/4.5")).toEqual({
      match: { value: "float", params: { x: "4.5" } },
    });
    const uuid = "123e4567-e89b-12d3-a456-426614174000";
    expect(router.lookup("GET", `/n/${uuid}`)).toEqual({
      match: { value: "uuid", params: { u: uuid } },
    });
    expect(router.lookup("GET", "/n/-1")).toEqual({ match: { value: "str", params: { s: "-1" } } });
  });

  it("treats a path with and without a trailing slash as different paths", () => {
    const router = routerOf([
      [["GET"], "/slash/", "with"],
      [["GET"], "/noslash", "without"],
      [["GET"], "/p/{id}/", "param with"],
    ]);
    expect(router.lookup("GET", "/slash/")).toEqual({ match: { value: "with", params: {} } });
    expect(router.lookup("GET", "/slash")).toBeNull();
    expect(router.lookup("GET", "/noslash/")).toBeNull();
    expect(router.lookup("GET", "/p/1")).toBeNull();
    expect(router.lookup("GET", "/p/1/")).toEqual({
      match: { value: "param with", params: { id: "1" } },
    });
    expect(router.matchesPath("/slash/")).toBe(true);
    expect(router.matchesPath("/slash")).toBe(false);
    expect(router.matchesPath("/noslash")).toBe(true);
    expect(router.matchesPath("/p/1/")).toBe(true);
  });

  it("routes the root path", () => {
    const router = routerOf([[["GET"], "/", "root"]]);
    expect(router.lookup("GET", "/")).toEqual({ match: { value: "root", params: {} } });
    expect(router.lookup("GET", "//")).toBeNull();
  });

  it("matches nothing for a path that does not start with a slash", () => {
    const router = routerOf([
      [["GET"], "/", "root"],
      [["GET"], "/{rest:path}", "all"],
    ]);
    expect(router.lookup("GET", "")).toBeNull();
    expect(router.lookup("GET", "*")).toBeNull();
    expect(router.matchesPath("")).toBe(false);
  });

  it("no longer matches a one-segment route once %2F is decoded into a slash", () => {
    const router = routerOf([[["GET"], "/users/{id}", "user"]]);
    const path = decodePath("/users/a%2Fb%20c");
    expect(path).toBe("/users/a/b c");
    expect(router.lookup("GET", path!)).toBeNull();
    expect(router.lookup("GET", decodePath("/users/caf%C3%A9%20x")!)).toEqual({
      match: { value: "user", params: { id: "café x" } },
    });
  });

  it("answers a static route with one shared, frozen result", () => {
    const router = routerOf([[["GET"], "/health", "health"]]);
    const first = router.lookup("GET", "/health");
    expect(router.lookup("GET", "/health")).toBe(first);
    if (first === null || !("match" in first)) throw new Error("expected a match");
    expect(Object.isFrozen(first.match.params)).toBe(true);
  });

  it("returns a fresh params object for each dynamic match", () => {
    const router = routerOf([[["GET"], "/items/{id}", "item"]]);
    const first = router.lookup("GET", "/items/1");
    const second = router.lookup("GET", "/items/2");
    if (first === null || !("match" in first) || second === null || !("match" in second)) {
      throw new Error("expected two matches");
    }
    expect(first.match.params).not.toBe(second.match.params);
    expect(first.match.params).toEqual({ id: "1" });
  });
});

describe("Router methods and 405", () => {
  it("serves several methods from one route", () => {
    const router = routerOf([[["GET", "PUT", "PATCH"], "/any", "any"]]);
    for (const method of ["GET", "PUT", "PATCH"]) {
      expect(router.lookup(method, "/any")).toEqual({ match: { value: "any", params: {} } });
    }
    expect(router.lookup("POST", "/any")).toEqual({ allow: ["GET", "PATCH", "PUT"] });
  });

  it("uppercases the methods it registers", () => {
    const router = routerOf([[["get"], "/lower", "lower"]]);
    expect(router.lookup("GET", "/lower")).toEqual({ match: { value: "lower", params: {} } });
  });

  it("lists every method of every route on the path, sorted and de-duplicated", () => {
    const router = routerOf([
      [["GET"], "/multi", "get"],
      [["POST"], "/multi", "post"],
      [["GET", "DELETE"], "/{p:path}", "catch-all"],
      [["PUT"], "/other", "other"],
    ]);
    expect(router.lookup("PATCH", "/multi")).toEqual({ allow: ["DELETE", "GET", "POST"] });
    expect(router.lookup("PATCH", "/other")).toEqual({ allow: ["DELETE", "GET", "PUT"] });
  });

  it("answers 405 for HEAD and OPTIONS on a GET-only route", () => {
    const router = routerOf([[["GET"], "/multi", "get"]]);
    expect(router.lookup("HEAD", "/multi")).toEqual({ allow: ["GET"] });
    expect(router.lookup("OPTIONS", "/multi")).toEqual({ allow: ["GET"] });
  });

  it("answers null for an unknown path whatever the method", () => {
    const router = routerOf([
      [["GET"], "/multi", "get"],
      [["POST"], "/items/{id}", "post"],
    ]);
    expect(router.lookup("GET", "/nope")).toBeNull();
    expect(router.lookup("OPTIONS", "/nope")).toBeNull();
    expect(router.lookup("GET", "/items")).toBeNull();
    expect(router.matchesPath("/nope")).toBe(false);
    expect(router.matchesPath("/items/3")).toBe(true);
  });

  it("refuses a route without methods or with a malformed template", () => {
    const router = new Router<string>();
    expect(() => router.add([], "/x", "x")).toThrow(/no HTTP methods/);
    expect(() => router.add([""], "/x", "x")).toThrow(/invalid HTTP method ""/);
    expect(() => router.add(["GE T"], "/x", "x")).toThrow(/invalid HTTP method "GE T"/);
    expect(() => router.add(["GET"], "/x/{id", "x")).toThrow(/never closed/);
    expect(router.matchesPath("/x")).toBe(false);
  });
});
