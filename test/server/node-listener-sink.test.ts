// The listener's sink under stress: errors raised at every stage of a route that answers later,
// teardown timing, HEAD, streaming, middleware, mounts, disconnects. Every request must get
// exactly one answer, and nothing may reject unheard.

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  App,
  Body,
  Depends,
  dependency,
  JSONResponse,
  type RunningServer,
  StreamingResponse,
  serve,
} from "../../src/index.js";
import { get, openRaw } from "./helpers.js";

class Odd extends Error {}
class Odder extends Error {}
class Oddest extends Error {}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);

const events: string[] = [];
const user = dependency({}, async () => {
  await tick();
  return "alice";
});
const session = dependency({}, async function* () {
  events.push("open");
  try {
    yield "s";
  } finally {
    events.push("close");
  }
});

function makeApp(): App {
  const app = new App();
  const body = Body(z.object({ n: z.number() }));
  app.post("/throw-handler", { params: { user: Depends(user), b: body } }, () => {
    throw new Error("handler");
  });
  const failing = dependency({}, async () => {
    await tick();
    throw new Error("dependency");
  });
  app.get("/throw-dependency", { params: { f: Depends(failing) } }, () => ({}));
  app.get("/odd", { params: { user: Depends(user) } }, () => {
    throw new Odd();
  });
  app.get("/odder", { params: { user: Depends(user) } }, () => {
    throw new Odder();
  });
  app.get("/odder-now", {}, () => {
    throw new Odder();
  });
  app.post("/oddest", { params: { b: body } }, () => {
    throw new Oddest();
  });
  // an exception handler that throws at once, one that answers what is not a response
  app.exceptionHandler(Odd, () => {
    throw new Error("handler of Odd");
  });
  app.exceptionHandler(Odder, (() => undefined) as never);
  app.exceptionHandler(Oddest, async () => new JSONResponse({ oddest: true }, { status: 418 }));
  app.get("/background", { params: { user: Depends(user) } }, (_a, ctx) => {
    ctx.background.add(() => {
      throw new Error("background");
    });
    return { ok: true };
  });
  app.get("/teardown", { params: { user: Depends(user), s: Depends(session) } }, (_a, ctx) => {
    events.push("handler");
    const res = ctx.native as { writableEnded: boolean };
    ctx.background.add(() => void events.push(`background, response sent: ${res.writableEnded}`));
    return { ok: true };
  });
  app.get("/stream", { params: { user: Depends(user), s: Depends(session) } }, ({ s }) => {
    return new StreamingResponse(
      (async function* () {
        await tick();
        yield `${s}1,`;
        events.push("chunk");
        yield `${s}2`;
      })(),
      { mediaType: "text/plain" },
    );
  });
  app.get("/broken-stream", { params: { user: Depends(user), s: Depends(session) } }, () => {
    return new StreamingResponse(
      (async function* () {
        yield "first,";
        await tick();
        throw new Error("stream broke");
      })(),
      { mediaType: "text/plain" },
    );
  });
  app.get("/me", { params: { user: Depends(user) } }, ({ user }) => ({ user }));
  app.head("/me", { params: { user: Depends(user) } }, ({ user }) => ({ user }));
  app.post("/slow-body", { params: { b: body, user: Depends(user) } }, ({ b }) => b);
  return app;
}

describe("the node listener's sink", () => {
  let server: RunningServer;
  let url: string;
  const logged: string[] = [];
  beforeAll(async () => {
    process.on("unhandledRejection", onUnhandled);
    const app = makeApp();
    app.logger.error = (message: string, error?: unknown) =>
      void logged.push(`${message}: ${String(error)}`);
    const sub = makeApp();
    sub.logger.error = app.logger.error;
    app.mount("/sub", sub);
    server = await serve(app, { port: 0, logLevel: "silent" });
    url = server.url;
  });
  afterAll(async () => {
    await server.close();
    process.off("unhandledRejection", onUnhandled);
  });
  afterEach(() => {
    expect(unhandled).toEqual([]);
    // a second answer to one request is node's "headers already sent" or a write after end
    expect(logged.filter((m) => /HEADERS_SENT|after end|Cannot set headers/i.test(m))).toEqual([]);
    logged.length = 0;
  });

  const json = { "content-type": "application/json" };

  it("answers an error from the handler, a dependency or an exception handler once, with 500", async () => {
    for (const prefix of ["", "/sub"]) {
      const answers = await Promise.all([
        get(`${url}${prefix}/throw-handler`, json, "POST", '{"n":1}'),
        get(`${url}${prefix}/throw-dependency`),
        get(`${url}${prefix}/odd`),
        get(`${url}${prefix}/odder`),
        get(`${url}${prefix}/odder-now`),
        get(`${url}${prefix}/oddest`, json, "POST", '{"n":1}'),
      ]);
      expect(answers.map((a) => a.status)).toEqual([500, 500, 500, 500, 500, 418]);
    }
  });

  it("sends the response before a failing background task runs, and logs it", async () => {
    const r = await get(`${url}/background`);
    expect([r.status, r.body]).toEqual([200, '{"ok":true}']);
    await tick();
    await tick();
    expect(logged.some((m) => /background/i.test(m))).toBe(true);
  });

  it("tears a yield dependency down after the response and its background tasks", async () => {
    events.length = 0;
    const r = await get(`${url}/teardown`);
    for (let i = 0; i < 20 && !events.includes("close"); i++) await tick();
    expect(r.status).toBe(200);
    expect(events).toEqual(["open", "handler", "background, response sent: true", "close"]);
  });

  it("streams after an async dependency with the session still open, then tears down", async () => {
    events.length = 0;
    const r = await get(`${url}/stream`);
    for (let i = 0; i < 20 && !events.includes("close"); i++) await tick();
    expect([r.status, r.body]).toEqual([200, "s1,s2"]);
    expect(events).toEqual(["open", "chunk", "close"]);
  });

  it("cuts a stream that fails after an async dependency, tears down, and serves the next", async () => {
    events.length = 0;
    const cut = await get(`${url}/broken-stream`).then(
      () => "completed",
      () => "cut",
    );
    for (let i = 0; i < 20 && !events.includes("close"); i++) await tick();
    expect([cut, events]).toEqual(["cut", ["open", "close"]]);
    expect(logged.some((m) => /broken-stream/.test(m))).toBe(true);
    expect((await get(`${url}/me`)).status).toBe(200);
  });

  it("answers HEAD to a HEAD route after its async dependency with headers and no body", async () => {
    const head = await get(`${url}/me`, {}, "HEAD");
    const plain = await get(`${url}/me`);
    expect([head.status, head.body, head.headers["content-length"]]).toEqual([
      200,
      "",
      plain.headers["content-length"],
    ]);
  });

  it("survives a client that leaves mid-body and still serves the next one", async () => {
    const raw = await openRaw(Number(new URL(url).port));
    raw.socket.write(
      'POST /slow-body HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 20\r\n\r\n{"n":',
    );
    await tick();
    raw.socket.destroy();
    const gone = await openRaw(Number(new URL(url).port));
    gone.socket.write("GET /me HTTP/1.1\r\nhost: x\r\n\r\n");
    await tick();
    gone.socket.destroy(); // leaves while the dependency is pending
    await tick();
    await tick();
    const r = await get(`${url}/slow-body`, json, "POST", '{"n":2}');
    expect([r.status, r.body]).toEqual([200, '{"n":2}']);
  });

  it("answers pipelined requests once each, in order", async () => {
    const raw = await openRaw(Number(new URL(url).port));
    const one =
      'POST /slow-body HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 7\r\n\r\n{"n":1}';
    raw.socket.write(
      `${one}GET /odd HTTP/1.1\r\nhost: x\r\n\r\nGET /me HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`,
    );
    await raw.closed;
    const statuses = [...raw.received().matchAll(/HTTP\/1\.1 (\d+)/g)].map((m) => m[1]);
    expect(statuses).toEqual(["200", "500", "200"]);
  });
});

describe("middleware that replaces the answer of a sink route", () => {
  it("answers 500 for a middleware that returns no response", async () => {
    const app = makeApp();
    app.logger.error = () => undefined;
    app.middleware((() => undefined) as never);
    const running = await serve(app, { port: 0, logLevel: "silent" });
    try {
      const answers = await Promise.all([
        get(`${running.url}/me`),
        get(`${running.url}/odder-now`),
      ]);
      expect(answers.map((a) => a.status)).toEqual([500, 500]);
    } finally {
      await running.close();
    }
  });

  it("sends the middleware's answer, once", async () => {
    const app = makeApp();
    app.middleware(async (ctx, callNext) => {
      const original = await callNext();
      if (ctx.path === "/me") return new JSONResponse({ replaced: original.status });
      return original;
    });
    const running = await serve(app, { port: 0, logLevel: "silent" });
    try {
      const r = await get(`${running.url}/me`);
      expect([r.status, r.body]).toEqual([200, '{"replaced":200}']);
    } finally {
      await running.close();
    }
  });
});

describe("an App whose handle is replaced", () => {
  it("has the answers its handle returns sent, edits included", async () => {
    class Stamped extends App {
      override async handle(ctx: Parameters<App["handle"]>[0]) {
        const response = await super.handle(ctx);
        response.headers["x-stamped"] = "1";
        return response;
      }
    }
    const app = new Stamped();
    app.get("/me", { params: { user: Depends(user) } }, ({ user }) => ({ user }));
    app.post("/items", { params: { b: Body(z.object({ n: z.number() })) } }, ({ b }) => b);
    const running = await serve(app, { port: 0, logLevel: "silent" });
    try {
      const me = await get(`${running.url}/me`);
      const item = await get(
        `${running.url}/items`,
        { "content-type": "application/json" },
        "POST",
        '{"n":1}',
      );
      expect([me.body, me.headers["x-stamped"], item.body, item.headers["x-stamped"]]).toEqual([
        '{"user":"alice"}',
        "1",
        '{"n":1}',
        "1",
      ]);
    } finally {
      await running.close();
    }
  });
});
