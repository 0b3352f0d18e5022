// The real-time examples behind docs/websockets.md, docs/server-sent-events.md,
// docs/serving-controls.md and docs/worker-pool.md.
import { afterAll, describe, expect, it } from "vitest";
import WebSocketClient from "ws";
import { app as chatApp } from "../../examples/realtime/chat.js";
import { app as cpuApp } from "../../examples/realtime/cpu.js";
import { app as controlsApp } from "../../examples/realtime/serving-controls.js";
import { app as tokensApp } from "../../examples/realtime/tokens.js";
import { serve, TestClient, WebSocketDisconnect } from "../../src/index.js";

describe("chat example (docs/websockets.md)", () => {
  const client = new TestClient(chatApp);

  it("broadcasts a message to everyone in the room", async () => {
    const ada = await client.websocketConnect("/rooms/lobby?nick=ada");
    const bob = await client.websocketConnect("/rooms/lobby?nick=bob");
    await ada.sendText("hi all");
    const message = { room: "lobby", nick: "ada", text: "hi all" };
    expect(await ada.receiveJson()).toEqual(message);
    expect(await bob.receiveJson()).toEqual(message);
    await ada.close();
    await bob.close();
  });

  it("closes with 1008 when the nickname is missing or reserved", async () => {
    await expect(client.websocketConnect("/rooms/lobby")).rejects.toBeInstanceOf(
      WebSocketDisconnect,
    );
    await expect(client.websocketConnect("/rooms/lobby?nick=admin")).rejects.toMatchObject({
      code: 1008,
      reason: "reserved nickname",
    });
  });

  it("works over a real socket with the ws client", async () => {
    const server = await serve(chatApp, { port: 0 });
    try {
      const ws = new WebSocketClient(`${server.url.replace("http", "ws")}/rooms/r1?nick=cy`);
      const reply = new Promise<string>((resolve) => ws.once("message", (d) => resolve(String(d))));
      await new Promise((resolve) => ws.once("open", resolve));
      ws.send("hello");
      expect(JSON.parse(await reply)).toEqual({ room: "r1", nick: "cy", text: "hello" });
      ws.close();
    } finally {
      await server.close();
    }
  });
});

describe("token stream example (docs/server-sent-events.md)", () => {
  it("streams each word as a typed event, then [DONE]", async () => {
    const r = await new TestClient(tokensApp).get("/v1/stream?prompt=Hello%20world");
    expect(r.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(await r.text()).toBe(
      'event: token\ndata: {"index":0,"text":"Hello"}\nid: 0\n\n' +
        'event: token\ndata: {"index":1,"text":"world"}\nid: 1\n\n' +
        "data: [DONE]\n\n",
    );
  });
});

describe("serving controls example (docs/serving-controls.md)", () => {
  const client = new TestClient(controlsApp);

  it("answers a completion in time", async () => {
    const r = await client.post("/v1/completions", { json: { prompt: "hi" } });
    expect(await r.json()).toEqual({ text: "echo: hi" });
  });

  it("answers 504 when the model call runs past the route's timeout", async () => {
    const started = performance.now();
    const r = await client.post("/v1/completions", { json: { prompt: "slow please" } });
    expect(r.status).toBe(504);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("reports the counters on /ready", async () => {
    const r = await client.get("/ready");
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({
      ready: true,
      routes: { "POST /v1/completions": { active: 0, queued: 0, rejected: 0 } },
      timedOut: 1,
    });
  });
});

describe("worker pool example (docs/worker-pool.md)", () => {
  const client = new TestClient(cpuApp);
  afterAll(() => client.close());

  it("hashes on a worker thread", async () => {
    const r = await client.post("/hash", { json: { password: "correct horse", salt: "s1" } });
    expect(r.status).toBe(200);
    expect((await r.json()).hash).toMatch(/^[0-9a-f]{128}$/);
  });
});
