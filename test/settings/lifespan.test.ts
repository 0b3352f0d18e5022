import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { App, serve, TestClient } from "../../src/index.js";
import { startChildApp } from "./child-app.js";

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function tracedApp(trace: string[]): App {
  const app = new App({
    lifespan: async function* (started) {
      trace.push(`startup ${started.title}`);
      yield { model: "tiny-llm" };
      trace.push("shutdown");
    },
    title: "Lifespan demo",
  });
  app.get("/model", {}, (_args, ctx) => {
    trace.push("request");
    return { model: ctx.state.model };
  });
  return app;
}

describe("lifespan on a real server", () => {
  it("runs startup before listening, shares the yielded state, and shuts down on close()", async () => {
    const trace: string[] = [];
    const server = await serve(tracedApp(trace), { port: 0 });
    expect(trace).toEqual(["startup Lifespan demo"]);
    const r = await get(`${server.url}/model`);
    expect(r).toEqual({ status: 200, body: '{"model":"tiny-llm"}' });
    await server.close();
    expect(trace).toEqual(["startup Lifespan demo", "request", "shutdown"]);
  });

  it("rejects serve() when startup fails, and nothing listens on the port", async () => {
    const port = await freePort();
    const app = new App({
      lifespan: async function* () {
        const weights = await Promise.reject(new Error("model weights not found"));
        yield { weights };
      },
    });
    await expect(serve(app, { port })).rejects.toThrow("model weights not found");
    await expect(get(`http://127.0.0.1:${port}/`)).rejects.toMatchObject({
      code: "ECONNREFUSED",
    });
  });

  it("keeps per-request writes to ctx.state on that request", async () => {
    const app = new App({
      lifespan: async function* () {
        yield { count: 0 };
      },
    });
    app.get("/", {}, (_args, ctx) => {
      ctx.state.count += 1;
      return { count: ctx.state.count, shared: app.state.count };
    });
    const client = new TestClient(app);
    expect(await (await client.get("/")).json()).toEqual({ count: 1, shared: 0 });
    expect(await (await client.get("/")).json()).toEqual({ count: 1, shared: 0 });
    await client.close();
  });
});

describe("lifespan with TestClient", () => {
  it("starts with the first request and shuts down on close()", async () => {
    const trace: string[] = [];
    const client = new TestClient(tracedApp(trace));
    expect(trace).toEqual([]);
    expect(await (await client.get("/model")).json()).toEqual({ model: "tiny-llm" });
    await client.close();
    expect(trace).toEqual(["startup Lifespan demo", "request", "shutdown"]);
  });
});

describe("serve({ handleSignals: true })", () => {
  it("runs the lifespan's shutdown and exits 0 on SIGTERM", async () => {
    const child = await startChildApp("sigterm-app.ts");
    const port = child.port;
    expect((await get(`http://127.0.0.1:${port}/`)).body).toBe('{"ok":true}');
    child.kill("SIGTERM");
    expect(await child.exited).toBe(0);
    // the framework's own JSON lines (access log, shutdown progress) are left out
    const lines = child
      .stdout()
      .split("\n")
      .filter((line) => line !== "" && !line.startsWith("{"));
    expect(lines).toEqual(["startup", `listening ${port}`, "shutdown"]);
  }, 20_000);
});
