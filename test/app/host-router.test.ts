import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  App,
  ConfigError,
  HostRouter,
  hostParams,
  type RunningServer,
  serve,
  TestClient,
} from "../../src/index.js";

function createHostApp(): App {
  const api = new App();
  api.get("/items", {}, () => ({ app: "api" }));
  api.websocket("/ws", {}, async (ws) => {
    await ws.accept();
    await ws.sendJson({ app: "api" });
    await ws.close();
  });
  const tenants = new App();
  tenants.get("/items", {}, (_args, ctx) => ({ app: "tenant", tenant: hostParams(ctx).tenant }));
  const site = new App();
  site.get("/items", {}, (_args, ctx) => ({ app: "site", params: hostParams(ctx) }));
  const app = new App();
  app.get("/health", {}, () => ({ ok: true }));
  app.mount(
    "/",
    new HostRouter({ default: site })
      .host("api.example.com", api)
      .host("{tenant}.example.com", tenants),
  );
  return app;
}

/** GET with a chosen Host header (fetch always sends the URL's own host) */
function getOverHttp(url: string, path: string, host: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { headers: { host } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => resolve(JSON.parse(text)));
    });
    req.on("error", reject);
    req.end();
  });
}

function hostCases(get: (host: string, path?: string) => Promise<unknown>): void {
  it("sends a request to the app of the first host pattern that matches, ignoring the port", async () => {
    expect(await get("api.example.com")).toEqual({ app: "api" });
    expect(await get("API.Example.com:8443")).toEqual({ app: "api" });
  });

  it("gives a variable label to the handler through hostParams", async () => {
    expect(await get("acme.example.com")).toEqual({ app: "tenant", tenant: "acme" });
  });

  it("reads a fully qualified name's trailing dot as the same host", async () => {
    expect(await get("api.example.com.")).toEqual({ app: "api" });
    expect(await get("acme.example.com.:8080")).toEqual({ app: "tenant", tenant: "acme" });
  });

  it("sends a Host that is no host name to the default app, never into hostParams", async () => {
    for (const host of ["a b<i>.example.com", "u@acme.example.com", 'x"y.example.com'])
      expect(await get(host)).toEqual({ app: "site", params: {} });
  });

  it("sends other hosts to the default app, and keeps the parent's earlier routes", async () => {
    expect(await get("localhost")).toEqual({ app: "site", params: {} });
    expect(await get("acme.example.com", "/health")).toEqual({ ok: true });
  });
}

describe("HostRouter [TestClient]", () => {
  const client = new TestClient(createHostApp());
  hostCases(async (host, path = "/items") =>
    (await client.get(path, { headers: { host } })).json(),
  );
});

describe("HostRouter [node:http]", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serve(createHostApp(), { port: 0, host: "127.0.0.1", keepAliveTimeout: 0.2 });
  });
  afterAll(() => server.close());
  hostCases((host, path = "/items") => getOverHttp(server.url, path, host));
});

describe("HostRouter and WebSockets", () => {
  it("sends a handshake to the app of its host, and refuses it with 403 elsewhere", async () => {
    const client = new TestClient(createHostApp());
    const ws = await client.websocketConnect("/ws", { headers: { host: "api.example.com" } });
    expect(await ws.receiveJson()).toEqual({ app: "api" });
    await expect(
      client.websocketConnect("/ws", { headers: { host: "acme.example.com" } }),
    ).rejects.toMatchObject({ status: 403 });
  });
});

describe("HostRouter without a default", () => {
  it("answers an unknown host with the parent's 404", async () => {
    const app = new App().mount("/", new HostRouter().host("api.example.com", new App()));
    const response = await new TestClient(app).get("/", { headers: { host: "evil.test" } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ detail: "Not Found" });
  });

  it("runs each host app's lifespan with the parent's", async () => {
    const log: string[] = [];
    const api = new App({
      onStartup: [() => log.push("api up")],
      onShutdown: [() => log.push("api down")],
    });
    const app = new App().mount("/", new HostRouter({ default: api }).host("a.test", api));
    const client = new TestClient(app);
    await client.start();
    await client.close();
    expect(log).toEqual(["api up", "api down"]);
  });

  it("refuses a pattern with a port or an unclosed brace", () => {
    for (const pattern of ["api.example.com:80", "{tenant.example.com", ""])
      expect(() => new HostRouter().host(pattern, new App())).toThrow(ConfigError);
  });
});
