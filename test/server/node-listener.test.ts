// A route that answers later (a body, an async dependency) sends its answer through the
// listener's sink from its own last .then; middleware and mounts still get the answer back.

import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type RequestAdapter, RequestContext, type ResponseSink } from "../../src/http/context.js";
import type { OutgoingResponse } from "../../src/http/outgoing.js";
import {
  App,
  Body,
  Depends,
  dependency,
  HTTPException,
  Response,
  type RunningServer,
  serve,
} from "../../src/index.js";

class Refused extends Error {}

/** a response whose last step (as a file's Range handling) throws */
class Unfinishable extends Response {
  finish(): OutgoingResponse {
    throw new Error("cannot finish");
  }
}

const user = dependency({}, async () => {
  await Promise.resolve();
  return "alice";
});

function makeApp(): App {
  const app = new App();
  app.post(
    "/items",
    { params: { item: Body(z.object({ n: z.number() })) }, status: 201 },
    (a) => a,
  );
  app.get("/me", { params: { user: Depends(user) } }, ({ user }) => ({ user }));
  app.put(
    "/items",
    { params: { user: Depends(user), item: Body(z.object({ n: z.number() })) } },
    (a) => a,
  );
  app.get("/hello", {}, () => ({ hello: true }));
  app.get("/refused", { params: { user: Depends(user) } }, () => {
    throw new Refused();
  });
  const denied = dependency({}, async () => {
    throw new HTTPException(401, "no");
  });
  app.get("/denied", { params: { d: Depends(denied) } }, () => ({}));
  app.get("/broken", { params: { user: Depends(user) } }, () => new Unfinishable("x"));
  // an exception handler that fails after a tick: the answer is a logged 500
  app.exceptionHandler(Refused, async () => {
    await Promise.resolve();
    throw new Error("the handler failed too");
  });
  return app;
}

function context(method: string, url: string, body?: string): RequestContext {
  const adapter: RequestAdapter = {
    readBody: async () => new TextEncoder().encode(body ?? ""),
    headerValues: () => [],
    watchDisconnect: () => undefined,
    client: () => null,
    bodyStream: () => Readable.from([]),
  };
  const headers = body === undefined ? {} : { "content-type": "application/json" };
  return new RequestContext(adapter, null, method, url, headers);
}

function recordingSink() {
  const delivered: OutgoingResponse[] = [];
  const failed: unknown[] = [];
  const sink: ResponseSink = {
    deliver: (_ctx, response) => void delivered.push(response),
    fail: (_ctx, error) => void failed.push(error),
  };
  return { sink, delivered, failed };
}

describe("a route that answers later, given a sink", () => {
  it("sends a body route's answer through the sink and says so", async () => {
    const app = makeApp();
    const { sink, delivered } = recordingSink();
    const ctx = context("POST", "/items", '{"n":1}');
    ctx.sink = sink;
    await app.handle(ctx);
    expect(ctx.sinkTaken).toBe(true);
    expect(delivered.map((r) => [r.status, r.body])).toEqual([[201, '{"item":{"n":1}}']]);
  });

  it("sends the answer of a route with a body and an async dependency once", async () => {
    const app = makeApp();
    const { sink, delivered } = recordingSink();
    const ctx = context("PUT", "/items", '{"n":5}');
    ctx.sink = sink;
    await app.handle(ctx);
    await new Promise((resolve) => setImmediate(resolve));
    expect([ctx.sinkTaken, delivered.map((r) => [r.status, r.body])]).toEqual([
      true,
      [[200, '{"item":{"n":5},"user":"alice"}']],
    ]);
  });

  it("sends an async dependency route's answer, and its 422, through the sink", async () => {
    const app = makeApp();
    const { sink, delivered } = recordingSink();
    const ctx = context("GET", "/me");
    ctx.sink = sink;
    await app.handle(ctx);
    const bad = context("POST", "/items", '{"n":"x"}');
    bad.sink = sink;
    await app.handle(bad);
    expect([ctx.sinkTaken, bad.sinkTaken]).toEqual([true, true]);
    expect(delivered.map((r) => r.status)).toEqual([200, 422]);
  });

  it("sends a failing exception handler's 500 through the sink, never a rejected promise", async () => {
    const app = makeApp();
    app.logger.error = () => undefined;
    const { sink, delivered, failed } = recordingSink();
    const ctx = context("GET", "/refused");
    ctx.sink = sink;
    await expect(app.handle(ctx)).resolves.toBeDefined();
    expect([delivered.map((r) => r.status), failed]).toEqual([[500], []]);
  });

  it("hands an error raised while finishing the response to the sink's fail", async () => {
    const { sink, delivered, failed } = recordingSink();
    const ctx = context("GET", "/broken");
    ctx.sink = sink;
    await expect(makeApp().handle(ctx)).resolves.toBeDefined();
    expect([delivered.length, String(failed[0])]).toEqual([0, "Error: cannot finish"]);
  });

  it("leaves a synchronous answer to the caller", () => {
    const { sink, delivered } = recordingSink();
    const ctx = context("GET", "/hello");
    ctx.sink = sink;
    const response = makeApp().handle(ctx) as OutgoingResponse;
    expect([response.status, ctx.sinkTaken, delivered.length]).toEqual([200, false, 0]);
  });

  it("with middleware, gives the answer back for the middleware to await", async () => {
    const app = makeApp();
    app.middleware(async (_ctx, callNext) => {
      const response = await callNext();
      response.headers["x-seen"] = "1";
      return response;
    });
    const { sink, delivered } = recordingSink();
    const ctx = context("POST", "/items", '{"n":2}');
    ctx.sink = sink;
    const response = await app.handle(ctx);
    expect([response.status, response.headers["x-seen"], ctx.sinkTaken]).toEqual([201, "1", false]);
    expect(delivered).toEqual([]);
  });

  it("inside a mount, gives the answer back to the parent", async () => {
    const parent = new App();
    parent.mount("/v1", makeApp());
    const { sink, delivered } = recordingSink();
    const ctx = context("GET", "/v1/me");
    ctx.sink = sink;
    const response = await parent.handle(ctx);
    expect([response.status, ctx.sinkTaken, delivered.length]).toEqual([200, false, 0]);
  });
});

describe("the node:http listener, answering through the sink", () => {
  let server: RunningServer;
  let withMiddleware: RunningServer;
  beforeAll(async () => {
    const app = makeApp();
    app.logger.error = () => undefined; // the failing handler is logged; keep the output clean
    server = await serve(app, { port: 0, logLevel: "silent" });
    const wrapped = makeApp();
    wrapped.middleware(async (_ctx, callNext) => {
      const response = await callNext();
      response.headers["x-seen"] = "1";
      return response;
    });
    withMiddleware = await serve(wrapped, { port: 0, logLevel: "silent" });
  });
  afterAll(async () => {
    await server.close();
    await withMiddleware.close();
  });

  it("answers body and dependency routes once, with their content-length", async () => {
    const posted = await fetch(`${server.url}/items`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"n":3}',
    });
    const me = await fetch(`${server.url}/me`);
    expect([posted.status, posted.headers.get("content-length"), await posted.json()]).toEqual([
      201,
      "16",
      { item: { n: 3 } },
    ]);
    expect([me.status, await me.json()]).toEqual([200, { user: "alice" }]);
  });

  it("answers 500 when the exception handler fails after a tick, or the response's finish", async () => {
    const refused = await fetch(`${server.url}/refused`);
    const broken = await fetch(`${server.url}/broken`);
    expect([refused.status, broken.status, await broken.text()]).toEqual([
      500,
      500,
      "Internal Server Error",
    ]);
  });

  it("lets middleware change the answer of a route that reads a body", async () => {
    const r = await fetch(`${withMiddleware.url}/items`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"n":4}',
    });
    expect([r.status, r.headers.get("x-seen"), await r.json()]).toEqual([
      201,
      "1",
      { item: { n: 4 } },
    ]);
  });

  it("leaves the answer to a handler object that wraps an app and edits its answers", async () => {
    const app = makeApp();
    const wrapper = {
      logger: app.logger,
      startup: () => app.startup(),
      shutdown: () => app.shutdown(),
      async handle(ctx: RequestContext) {
        const response = await app.handle(ctx);
        response.headers["x-wrapped"] = "1";
        return response;
      },
    };
    const running = await serve(wrapper, { port: 0, logLevel: "silent" });
    try {
      const r = await fetch(`${running.url}/me`, { headers: { connection: "close" } });
      expect([r.status, r.headers.get("x-wrapped"), await r.json()]).toEqual([
        200,
        "1",
        { user: "alice" },
      ]);
    } finally {
      await running.close();
    }
  });

  it("still answers an HTTPException of a dependency route", async () => {
    const r = await fetch(`${server.url}/denied`);
    expect([r.status, await r.json()]).toEqual([401, { detail: "no" }]);
  });
});
