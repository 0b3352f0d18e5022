import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { RouteRecord } from "../../src/app/route-record.js";
import { RouteTable } from "../../src/app/route-table.js";
import type { RequestContext } from "../../src/http/context.js";
import { App, Body, HTTPException, Response, TestClient } from "../../src/index.js";
import { createRequestContext } from "../../src/testing/request-context.js";

/** a route whose compiled form answers with its own name */
function route(methods: string[], path: string, name: string): RouteRecord {
  return {
    methods,
    path,
    name,
    compiled: () => ({ status: 200, headers: {}, body: name }),
  } as Partial<RouteRecord> as RouteRecord;
}

function table(): RouteTable {
  return new RouteTable({
    rootPath: "",
    redirectSlashes: true,
    prepare: (record) => record.compiled!,
    handleError: (_ctx, error) => {
      const status = (error as { status?: number }).status ?? 500;
      return { status, headers: {}, body: `error ${status}` };
    },
  });
}

const answer = (mounted: string) => ({
  handle: (ctx: RequestContext) => ({ status: 200, headers: {}, body: `${mounted} ${ctx.path}` }),
});

describe("RouteTable", () => {
  it("keeps routes and mounts as rows of one table, in declaration order", () => {
    const t = table();
    t.addRoute(route(["GET"], "/a", "a"));
    t.addMount("/static", answer("static"), "static");
    t.addRoute(route(["GET"], "/b", "b"));
    expect(t.entries.map((entry) => entry.kind)).toEqual(["http", "mount", "http"]);
    expect(t.routes.map((r) => r.name)).toEqual(["a", "b"]);
    expect(t.mounts.map((m) => m.path)).toEqual(["/static"]);
  });

  it("lets the earlier row win where a route and a mount both match", () => {
    const t = table();
    t.addRoute(route(["GET"], "/files/first", "route before"));
    t.addMount("/files", answer("mount"), undefined);
    t.addRoute(route(["GET"], "/files/second", "route after"));
    const body = (path: string) =>
      (t.dispatch(createRequestContext("GET", path)) as { body: unknown }).body;
    expect(body("/files/first")).toBe("route before");
    expect(body("/files/second")).toBe("mount /second");
  });

  it("answers 404 and 405 through the host's error handling", () => {
    const t = table();
    t.addRoute(route(["GET"], "/a", "a"));
    expect(t.dispatch(createRequestContext("GET", "/nowhere"))).toMatchObject({
      status: 404,
    });
    expect(t.dispatch(createRequestContext("POST", "/a"))).toMatchObject({ status: 405 });
  });
});

/** a response that depends on the request: it reports the method it was finished for */
class EchoMethodResponse extends Response {
  finish(ctx: RequestContext) {
    return { status: 200, headers: { "x-finished-for": ctx.method }, body: "finished" };
  }
}

describe("responses that finish themselves", () => {
  it("are finished with the request before middleware and the client see them", async () => {
    const app = new App();
    app.get("/sync", {}, () => new EchoMethodResponse("raw"));
    app.get("/async", {}, async () => new EchoMethodResponse("raw"));
    app.mount("/mounted", { handle: () => new EchoMethodResponse("raw") });
    const seen: unknown[] = [];
    app.middleware(async (_ctx, callNext) => {
      const response = await callNext();
      seen.push(response.body);
      return response;
    });
    const client = new TestClient(app);
    for (const path of ["/sync", "/async", "/mounted/x"]) {
      const response = await client.get(path);
      expect(response.headers.get("x-finished-for")).toBe("GET");
      expect(await response.text()).toBe("finished");
    }
    expect(seen).toEqual(["finished", "finished", "finished"]);
  });
});

describe("a route that reads a body (settles its own promise)", () => {
  const app = new App();
  const Item = z.object({ name: z.string() });
  class QuotaError extends Error {}
  app.exceptionHandler(QuotaError, () => new Response("quota", { status: 429 }));
  app.post("/finish", { params: { item: Body(Item) } }, () => new EchoMethodResponse("raw"));
  app.post("/finish-later", { params: { item: Body(Item) } }, async () => {
    await Promise.resolve();
    return new EchoMethodResponse("raw");
  });
  app.post("/sync-error", { params: { item: Body(Item) } }, () => {
    throw new QuotaError();
  });
  app.post("/async-error", { params: { item: Body(Item) } }, async () => {
    await Promise.resolve();
    throw new HTTPException(418, "teapot");
  });
  app.post("/limited", { params: { item: Body(Item) }, bodyLimit: 4 }, ({ item }) => item);
  const client = new TestClient(app);
  const post = (path: string, body = '{"name":"a"}') =>
    client.post(path, { headers: { "content-type": "application/json" }, body });

  it("finishes what its handler returns, sync or async", async () => {
    for (const path of ["/finish", "/finish-later"]) {
      const response = await post(path);
      expect(response.headers.get("x-finished-for")).toBe("POST");
      expect(await response.text()).toBe("finished");
    }
  });

  it("answers its handler's errors, sync or async, through the exception handlers", async () => {
    const sync = await post("/sync-error");
    expect([sync.status, await sync.text()]).toEqual([429, "quota"]);
    const later = await post("/async-error");
    expect([later.status, await later.json()]).toEqual([418, { detail: "teapot" }]);
  });

  it("answers an invalid body with 422 and an oversized one with 413", async () => {
    expect((await post("/finish", '{"name":1}')).status).toBe(422);
    expect((await post("/limited")).status).toBe(413);
  });
});
