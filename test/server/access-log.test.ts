import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { App } from "../../src/index.js";
import { type RunningServer, serve } from "../../src/server/serve.js";
import { captureLogs, get, sleep } from "./helpers.js";

const app = new App();
app.get("/items/{id}", {}, (_args, ctx) => ({ seen: ctx.header("x-request-id") }));
app.get("/boom", {}, () => {
  throw new Error("the model cache is corrupt");
});

let server: RunningServer;
let base: string;
const logs = captureLogs();
beforeAll(async () => {
  server = await serve(app, { port: 0, gracefulTimeout: 1 });
  base = `http://127.0.0.1:${server.port}`;
});
afterEach(() => {
  logs.lines.length = 0;
});
afterAll(async () => {
  await server.close();
  logs.restore();
});

async function accessLine(path: string) {
  for (let i = 0; i < 50 && !logs.lines.some((line) => line.path === path); i++) await sleep(10);
  return logs.lines.find((line) => line.path === path);
}

describe("access log and request ids", () => {
  it("writes one JSON line per request with method, path, status, duration, bytes, client and request id", async () => {
    const response = await get(`${base}/items/3?q=x`);
    const line = await accessLine("/items/3?q=x");
    expect(line).toMatchObject({
      level: "info",
      msg: "GET /items/3?q=x 200",
      method: "GET",
      path: "/items/3?q=x",
      status: 200,
      client: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      request_id: response.headers["x-request-id"],
    });
    expect(line!.duration_ms).toBeGreaterThanOrEqual(0);
    // status line, headers and the body, as written to the socket
    expect(line!.bytes).toBeGreaterThan(Number(response.headers["content-length"]));
  });

  it("honours a client's X-Request-ID: the app sees it, the response echoes it", async () => {
    const response = await get(`${base}/items/1`, { "x-request-id": "req-abc.123" });
    expect(response.headers["x-request-id"]).toBe("req-abc.123");
    expect(JSON.parse(response.body)).toEqual({ seen: "req-abc.123" });
    expect((await accessLine("/items/1"))!.request_id).toBe("req-abc.123");
  });

  it("replaces a missing or unusable X-Request-ID with a new UUID", async () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const generated = await get(`${base}/items/2`);
    expect(generated.headers["x-request-id"]).toMatch(uuid);
    expect(JSON.parse(generated.body).seen).toBe(generated.headers["x-request-id"]);
    const spaced = await get(`${base}/items/2`, { "x-request-id": "has space" });
    expect(spaced.headers["x-request-id"]).toMatch(uuid);
    const long = await get(`${base}/items/2`, { "x-request-id": "x".repeat(201) });
    expect(long.headers["x-request-id"]).toMatch(uuid);
  });

  it("logs a 500's stack, and sends the client none of it", async () => {
    const response = await get(`${base}/boom`);
    expect(response.status).toBe(500);
    expect(response.body).toBe("Internal Server Error");
    expect(response.body).not.toMatch(/corrupt|at /);
    const access = await accessLine("/boom");
    expect(access).toMatchObject({ status: 500, request_id: response.headers["x-request-id"] });
    const error = logs.lines.find((line) => line.level === "error");
    expect(error!.msg).toMatch(/GET \/boom/);
    expect(error!.err.message).toBe("the model cache is corrupt");
    expect(error!.err.stack).toMatch(/access-log\.test\.ts/);
  });
});

describe("serve({ accessLog: false })", () => {
  it("writes no access line, and neither generates nor echoes a request id", async () => {
    const quiet = await serve(app, { port: 0, accessLog: false, gracefulTimeout: 1 });
    const response = await get(`http://127.0.0.1:${quiet.port}/items/9`);
    const given = await get(`http://127.0.0.1:${quiet.port}/items/9`, { "x-request-id": "r-1" });
    await quiet.close();
    expect(response.headers["x-request-id"]).toBeUndefined();
    expect(JSON.parse(response.body)).toEqual({});
    // a client's own id still reaches the app as a plain header
    expect(given.headers["x-request-id"]).toBeUndefined();
    expect(JSON.parse(given.body)).toEqual({ seen: "r-1" });
    await sleep(20);
    expect(logs.lines.filter((line) => line.path !== undefined)).toEqual([]);
  });

  it("with requestId: true, still generates and echoes the request id", async () => {
    const quiet = await serve(app, {
      port: 0,
      accessLog: false,
      requestId: true,
      gracefulTimeout: 1,
    });
    const response = await get(`http://127.0.0.1:${quiet.port}/items/9`);
    await quiet.close();
    expect(response.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(response.body)).toEqual({ seen: response.headers["x-request-id"] });
  });
});
