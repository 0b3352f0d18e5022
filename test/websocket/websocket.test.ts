// WebSocket routes through the in-process TestClient: no socket, the same routes as the wire.

import {
  App,
  Body,
  ConfigError,
  TestClient,
  WebSocketDenialResponse,
  WebSocketDisconnect,
} from "tailor";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { makeWebSocketApp } from "./app.js";

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("TestClient.websocketConnect", () => {
  it("echoes a message with the validated query param, then sees the server's close 1000", async () => {
    const client = new TestClient(makeWebSocketApp().app);
    const ws = await client.websocketConnect("/echo?token=t1");
    await ws.sendText("hello");
    expect(await ws.receiveJson()).toEqual({ echo: "hello", token: "t1" });
    const closed = await rejection(ws.receive());
    expect(closed).toBeInstanceOf(WebSocketDisconnect);
    expect(closed).toMatchObject({ code: 1000, reason: "" });
  });

  it("closes with 1008 before accepting when a query param is missing, the errors as reason", async () => {
    const client = new TestClient(makeWebSocketApp().app);
    const error = (await rejection(client.websocketConnect("/echo"))) as WebSocketDisconnect;
    expect(error).toBeInstanceOf(WebSocketDisconnect);
    expect(error.code).toBe(1008);
    expect(JSON.parse(error.reason)).toEqual([
      { type: "missing", loc: ["query", "token"], msg: "Field required", input: null },
    ]);
  });

  it("closes with the code and reason of a WebSocketException", async () => {
    const client = new TestClient(makeWebSocketApp().app);
    const error = await rejection(client.websocketConnect("/denied"));
    expect(error).toMatchObject({ code: 1008, reason: "denied" });
  });

  it("refuses an unknown path with 403, as uvicorn answers the handshake", async () => {
    const client = new TestClient(makeWebSocketApp().app);
    const error = (await rejection(client.websocketConnect("/nowhere"))) as WebSocketDenialResponse;
    expect(error).toBeInstanceOf(WebSocketDenialResponse);
    expect(error.status).toBe(403);
  });

  it("refuses with 403 a handler that returns without accepting", async () => {
    const client = new TestClient(makeWebSocketApp().app);
    expect(await rejection(client.websocketConnect("/never-accepts"))).toMatchObject({
      status: 403,
    });
  });

  it("coerces and validates path, header and cookie params before accepting", async () => {
    const client = new TestClient(makeWebSocketApp().app);
    const ws = await client.websocketConnect("/rooms/7", {
      headers: { "x-lang": "fr", cookie: "session=abcd" },
    });
    expect(await ws.receiveJson()).toEqual({ room_id: 7, lang: "fr", session: "abcd" });
    const error = (await rejection(
      client.websocketConnect("/rooms/x", { headers: { "x-lang": "de", cookie: "session=a" } }),
    )) as WebSocketDisconnect;
    expect(error.code).toBe(1008);
    expect(JSON.parse(error.reason).map((e: { loc: unknown }) => e.loc)).toEqual([
      ["path", "room_id"],
      ["header", "x-lang"],
      ["cookie", "session"],
    ]);
  });

  it("tears a generator dependency down after the socket closes, with the disconnect at its yield", async () => {
    const { app, events } = makeWebSocketApp();
    const client = new TestClient(app);
    const ws = await client.websocketConnect("/chat");
    expect(await ws.receiveText()).toBe("resource");
    await ws.sendText("a");
    expect(await ws.receiveText()).toBe("got a");
    expect(events).toEqual(["opened"]);
    await ws.close(4000, "bye");
    expect(events).toEqual(["opened", "disconnect 4000", "saw WebSocketDisconnect", "closed"]);
  });

  it("ends `for await` on the peer's close and aborts ctx.signal", async () => {
    const { app, events } = makeWebSocketApp();
    const client = new TestClient(app);
    const ws = await client.websocketConnect("/iterate");
    await ws.sendText("a");
    await ws.sendText("b");
    await ws.close();
    expect(events).toEqual(["signal aborted", "iterated a,b"]);
  });

  it("closes with 1009 when a message is larger than maxMessageSize", async () => {
    const { app, events } = makeWebSocketApp();
    const client = new TestClient(app);
    const ws = await client.websocketConnect("/small");
    await ws.sendText("short");
    expect(await ws.receiveText()).toBe("short");
    await ws.sendText("x".repeat(17));
    expect(await rejection(ws.receive())).toMatchObject({ code: 1009 });
    await ws.finished();
    expect(events).toEqual(["small closed 1009"]);
  });

  it("exchanges bytes and JSON, and accepts with the chosen subprotocol", async () => {
    const client = new TestClient(makeWebSocketApp().app);
    const ws = await client.websocketConnect("/binary", { subprotocols: ["v1.chat", "v2.chat"] });
    expect(ws.subprotocol).toBe("v2.chat");
    await ws.sendBytes(new Uint8Array([1, 2, 3]));
    expect([...(await ws.receiveBytes())]).toEqual([2, 3, 4]);
    await ws.sendJson({ a: [1] });
    expect(await ws.receiveJson()).toEqual({ value: { a: [1] } });
  });

  it("closes with 1011 and logs when the handler fails after accepting", async () => {
    const logger = { error: vi.fn() };
    const app = new App({ logger });
    app.websocket("/crash", {}, async (ws) => {
      await ws.accept();
      throw new Error("boom");
    });
    const ws = await new TestClient(app).websocketConnect("/crash");
    expect(await rejection(ws.receive())).toMatchObject({ code: 1011 });
    expect(logger.error).toHaveBeenCalledWith(
      "WebSocket handler WEBSOCKET /crash failed",
      expect.any(Error),
    );
  });

  it("runs an included router's prefix and security dependency: 401 without credentials", async () => {
    const client = new TestClient(makeWebSocketApp().app);
    const denied = (await rejection(
      client.websocketConnect("/v1/secure/feed"),
    )) as WebSocketDenialResponse;
    expect(denied.status).toBe(401);
    expect(denied.headers["www-authenticate"]).toBe("Bearer");
    expect(denied.json()).toEqual({ detail: "Not authenticated" });
    const ws = await client.websocketConnect("/v1/secure/feed", {
      headers: { authorization: "Bearer abc" },
    });
    expect(await ws.receiveText()).toBe("authorized");
  });

  it("skips HTTP middleware, which does not understand WebSockets (HTTP routes still get it)", async () => {
    const client = new TestClient(makeWebSocketApp().app);
    expect(await (await client.get("/echo")).text()).toBe("middleware ran");
    const ws = await client.websocketConnect("/echo?token=t");
    await ws.sendText("x");
    expect(await ws.receiveJson()).toEqual({ echo: "x", token: "t" });
  });

  it("stops delivering past receiveQueue unread messages and resumes as the handler reads", async () => {
    const app = new App();
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const got: string[] = [];
    app.websocket("/slow", { receiveQueue: 2 }, async (ws) => {
      await ws.accept();
      await released;
      for await (const message of ws) got.push(String(message));
    });
    const client = new TestClient(app);
    const ws = await client.websocketConnect("/slow");
    for (let i = 0; i < 6; i++) await ws.sendText(String(i));
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await ws.close();
    expect(got).toEqual(["0", "1", "2", "3", "4", "5"]);
  });

  it("serves a mounted app's WebSocket routes under the mount's prefix", async () => {
    const admin = new App();
    admin.websocket("/feed", {}, async (ws, _args, ctx) => {
      await ws.accept();
      await ws.sendJson({ rootPath: ctx.rootPath, path: ctx.path });
    });
    const app = new App();
    app.mount("/admin", admin);
    const ws = await new TestClient(app).websocketConnect("/admin/feed");
    expect(await ws.receiveJson()).toEqual({ rootPath: "/admin", path: "/feed" });
    expect(await rejection(new TestClient(app).websocketConnect("/admin/none"))).toMatchObject({
      status: 403,
    });
  });

  it("routes a path that still carries the root path without it, as for HTTP", async () => {
    const app = new App({ rootPath: "/api" });
    app.websocket("/ws", {}, async (ws, _args, ctx) => {
      await ws.accept();
      await ws.sendText(ctx.rootPath);
    });
    const client = new TestClient(app);
    expect(await (await client.websocketConnect("/api/ws")).receiveText()).toBe("/api");
    expect(await (await client.websocketConnect("/ws")).receiveText()).toBe("/api");
  });

  it("rejects a body param on a WebSocket route at registration", () => {
    const app = new App();
    expect(() =>
      app.websocket(
        "/ws",
        { params: { item: Body(z.object({ a: z.string() })) } },
        () => undefined,
      ),
    ).toThrow(ConfigError);
  });
});
