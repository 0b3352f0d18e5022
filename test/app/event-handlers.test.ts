import { describe, expect, it } from "vitest";
import { APIRouter, App, ConfigError, serve, TestClient } from "../../src/index.js";

/** An app whose lifespan, hooks and included routers all write to one log. */
function createLoggedApp(log: string[]): App {
  const app = new App({
    lifespan: async function* () {
      log.push("lifespan startup");
      try {
        yield { model: "loaded" };
      } finally {
        log.push("lifespan shutdown");
      }
    },
    onStartup: [() => log.push("option startup")],
    onShutdown: [() => log.push("option shutdown")],
  });
  app.onEvent("startup", async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    log.push(`app startup sees state ${app.state.model}`);
  });
  app.onEvent("shutdown", () => log.push("app shutdown"));
  const inner = new APIRouter({ onStartup: [() => log.push("inner startup")] });
  const router = new APIRouter({ prefix: "/r" });
  router.onEvent("shutdown", () => log.push("router shutdown"));
  router.includeRouter(inner);
  router.get("/ping", {}, () => ({ log }));
  app.includeRouter(router);
  return app;
}

const started = [
  "lifespan startup",
  "option startup",
  "app startup sees state loaded",
  "inner startup",
];
const stopped = ["option shutdown", "app shutdown", "router shutdown", "lifespan shutdown"];

describe("onEvent hooks", () => {
  it("run after the lifespan's startup and before its shutdown, in registration order (TestClient)", async () => {
    const log: string[] = [];
    const client = new TestClient(createLoggedApp(log));
    const response = await client.get("/r/ping");
    expect(await response.json()).toEqual({ log: started });
    await client.close();
    expect(log).toEqual([...started, ...stopped]);
  });

  it("run with the server's start and close (node:http)", async () => {
    const log: string[] = [];
    const server = await serve(createLoggedApp(log), {
      port: 0,
      host: "127.0.0.1",
      keepAliveTimeout: 0.2,
    });
    expect(log).toEqual(started);
    const response = await fetch(`${server.url}/r/ping`);
    expect(await response.json()).toEqual({ log: started });
    await server.close();
    expect(log).toEqual([...started, ...stopped]);
  });

  it("run once however many requests start the app", async () => {
    let runs = 0;
    const app = new App().onEvent("startup", () => {
      runs++;
    });
    app.get("/", {}, () => runs);
    const client = new TestClient(app);
    await Promise.all([client.get("/"), client.get("/"), client.get("/")]);
    expect(runs).toBe(1);
  });

  it("fail the start-up when a startup hook throws: nothing listens and the lifespan closes", async () => {
    const log: string[] = [];
    const app = new App({
      lifespan: async function* () {
        try {
          yield;
        } finally {
          log.push("lifespan closed");
        }
      },
    });
    app.onEvent("startup", () => {
      throw new Error("database unreachable");
    });
    app.onEvent("startup", () => log.push("never runs"));
    app.onEvent("shutdown", () => log.push("shutdown hook"));
    await expect(serve(app, { port: 0, host: "127.0.0.1", keepAliveTimeout: 0.2 })).rejects.toThrow(
      "database unreachable",
    );
    expect(log).toEqual(["lifespan closed"]);
    await app.shutdown();
    expect(log).toEqual(["lifespan closed"]);
    await expect(new TestClient(app).get("/")).rejects.toThrow("database unreachable");
  });

  it("run a mounted app's hooks with the parent's startup and shutdown", async () => {
    const log: string[] = [];
    const child = new App({ onStartup: [() => log.push("child up")] });
    child.onEvent("shutdown", () => log.push("child down"));
    const parent = new App().mount("/child", child);
    const client = new TestClient(parent);
    await client.start();
    await client.close();
    expect(log).toEqual(["child up", "child down"]);
  });

  it("let the lifespan close after a shutdown hook throws, skipping the later hooks", async () => {
    const log: string[] = [];
    const app = new App({
      lifespan: async function* () {
        try {
          yield;
        } finally {
          log.push("lifespan shutdown");
        }
      },
    });
    app.onEvent("shutdown", () => {
      throw new Error("flush failed");
    });
    app.onEvent("shutdown", () => log.push("later hook"));
    const client = new TestClient(app);
    await client.start();
    await expect(client.close()).rejects.toThrow("flush failed");
    expect(log).toEqual(["lifespan shutdown"]);
  });

  it("refuses an unknown event name with a ConfigError", () => {
    const app = new App();
    expect(() => app.onEvent("ready" as "startup", () => {})).toThrow(ConfigError);
    expect(() => app.onEvent("ready" as "startup", () => {})).toThrow(
      '[E_ROUTE_OPTION] onEvent("ready"): the event is "startup" or "shutdown".',
    );
  });
});
