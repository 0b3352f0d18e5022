import {
  APIRouter,
  App,
  Depends,
  dependency,
  Header,
  HTTPException,
  Query,
  TestClient,
} from "tailor";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { deferred, recordingLogger, within } from "./helpers.js";

describe("resolving dependencies", () => {
  it("resolves sync, async, generator and async-generator dependencies at any depth", async () => {
    const base = dependency({}, () => 1);
    const plusAsync = dependency({ n: Depends(base) }, async ({ n }) => n + 1);
    const plusGen = dependency({ n: Depends(plusAsync) }, function* ({ n }) {
      yield n + 1;
    });
    const plusAsyncGen = dependency({ n: Depends(plusGen) }, async function* ({ n }) {
      yield n + 1;
    });
    const app = new App();
    app.get(
      "/depth",
      { params: { n: Depends(plusAsyncGen), m: Depends(plusGen) } },
      (args) => args,
    );
    const r = await new TestClient(app).get("/depth");
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ n: 4, m: 3 });
  });

  it("runs a dependency used twice once per request, and again with useCache false", async () => {
    let counter = 0;
    const count = dependency({}, () => {
      counter += 1;
      return counter;
    });
    const viaSub = dependency({ value: Depends(count) }, ({ value }) => value);
    const app = new App();
    app.get("/cached", { params: { a: Depends(count), b: Depends(viaSub) } }, (args) => args);
    app.get(
      "/uncached",
      { params: { a: Depends(count, { useCache: false }), b: Depends(viaSub) } },
      (args) => args,
    );
    const client = new TestClient(app);
    expect(await (await client.get("/cached")).json()).toEqual({ a: 1, b: 1 });
    expect(await (await client.get("/uncached")).json()).toEqual({ a: 2, b: 3 });
  });

  it("caches values per request, never across requests", async () => {
    let calls = 0;
    const count = dependency({}, () => ++calls);
    const app = new App();
    app.get("/n", { params: { a: Depends(count), b: Depends(count) } }, (args) => args);
    const client = new TestClient(app);
    await client.get("/n");
    expect(await (await client.get("/n")).json()).toEqual({ a: 2, b: 2 });
  });

  it("runs app, include, router and route side-effect dependencies in that order before params", async () => {
    const trace: string[] = [];
    const mark = (name: string) =>
      dependency({}, () => {
        trace.push(name);
      });
    const app = new App({ dependencies: [Depends(mark("app"))] });
    const router = new APIRouter({ prefix: "/r", dependencies: [Depends(mark("router"))] });
    const param = dependency({}, () => trace.push("param"));
    router.get(
      "/x",
      { params: { p: Depends(param) }, dependencies: [Depends(mark("route"))] },
      () => trace.push("handler") && { ok: true },
    );
    app.includeRouter(router, { dependencies: [Depends(mark("include"))] });
    const r = await new TestClient(app).get("/r/x");
    expect(r.status).toBe(200);
    expect(trace).toEqual(["app", "include", "router", "route", "param", "handler"]);
  });

  it("validates a router dependency's header like a route param and lets its HTTPException short-circuit", async () => {
    const token = dependency({ x_token: Header(z.string()) }, ({ x_token }) => {
      if (x_token !== "secret") throw new HTTPException(400, "X-Token header invalid");
    });
    const router = new APIRouter({ dependencies: [Depends(token)] });
    router.get("/items", {}, () => ["a"]);
    const app = new App();
    app.includeRouter(router);
    const client = new TestClient(app);
    const missing = await client.get("/items");
    expect(missing.status).toBe(422);
    expect(await missing.json()).toEqual({
      detail: [{ type: "missing", loc: ["header", "x-token"], msg: "Field required", input: null }],
    });
    const bad = await client.get("/items", { headers: { "x-token": "nope" } });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe('{"detail":"X-Token header invalid"}');
    expect((await client.get("/items", { headers: { "x-token": "secret" } })).status).toBe(200);
  });

  it("starts independent async dependencies concurrently", async () => {
    const aStarted = deferred();
    const bStarted = deferred();
    const a = dependency({}, async () => {
      aStarted.resolve();
      await within(bStarted.promise, "b starting while a waits");
      return "a";
    });
    const b = dependency({}, async () => {
      bStarted.resolve();
      await within(aStarted.promise, "a starting while b waits");
      return "b";
    });
    const app = new App();
    app.get("/both", { params: { a: Depends(a), b: Depends(b) } }, (args) => args);
    const r = await new TestClient(app).get("/both");
    expect(await r.json()).toEqual({ a: "a", b: "b" });
  });

  it("calls a dependency only after every dependency it uses has resolved", async () => {
    const trace: string[] = [];
    const slow = dependency({}, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      trace.push("slow");
      return 1;
    });
    const user = dependency({ s: Depends(slow) }, ({ s }) => {
      trace.push("user");
      return s + 1;
    });
    const app = new App();
    app.get("/t", { params: { u: Depends(user) } }, ({ u }) => ({ u }));
    expect(await (await new TestClient(app).get("/t")).json()).toEqual({ u: 2 });
    expect(trace).toEqual(["slow", "user"]);
  });

  it("reports dependency param errors before the route's own in one 422", async () => {
    const paging = dependency(
      { token: Header(z.string(), { alias: "x-token" }), skip: Query(z.number().int()) },
      (args) => args,
    );
    const app = new App();
    app.get(
      "/items/{item_id}",
      { params: { item_id: z.number().int(), page: Depends(paging), q: Query(z.number()) } },
      (args) => args,
    );
    const r = await new TestClient(app).get("/items/x?skip=a&q=b");
    expect(r.status).toBe(422);
    expect(await r.json()).toEqual({
      detail: [
        {
          type: "int_parsing",
          loc: ["query", "skip"],
          msg: "Input should be a valid integer, unable to parse string as an integer",
          input: "a",
        },
        { type: "missing", loc: ["header", "x-token"], msg: "Field required", input: null },
        {
          type: "int_parsing",
          loc: ["path", "item_id"],
          msg: "Input should be a valid integer, unable to parse string as an integer",
          input: "x",
        },
        {
          type: "float_parsing",
          loc: ["query", "q"],
          msg: "Input should be a valid number, unable to parse string as a number",
          input: "b",
        },
      ],
    });
  });

  it("calls a dependency whose own params are valid even when another param is invalid, as FastAPI", async () => {
    const ran: string[] = [];
    const effect = dependency({}, () => {
      ran.push("effect");
    });
    const needsToken = dependency({ token: Header(z.number().int()) }, () => {
      ran.push("needsToken");
    });
    const above = dependency({ inner: Depends(needsToken) }, () => {
      ran.push("above");
    });
    const app = new App();
    app.get(
      "/x",
      { params: { n: Query(z.number()), a: Depends(above) }, dependencies: [Depends(effect)] },
      (args) => args,
    );
    const r = await new TestClient(app).get("/x?n=oops", { headers: { token: "t" } });
    expect(r.status).toBe(422);
    expect(((await r.json()) as { detail: { loc: unknown[] }[] }).detail.map((e) => e.loc)).toEqual(
      [
        ["header", "token"],
        ["query", "n"],
      ],
    );
    // `effect` has no params and runs; `needsToken` and `above` (which uses it) are skipped
    expect(ran).toEqual(["effect"]);
  });

  it("lets a dependency's HTTPException win over the 422 of other params (auth before validation)", async () => {
    const guard = dependency({}, () => {
      throw new HTTPException(401, "Not authenticated");
    });
    const app = new App();
    app.get("/x", { params: { n: Query(z.number()), user: Depends(guard) } }, (args) => args);
    const r = await new TestClient(app).get("/x?n=oops");
    expect(r.status).toBe(401);
    expect(await r.text()).toBe('{"detail":"Not authenticated"}');
  });

  it("answers an HTTPException raised in a dependency with its status, detail and headers", async () => {
    const guard = dependency({}, () => {
      throw new HTTPException(401, "Not authenticated", { "WWW-Authenticate": "Bearer" });
    });
    const app = new App();
    app.get("/private", { params: { user: Depends(guard) } }, () => "never");
    const r = await new TestClient(app).get("/private");
    expect(r.status).toBe(401);
    expect(r.headers.get("www-authenticate")).toBe("Bearer");
    expect(await r.text()).toBe('{"detail":"Not authenticated"}');
  });

  it("answers any other error raised in a dependency with a logged 500", async () => {
    const logger = recordingLogger();
    const broken = dependency({}, async function brokenDb() {
      throw new Error("database unreachable");
    });
    const app = new App({ logger });
    app.get("/db", { params: { db: Depends(broken) } }, () => "never");
    const r = await new TestClient(app, { raiseServerExceptions: false }).get("/db");
    expect(r.status).toBe(500);
    expect(await r.text()).toBe("Internal Server Error");
    expect(logger.entries).toHaveLength(1);
    expect((logger.entries[0]!.error as Error).message).toBe("database unreachable");
  });

  it("gives dependencies the request context as their second argument", async () => {
    const agent = dependency({}, (_args, ctx) => ctx.header("user-agent"));
    const app = new App();
    app.get("/ua", { params: { ua: Depends(agent) } }, ({ ua }) => ({ ua }));
    expect(await (await new TestClient(app).get("/ua")).json()).toEqual({ ua: "testclient" });
  });
});
