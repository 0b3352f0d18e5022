// The same WebSocket routes over a real node:http server, driven by the `ws` client.

import { App, type RunningServer, serve } from "tailor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocketClient from "ws";
import { makeWebSocketApp } from "./app.js";

interface Closed {
  code: number;
  reason: string;
}

/** a message that may already have arrived with the handshake's last packet is kept for next() */
const inbox = new WeakMap<
  WebSocketClient,
  { messages: string[]; waiting: ((m: string) => void)[] }
>();

function open(url: string, options: WebSocketClient.ClientOptions = {}): Promise<WebSocketClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocketClient(url, options);
    const box = { messages: [] as string[], waiting: [] as ((m: string) => void)[] };
    inbox.set(ws, box);
    ws.on("message", (data) => {
      const waiter = box.waiting.shift();
      if (waiter) waiter(data.toString());
      else box.messages.push(data.toString());
    });
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}

function closed(ws: WebSocketClient): Promise<Closed> {
  return new Promise((resolve) =>
    ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
}

function next(ws: WebSocketClient): Promise<string> {
  const box = inbox.get(ws)!;
  const ready = box.messages.shift();
  if (ready !== undefined) return Promise.resolve(ready);
  return new Promise((resolve) => box.waiting.push(resolve));
}

/** the status of a handshake the server answered with plain HTTP */
function refused(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocketClient(url, { headers });
    ws.once("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.once("open", () => reject(new Error("the handshake was accepted")));
    ws.once("error", () => undefined);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("WebSockets on a real server", () => {
  let server: RunningServer;
  let base: string;
  let events: string[];

  beforeAll(async () => {
    const made = makeWebSocketApp();
    events = made.events;
    server = await serve(made.app, { port: 0 });
    base = server.url.replace("http", "ws");
  });
  afterAll(() => server.close());

  it("echoes with the validated query param, then closes with 1000", async () => {
    const ws = await open(`${base}/echo?token=t1`);
    const done = closed(ws);
    const reply = next(ws);
    ws.send("hello");
    expect(JSON.parse(await reply)).toEqual({ echo: "hello", token: "t1" });
    expect(await done).toEqual({ code: 1000, reason: "" });
  });

  it("closes with 1008 and the validation errors (cut to a close frame's 123 bytes)", async () => {
    const ws = new WebSocketClient(`${base}/echo`);
    ws.on("error", () => undefined);
    const { code, reason } = await closed(ws);
    expect(code).toBe(1008);
    expect(reason).toBe(
      JSON.stringify([
        { type: "missing", loc: ["query", "token"], msg: "Field required", input: null },
      ]).slice(0, 123),
    );
  });

  it("closes with the code and reason of a WebSocketException", async () => {
    const ws = new WebSocketClient(`${base}/denied`);
    expect(await closed(ws)).toEqual({ code: 1008, reason: "denied" });
  });

  it("answers 403 to an unknown path and 401 to missing credentials, over plain HTTP", async () => {
    expect(await refused(`${base}/nowhere`)).toBe(403);
    expect(await refused(`${base}/v1/secure/feed`)).toBe(401);
    const ws = await open(`${base}/v1/secure/feed`, { headers: { authorization: "Bearer x" } });
    expect(await next(ws)).toBe("authorized");
  });

  it("answers HTTP requests to a WebSocket-only path as plain HTTP, not as an upgrade", async () => {
    const r = await fetch(`${server.url}/echo`);
    expect(await r.text()).toBe("middleware ran");
  });

  it("accepts with the chosen subprotocol and round-trips bytes", async () => {
    const chat = new WebSocketClient(`${base}/binary`, ["v1.chat", "v2.chat"]);
    await new Promise((resolve) => chat.once("open", resolve));
    expect(chat.protocol).toBe("v2.chat");
    const reply = new Promise<Buffer>((resolve) =>
      chat.once("message", (d) => resolve(d as Buffer)),
    );
    chat.send(new Uint8Array([1, 2, 3]));
    expect([...(await reply)]).toEqual([2, 3, 4]);
    chat.close();
  });

  it("tears a generator dependency down after the client closes", async () => {
    events.length = 0;
    const ws = await open(`${base}/chat`);
    expect(await next(ws)).toBe("resource");
    ws.close(4000, "bye");
    for (let i = 0; i < 50 && !events.includes("closed"); i++) await sleep(10);
    expect(events).toEqual(["opened", "disconnect 4000", "saw WebSocketDisconnect", "closed"]);
  });

  it("closes with 1009 when a message exceeds maxMessageSize", async () => {
    events.length = 0;
    const ws = await open(`${base}/small`);
    ws.send("x".repeat(17));
    expect((await closed(ws)).code).toBe(1009);
    for (let i = 0; i < 50 && events.length === 0; i++) await sleep(10);
    expect(events).toEqual(["small closed 1009"]);
  });

  it("refuses a malformed handshake with 400 before any route runs", async () => {
    const { request } = await import("node:http");
    const status = await new Promise<number>((resolve) => {
      const req = request(`${server.url}/echo?token=t`, {
        headers: { connection: "Upgrade", upgrade: "websocket", "sec-websocket-version": "13" },
      });
      req.on("response", (res) => resolve(res.statusCode ?? 0));
      req.on("upgrade", () => resolve(101));
      req.on("error", () => resolve(-1));
      req.end();
    });
    expect(status).toBe(400);
  });
});

describe("keep-alive, backpressure and shutdown", () => {
  it("pings idle sockets and drops a peer that stops answering (the handler sees 1006)", async () => {
    const seen: number[] = [];
    const app = new App({ websocket: { pingInterval: 40 } });
    app.websocket("/idle", {}, async (ws) => {
      await ws.accept();
      try {
        await ws.receive();
      } catch (error) {
        seen.push((error as { code: number }).code);
      }
    });
    const server = await serve(app, { port: 0 });
    try {
      const url = `${server.url.replace("http", "ws")}/idle`;
      const healthy = await open(url);
      let pings = 0;
      healthy.on("ping", () => pings++);
      const silent = await open(url, { autoPong: false });
      const dropped = closed(silent);
      expect((await dropped).code).toBe(1006);
      await sleep(50);
      expect(seen).toEqual([1006]);
      expect(pings).toBeGreaterThanOrEqual(2);
      expect(healthy.readyState).toBe(WebSocketClient.OPEN);
      healthy.close();
    } finally {
      await server.close();
    }
  });

  it("stops reading from a peer whose messages the handler does not read, losing none", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const sizes: number[] = [];
    const app = new App({ websocket: { pingInterval: 0 } });
    app.websocket("/upload", { receiveQueue: 2 }, async (ws) => {
      await ws.accept();
      await released;
      for (let i = 0; i < 20; i++) sizes.push((await ws.receiveBytes()).byteLength);
      await ws.sendText("done");
    });
    const server = await serve(app, { port: 0 });
    try {
      const ws = await open(`${server.url.replace("http", "ws")}/upload`);
      const chunk = new Uint8Array(1024 * 1024);
      for (let i = 0; i < 20; i++) ws.send(chunk);
      await sleep(200);
      // 20 MiB cannot all sit in the socket buffers: the rest waits in the client
      expect(ws.bufferedAmount).toBeGreaterThan(0);
      const done = next(ws);
      release();
      expect(await done).toBe("done");
      expect(sizes).toEqual(new Array(20).fill(1024 * 1024));
      ws.close();
    } finally {
      await server.close();
    }
  });

  it("makes sends wait while the peer does not read", async () => {
    let sent = 0;
    const app = new App({ websocket: { pingInterval: 0 } });
    app.websocket("/download", {}, async (ws) => {
      await ws.accept();
      const chunk = new Uint8Array(1024 * 1024);
      for (let i = 0; i < 32; i++) {
        await ws.sendBytes(chunk);
        sent++;
      }
    });
    const server = await serve(app, { port: 0 });
    try {
      const ws = new WebSocketClient(`${server.url.replace("http", "ws")}/download`);
      let received = 0;
      ws.on("message", () => received++);
      await new Promise((resolve) => ws.once("upgrade", resolve));
      ws.pause();
      await sleep(200);
      expect(sent).toBeLessThan(32);
      const done = closed(ws);
      ws.resume();
      await done;
      expect(sent).toBe(32);
      expect(received).toBe(32);
    } finally {
      await server.close();
    }
  });

  it("closes open sockets with 1001 when the server shuts down", async () => {
    const app = new App({ websocket: { pingInterval: 0 } });
    let handlerSaw: number | undefined;
    app.websocket("/stay", {}, async (ws) => {
      await ws.accept();
      try {
        await ws.receive();
      } catch (error) {
        handlerSaw = (error as { code: number }).code;
      }
    });
    const server = await serve(app, { port: 0 });
    const ws = await open(`${server.url.replace("http", "ws")}/stay`);
    const done = closed(ws);
    await server.close();
    expect(await done).toEqual({ code: 1001, reason: "Server shutting down" });
    expect(handlerSaw).toBe(1001);
  });
});
