import { describe, expect, it } from "vitest";
import { z } from "zod";
import { decodeJsonBody } from "../../src/http/body.js";
import { hasPrototypeKey, valueNestsDeeperThan } from "../../src/http/json-guard.js";
import { App, Body, Form, Query, TestClient } from "../../src/index.js";

const bytes = (text: string) => new TextEncoder().encode(text);
const decode = (text: string, limits?: { maxDepth: number; allowPrototypeKeys: boolean }) =>
  decodeJsonBody(bytes(text), "application/json", true, limits);

const FORBIDDEN = [
  ['{"__proto__":{"polluted":1}}', "a __proto__ key"],
  ['{"\\u005f_proto__":{"polluted":1}}', "an escaped __proto__ key"],
  ['{"a":{"b":{"__proto__":{"polluted":1}}}}', "a nested __proto__ key"],
  ['[1,{"__proto__":{"polluted":1}}]', "a __proto__ key in an array"],
  ['{"constructor":{"prototype":{"polluted":1}}}', "a constructor.prototype key"],
  ['{"constructor":{"\\u0070rototype":{"polluted":1}}}', "an escaped constructor.prototype key"],
  ['{"list":[{"constructor":{"prototype":{}}}]}', "constructor.prototype nested in an array"],
] as const;

describe("JSON bodies with prototype keys", () => {
  it.each(FORBIDDEN)("refuses %s (%s) with 400", (text) => {
    expect(() => decode(text)).toThrow(
      expect.objectContaining({ status: 400, detail: "Body contains a forbidden prototype key" }),
    );
  });

  it("accepts the same names where they cannot reach a prototype", () => {
    expect(decode('{"constructor":"x","proto":1}')).toEqual({ constructor: "x", proto: 1 });
    expect(decode('{"constructor":{"name":"x"}}')).toEqual({ constructor: { name: "x" } });
    expect(decode('{"text":"__proto__ and constructor.prototype"}')).toEqual({
      text: "__proto__ and constructor.prototype",
    });
  });

  it("accepts them when the app allows prototype keys", () => {
    const value = decode('{"__proto__":{"a":1}}', { maxDepth: 64, allowPrototypeKeys: true });
    expect(Object.hasOwn(value as object, "__proto__")).toBe(true);
  });

  it("hasPrototypeKey walks parsed values", () => {
    expect(hasPrototypeKey(JSON.parse('[[[{"__proto__":1}]]]'))).toBe(true);
    expect(hasPrototypeKey({ constructor: { prototype: 1 } })).toBe(true);
    expect(hasPrototypeKey({ a: [1, "x", null] })).toBe(false);
  });
});

describe("JSON nesting depth", () => {
  it("counts arrays and objects, not brackets inside strings", () => {
    const deeper = (text: string, limit: number) => valueNestsDeeperThan(JSON.parse(text), limit);
    expect(deeper("[[[1]]]", 3)).toBe(false);
    expect(deeper("[[[[1]]]]", 3)).toBe(true);
    expect(deeper('{"a":{"b":[1]}}', 2)).toBe(true);
    expect(deeper('[{"a":1},[2],{"b":[[3]]}]', 3)).toBe(true);
    expect(deeper(`["${"[".repeat(100)}\\"["]`, 1)).toBe(false);
    expect(deeper('"text"', 0)).toBe(false);
  });

  it("refuses a body nested past the default 64 with FastAPI's parse error", () => {
    expect(decode(`${"[".repeat(64)}1${"]".repeat(64)}`)).toBeDefined();
    expect(() => decode(`${"[".repeat(65)}1${"]".repeat(65)}`)).toThrow(
      expect.objectContaining({ status: 400, detail: "There was an error parsing the body" }),
    );
  });

  it("follows the app's maxDepth", () => {
    const deep = `${"[".repeat(100)}1${"]".repeat(100)}`;
    expect(decode(deep, { maxDepth: 200, allowPrototypeKeys: false })).toBeDefined();
    expect(() => decode("[[1]]", { maxDepth: 1, allowPrototypeKeys: false })).toThrow();
  });

  it("refuses the shortest text one level past the limit, and lets a short text through", () => {
    const limits = { maxDepth: 2, allowPrototypeKeys: false };
    expect(() => decode("[[[]]]", limits)).toThrow();
    expect(() => decode("{}", limits)).not.toThrow();
    expect(decode("[[]]", limits)).toEqual([[]]);
  });
});

describe("sources parsed into null-prototype maps", () => {
  const app = new App();
  app.get(
    "/query",
    { params: { filters: Query(z.object({}).catchall(z.string())) } },
    ({ filters }) => ({
      keys: Object.keys(filters),
      protoIntact: Object.getPrototypeOf(filters) === Object.prototype,
    }),
  );
  app.post("/form", { params: { form: Form(z.object({}).catchall(z.string())) } }, ({ form }) => ({
    keys: Object.keys(form),
  }));
  app.post("/json", { params: { value: Body(z.unknown()) } }, () => ({ ok: true }));
  const client = new TestClient(app);

  it("a __proto__ query key is a plain key of a query model", async () => {
    const response = await client.get("/query?__proto__=x&constructor=y&a=1");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      keys: ["__proto__", "constructor", "a"],
      protoIntact: true,
    });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("a __proto__ form field is a plain key of a form model", async () => {
    const response = await client.post("/form", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "__proto__=x&a=1",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ keys: ["__proto__", "a"] });
  });

  it("a JSON body with a __proto__ key is answered 400 in FastAPI's shape", async () => {
    const response = await client.post("/json", {
      headers: { "content-type": "application/json" },
      body: '{"__proto__":{"polluted":true}}',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ detail: "Body contains a forbidden prototype key" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("the app's json option", () => {
  const deep = `${"[".repeat(100)}1${"]".repeat(100)}`;
  const routes = (app: App) => {
    app.post("/echo", { params: { value: Body(z.unknown()) } }, ({ value }) => ({
      ok: value !== undefined,
    }));
    return new TestClient(app);
  };
  const post = (client: TestClient, body: string) =>
    client.post("/echo", { headers: { "content-type": "application/json" }, body });

  it("by default refuses 100 levels of nesting with 400", async () => {
    expect((await post(routes(new App()), deep)).status).toBe(400);
  });

  it("maxDepth raises the limit, allowPrototypeKeys lets prototype keys through", async () => {
    const client = routes(new App({ json: { maxDepth: 200, allowPrototypeKeys: true } }));
    expect((await post(client, deep)).status).toBe(200);
    expect((await post(client, '{"__proto__":{"x":1}}')).status).toBe(200);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
