import {
  App,
  Depends,
  dependency,
  HTTPException,
  type RunningServer,
  StreamingResponse,
  serve,
  TestClient,
} from "tailor";
import { afterEach, describe, expect, it } from "vitest";
import { deferred, recordingLogger, within } from "./helpers.js";

describe("generator dependency teardown", () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("closes generators in reverse order after the response and after background tasks", async () => {
    const trace: string[] = [];
    const global = dependency({}, async function* () {
      trace.push("global setup");
      yield;
      trace.push("global teardown");
    });
    const a = dependency({}, async function* () {
      trace.push("A setup");
      yield "a";
      trace.push("A teardown");
    });
    const b = dependency({ a: Depends(a) }, function* ({ a }) {
      trace.push(`B setup (after ${a})`);
      yield "b";
      trace.push("B teardown");
    });
    const c = dependency({}, () => trace.push("C"));
    const app = new App({ dependencies: [Depends(global)] });
    app.middleware(async (_ctx, callNext) => {
      trace.push("middleware before");
      const response = await callNext();
      trace.push("middleware after");
      return response;
    });
    app.get("/order", { params: { b: Depends(b), c: Depends(c) } }, (_args, ctx) => {
      trace.push("endpoint");
      ctx.background.add(() => trace.push("background 1"));
      ctx.background.add(() => trace.push("background 2"));
      return { ok: true };
    });
    const r = await new TestClient(app).get("/order");
    expect(await r.json()).toEqual({ ok: true });
    expect(trace).toEqual([
      "middleware before",
      "global setup",
      "A setup",
      // C uses nothing, so it starts with the first level instead of after B (FastAPI's serial order)
      "C",
      "B setup (after a)",
      "endpoint",
      "middleware after",
      "background 1",
      "background 2",
      "B teardown",
      "A teardown",
      "global teardown",
    ]);
  });

  it("throws a failed handler's error in at each yield so catch and finally see it", async () => {
    const seen: string[] = [];
    const withCatch = dependency({}, async function* () {
      try {
        yield "a";
      } catch (error) {
        seen.push(`A caught ${(error as HTTPException).status}`);
        throw error;
      } finally {
        seen.push("A finally");
      }
    });
    const withoutFinally = dependency({ a: Depends(withCatch) }, async function* () {
      yield "b";
      seen.push("B teardown (must not run)");
    });
    const app = new App();
    app.get("/conflict", { params: { b: Depends(withoutFinally) } }, () => {
      throw new HTTPException(409, "Conflict");
    });
    const r = await new TestClient(app).get("/conflict");
    expect(r.status).toBe(409);
    expect(await r.json()).toEqual({ detail: "Conflict" });
    expect(seen).toEqual(["A caught 409", "A finally"]);
  });

  it("throws a failing dependency's error into the generators already opened", async () => {
    const seen: unknown[] = [];
    const opened = dependency({}, function* () {
      try {
        yield 1;
      } catch (error) {
        seen.push((error as HTTPException).detail);
      }
    });
    const guard = dependency({ o: Depends(opened) }, () => {
      throw new HTTPException(400, "bad token");
    });
    const app = new App();
    app.get("/guarded", { params: { g: Depends(guard) } }, () => "never");
    const r = await new TestClient(app).get("/guarded");
    expect(r.status).toBe(400);
    expect(seen).toEqual(["bad token"]);
  });

  it("closes a function-scoped generator before the response is rendered", async () => {
    const trace: string[] = [];
    const session = dependency(
      {},
      function* () {
        trace.push("open");
        yield "s";
        trace.push("close");
      },
      { scope: "function" },
    );
    const app = new App();
    app.middleware(async (_ctx, callNext) => {
      const response = await callNext();
      trace.push("response leaves the app");
      return response;
    });
    app.get("/f", { params: { s: Depends(session) } }, () => {
      trace.push("handler");
      return { ok: true };
    });
    await new TestClient(app).get("/f");
    expect(trace).toEqual(["open", "handler", "close", "response leaves the app"]);
  });

  it("logs a teardown error and never sends it", async () => {
    const logger = recordingLogger();
    const failing = dependency({}, async function* () {
      yield 1;
      throw new HTTPException(400, "raised during teardown");
    });
    const app = new App({ logger });
    app.get("/raise-in-teardown", { params: { f: Depends(failing) } }, () => ({ ok: true }));
    const r = await new TestClient(app, { raiseServerExceptions: false }).get("/raise-in-teardown");
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('{"ok":true}');
    expect(logger.entries.map((entry) => entry.message)).toEqual([
      "teardown of a dependency of GET /raise-in-teardown failed",
    ]);
    expect((logger.entries[0]!.error as HTTPException).detail).toBe("raised during teardown");
  });

  it("keeps the yielded resource open while a response streams over a real socket, closing it after", async () => {
    const trace: string[] = [];
    const clientDone = deferred();
    const closed = deferred();
    const getDb = dependency({}, async function* () {
      const db = { open: true, rows: ["a", "b", "c"] };
      trace.push("db open");
      try {
        yield db;
      } finally {
        // waits for the client to have the whole body: a teardown before the last byte would hang here
        await within(clientDone.promise, "the client reading the whole body before teardown");
        db.open = false;
        trace.push("db closed");
        closed.resolve();
      }
    });
    const app = new App();
    app.get("/stream", { params: { db: Depends(getDb) } }, ({ db }, ctx) => {
      ctx.background.add(() => trace.push("background task"));
      return new StreamingResponse(
        (async function* () {
          for (const row of db.rows) {
            await new Promise((resolve) => setImmediate(resolve));
            trace.push(`chunk ${row} (db open: ${db.open})`);
            yield `${row}:${db.open}\n`;
          }
        })(),
        { mediaType: "text/plain" },
      );
    });
    server = await serve(app, { port: 0 });
    const r = await fetch(`${server.url}/stream`);
    const body = await r.text();
    trace.push("client has the whole body");
    clientDone.resolve();
    await within(closed.promise, "teardown");
    expect(body).toBe("a:true\nb:true\nc:true\n");
    expect(trace).toEqual([
      "db open",
      "chunk a (db open: true)",
      "chunk b (db open: true)",
      "chunk c (db open: true)",
      "background task",
      "client has the whole body",
      "db closed",
    ]);
  });
});
