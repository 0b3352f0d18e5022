import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { app as backgroundApp, sent } from "../../examples/middleware/background-tasks.js";
import { app as corsApp } from "../../examples/middleware/cors.js";
import { app as stackApp, timed } from "../../examples/middleware/stack.js";
import { TestClient } from "../../src/index.js";
import { bodyText, callRaw } from "./raw.js";

describe("CORS example", () => {
  const client = new TestClient(corsApp);

  it("answers a browser preflight from the front end", async () => {
    const r = await client.options("/items", {
      headers: {
        origin: "https://app.example.com",
        "access-control-request-method": "DELETE",
        "access-control-request-headers": "authorization",
      },
    });
    expect(r.status).toBe(200);
    expect(await r.text()).toBe("OK");
    expect(r.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(r.headers.get("access-control-allow-headers")).toBe("authorization");
  });

  it("lets the front end read the response and the exposed header", async () => {
    const r = await client.get("/items", { headers: { origin: "https://app.example.com" } });
    expect(await r.json()).toEqual([{ name: "Portal Gun" }]);
    expect(r.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(r.headers.get("access-control-allow-credentials")).toBe("true");
    expect(r.headers.get("access-control-expose-headers")).toBe("X-Request-Id");
  });
});

describe("middleware stack example", () => {
  it("redirects plain http first", async () => {
    const r = await callRaw(stackApp, "GET", "/report", { host: "evil.test" });
    expect(r.status).toBe(307);
    expect(r.headers.location).toBe("https://evil.test/report");
  });

  it("checks the host on https", async () => {
    const r = await callRaw(stackApp, "GET", "/report", { host: "evil.test" }, "https");
    expect(r.status).toBe(400);
    expect(await bodyText(r)).toBe("Invalid host header");
  });

  it("gzips large bodies and streams for allowed hosts", async () => {
    const headers = { host: "api.example.com", "accept-encoding": "gzip" };
    const report = await callRaw(stackApp, "GET", "/report", headers, "https");
    expect(report.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(report.body as Uint8Array).toString()).rows).toHaveLength(100);
    const tokens = await callRaw(stackApp, "GET", "/tokens", headers, "https");
    const chunks: Buffer[] = [];
    for await (const chunk of tokens.body as AsyncIterable<Uint8Array>) {
      chunks.push(Buffer.from(chunk));
    }
    expect(chunks.length).toBeGreaterThan(1);
    expect(gunzipSync(Buffer.concat(chunks)).toString()).toBe("Hello from a model");
  });

  it("adds x-process-time from a function middleware", async () => {
    const r = await new TestClient(timed).get("/");
    expect(Number(r.headers.get("x-process-time"))).toBeGreaterThanOrEqual(0);
  });
});

describe("background tasks example", () => {
  it("sends the notifications after answering, in order", async () => {
    const r = await new TestClient(backgroundApp).post("/send-notification/a@example.com?q=tea");
    expect(await r.json()).toEqual({ message: "Notification sent in the background" });
    expect(sent).toEqual([
      "notification for a@example.com: some notification",
      "notification for a@example.com: found query: tea",
    ]);
  });
});
