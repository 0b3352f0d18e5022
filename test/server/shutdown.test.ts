import { afterEach, describe, expect, it } from "vitest";
import { App, StreamingResponse } from "../../src/index.js";
import { logger } from "../../src/logging/logger.js";
import { type RunningServer, serve } from "../../src/server/serve.js";
import { get, openRaw, sleep } from "./helpers.js";

function buildApp(trace: string[]) {
  const app = new App({
    lifespan: async function* () {
      yield {};
      trace.push("lifespan shutdown");
    },
  });
  app.get("/fast", {}, () => ({ ok: true }));
  app.get("/slow", {}, async () => {
    await sleep(600);
    trace.push("slow answered");
    return { slow: true };
  });
  app.get("/background", {}, (_args, ctx) => {
    ctx.background.add(async () => {
      await sleep(500);
      trace.push("background done");
    });
    return { queued: true };
  });
  app.get("/stream", {}, () => {
    async function* tokens() {
      for (let i = 0; i < 5; i++) {
        await sleep(150);
        yield `token ${i}\n`;
      }
      trace.push("stream done");
    }
    return new StreamingResponse(tokens(), { mediaType: "text/plain" });
  });
  app.get("/forever", {}, () => {
    async function* forever() {
      for (;;) {
        yield "tick\n";
        await sleep(100);
      }
    }
    return new StreamingResponse(forever(), { mediaType: "text/plain" });
  });
  return app;
}

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(trace: string[], gracefulTimeout = 5) {
  logger.configure({ level: "silent" });
  server = await serve(buildApp(trace), { port: 0, gracefulTimeout, keepAliveTimeout: 1 });
  return server;
}

describe("serve().close(): graceful shutdown", () => {
  it("answers in-flight requests with Connection: close, then runs the lifespan shutdown", async () => {
    const trace: string[] = [];
    const { port, close } = await start(trace);
    const slow = get(`http://127.0.0.1:${port}/slow`);
    await sleep(150);
    const closing = close().then(() => trace.push("closed"));
    const response = await slow;
    expect(response.status).toBe(200);
    expect(response.headers.connection).toBe("close");
    await closing;
    expect(trace).toEqual(["slow answered", "lifespan shutdown", "closed"]);
  });

  it("refuses new connections once the connections already queued are accepted", async () => {
    const trace: string[] = [];
    const { port, close, server: http } = await start(trace);
    const slow = get(`http://127.0.0.1:${port}/slow`);
    await sleep(100);
    const closing = close();
    // a connection opened in the same instant is still accepted and answered, with close
    const queued = await get(`http://127.0.0.1:${port}/fast`);
    expect(queued).toMatchObject({ status: 200, headers: { connection: "close" } });
    // two turns of the event loop later, the listening socket is closed
    const waited = performance.now();
    while (http.listening) await new Promise((resolve) => setImmediate(resolve));
    expect(performance.now() - waited).toBeLessThan(100);
    await expect(get(`http://127.0.0.1:${port}/fast`)).rejects.toMatchObject({
      code: "ECONNREFUSED",
    });
    await slow;
    await closing;
  });

  it("answers a request sent on an idle kept-alive connection after the signal, with Connection: close", async () => {
    const trace: string[] = [];
    const { port, close } = await start(trace);
    const raw = await openRaw(port);
    raw.socket.write("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
    await raw.waitFor('{"ok":true}');
    const closing = close();
    await sleep(200);
    raw.socket.write("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
    await raw.closed;
    const responses = raw.received().split("HTTP/1.1 200 OK").slice(1);
    expect(responses).toHaveLength(2);
    expect(responses[1]).toMatch(/connection: close/i);
    await closing;
  });

  it("closes an idle kept-alive connection at its keep-alive timeout, not before", async () => {
    const trace: string[] = [];
    const { port, close } = await start(trace);
    const raw = await openRaw(port);
    raw.socket.write("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
    await raw.waitFor('{"ok":true}');
    const started = performance.now();
    await close();
    const took = performance.now() - started;
    await raw.closed;
    // keep-alive timeout 1 s: the client was told it may reuse the connection until then
    expect(took).toBeGreaterThan(600);
    expect(took).toBeLessThan(4_000);
    expect(raw.received().match(/HTTP\/1\.1 200/g)).toHaveLength(1);
  });

  it("lets a stream and a background task finish within the grace period", async () => {
    const trace: string[] = [];
    const { port, close } = await start(trace);
    const stream = get(`http://127.0.0.1:${port}/stream`);
    const background = await get(`http://127.0.0.1:${port}/background`);
    expect(background.status).toBe(200);
    await close();
    expect((await stream).body).toBe("token 0\ntoken 1\ntoken 2\ntoken 3\ntoken 4\n");
    expect(trace).toEqual(expect.arrayContaining(["stream done", "background done"]));
    expect(trace.at(-1)).toBe("lifespan shutdown");
  });

  it("closes what is still open when the grace period ends", async () => {
    const trace: string[] = [];
    const { port, close } = await start(trace, 0.5);
    const raw = await openRaw(port);
    raw.socket.write("GET /forever HTTP/1.1\r\nHost: x\r\n\r\n");
    await raw.waitFor("tick");
    const started = performance.now();
    await close();
    const took = performance.now() - started;
    expect(took).toBeGreaterThan(400);
    expect(took).toBeLessThan(2_500);
    await raw.closed;
    expect(trace).toEqual(["lifespan shutdown"]);
  });
});

describe("serve() on a port that is taken", () => {
  it("rejects with EADDRINUSE after running the lifespan's shutdown", async () => {
    const trace: string[] = [];
    const first = await start(trace);
    const second = buildApp(trace);
    await expect(serve(second, { port: first.port })).rejects.toMatchObject({ code: "EADDRINUSE" });
    expect(trace).toEqual(["lifespan shutdown"]);
  });
});
