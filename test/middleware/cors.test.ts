import { describe, expect, it } from "vitest";
import { App, CORSMiddleware, type CORSOptions, ConfigError, TestClient } from "../../src/index.js";
import { bodyText, callRaw, headerList } from "./raw.js";

const APP_ORIGIN = "https://app.example.com";
const OTHER = "https://evil.example.org";
const JSON_TYPE: [string, string] = ["content-type", "application/json"];
const TEXT_TYPE: [string, string] = ["content-type", "text/plain; charset=utf-8"];
const SAFELISTED = "Accept, Accept-Language, Content-Language, Content-Type";

function corsApp(options: CORSOptions): App {
  const app = new App();
  app.get("/items", {}, () => ({ ok: true }));
  app.addMiddleware(new CORSMiddleware(options));
  return app;
}

const explicit = corsApp({
  allowOrigins: [APP_ORIGIN],
  allowCredentials: true,
  allowMethods: ["*"],
  allowHeaders: ["*"],
  exposeHeaders: ["X-Request-Id"],
});
const wildcard = corsApp({ allowOrigins: ["*"] });
const restricted = corsApp({
  allowOrigins: [APP_ORIGIN],
  allowMethods: ["GET", "POST"],
  allowHeaders: ["X-Custom"],
  maxAge: 100,
});

function preflight(origin: string, method: string, requestHeaders?: string) {
  const headers: Record<string, string> = {
    origin,
    "access-control-request-method": method,
  };
  if (requestHeaders !== undefined) headers["access-control-request-headers"] = requestHeaders;
  return headers;
}

describe("CORSMiddleware with explicit origins and credentials (config E)", () => {
  it("answers an allowed preflight itself with the recorded headers in the recorded order", async () => {
    const r = await callRaw(
      explicit,
      "OPTIONS",
      "/items",
      preflight(APP_ORIGIN, "PUT", "content-type,authorization"),
    );
    expect(r.status).toBe(200);
    expect(await bodyText(r)).toBe("OK");
    expect(headerList(r)).toEqual([
      ["vary", "Origin"],
      ["access-control-allow-methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"],
      ["access-control-max-age", "600"],
      ["access-control-allow-credentials", "true"],
      ["access-control-allow-origin", APP_ORIGIN],
      ["access-control-allow-headers", "content-type,authorization"],
      TEXT_TYPE,
    ]);
  });

  it("refuses a preflight from another origin with 400 Disallowed CORS origin", async () => {
    const r = await callRaw(explicit, "OPTIONS", "/items", preflight(OTHER, "GET", "x-a"));
    expect(r.status).toBe(400);
    expect(await bodyText(r)).toBe("Disallowed CORS origin");
    expect(headerList(r)).toEqual([
      ["vary", "Origin"],
      ["access-control-allow-methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"],
      ["access-control-max-age", "600"],
      ["access-control-allow-credentials", "true"],
      ["access-control-allow-headers", "x-a"],
      TEXT_TYPE,
    ]);
  });

  it("adds credentials, exposed headers, the origin and vary to a simple request", async () => {
    const r = await callRaw(explicit, "GET", "/items", { origin: APP_ORIGIN });
    expect(r.status).toBe(200);
    expect(await bodyText(r)).toBe('{"ok":true}');
    expect(headerList(r)).toEqual([
      JSON_TYPE,
      ["access-control-allow-credentials", "true"],
      ["access-control-expose-headers", "X-Request-Id"],
      ["access-control-allow-origin", APP_ORIGIN],
      ["vary", "Origin"],
    ]);
  });

  it("adds no allow-origin to a simple request from another origin", async () => {
    const r = await callRaw(explicit, "GET", "/items", { origin: OTHER });
    expect(headerList(r)).toEqual([
      JSON_TYPE,
      ["access-control-allow-credentials", "true"],
      ["access-control-expose-headers", "X-Request-Id"],
    ]);
  });

  it("leaves a request without Origin untouched", async () => {
    const r = await callRaw(explicit, "GET", "/items");
    expect(headerList(r)).toEqual([JSON_TYPE]);
  });

  it("sends OPTIONS without Access-Control-Request-Method to the app (405 with CORS headers)", async () => {
    const r = await callRaw(explicit, "OPTIONS", "/items", { origin: APP_ORIGIN });
    expect(r.status).toBe(405);
    expect(await bodyText(r)).toBe('{"detail":"Method Not Allowed"}');
    expect(r.headers["access-control-allow-origin"]).toBe(APP_ORIGIN);
    expect(r.headers.allow).toBe("GET");
  });
});

describe("CORSMiddleware with a wildcard origin (config W)", () => {
  it("refuses a POST preflight: the default methods are GET only", async () => {
    const r = await callRaw(wildcard, "OPTIONS", "/items", preflight(OTHER, "POST"));
    expect(r.status).toBe(400);
    expect(await bodyText(r)).toBe("Disallowed CORS method");
    expect(headerList(r)).toEqual([
      ["access-control-allow-origin", "*"],
      ["access-control-allow-methods", "GET"],
      ["access-control-max-age", "600"],
      ["access-control-allow-headers", SAFELISTED],
      TEXT_TYPE,
    ]);
  });

  it("lists method and headers together when both are refused", async () => {
    const r = await callRaw(wildcard, "OPTIONS", "/items", preflight(OTHER, "POST", "x-custom"));
    expect(r.status).toBe(400);
    expect(await bodyText(r)).toBe("Disallowed CORS method, headers");
    expect(r.headers["access-control-allow-origin"]).toBe("*");
  });

  it("answers a simple request with allow-origin *", async () => {
    const r = await callRaw(wildcard, "GET", "/items", { origin: OTHER });
    expect(headerList(r)).toEqual([JSON_TYPE, ["access-control-allow-origin", "*"]]);
  });

  it("echoes the origin instead of * when the request carries cookies", async () => {
    const r = await callRaw(wildcard, "GET", "/items", { origin: OTHER, cookie: "session=1" });
    expect(headerList(r)).toEqual([
      JSON_TYPE,
      ["access-control-allow-origin", OTHER],
      ["vary", "Origin"],
    ]);
  });
});

describe("CORSMiddleware with restricted methods and headers (config R)", () => {
  it("allows a listed method with a listed header", async () => {
    const r = await callRaw(
      restricted,
      "OPTIONS",
      "/items",
      preflight(APP_ORIGIN, "POST", "x-custom"),
    );
    expect(r.status).toBe(200);
    expect(await bodyText(r)).toBe("OK");
    expect(headerList(r)).toEqual([
      ["vary", "Origin"],
      ["access-control-allow-methods", "GET, POST"],
      ["access-control-max-age", "100"],
      ["access-control-allow-headers", `${SAFELISTED}, X-Custom`],
      ["access-control-allow-origin", APP_ORIGIN],
      TEXT_TYPE,
    ]);
  });

  it("refuses an unlisted method", async () => {
    const r = await callRaw(restricted, "OPTIONS", "/items", preflight(APP_ORIGIN, "DELETE"));
    expect(r.status).toBe(400);
    expect(await bodyText(r)).toBe("Disallowed CORS method");
  });

  it("refuses an unlisted request header", async () => {
    const r = await callRaw(
      restricted,
      "OPTIONS",
      "/items",
      preflight(APP_ORIGIN, "GET", "x-other"),
    );
    expect(r.status).toBe(400);
    expect(await bodyText(r)).toBe("Disallowed CORS headers");
  });

  it("lists origin, method and headers when all three are wrong", async () => {
    const r = await callRaw(restricted, "OPTIONS", "/items", preflight(OTHER, "DELETE", "x-other"));
    expect(r.status).toBe(400);
    expect(await bodyText(r)).toBe("Disallowed CORS origin, method, headers");
    expect(r.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("never calls the route for a preflight", async () => {
    const app = new App();
    let calls = 0;
    app.options("/items", {}, () => {
      calls++;
      return {};
    });
    app.addMiddleware(new CORSMiddleware({ allowOrigins: [APP_ORIGIN] }));
    await callRaw(app, "OPTIONS", "/items", preflight(APP_ORIGIN, "GET"));
    expect(calls).toBe(0);
  });
});

describe("CORSMiddleware with a wildcard origin and credentials", () => {
  const app = corsApp({ allowOrigins: ["*"], allowCredentials: true });

  it("echoes the origin on a preflight", async () => {
    const r = await callRaw(app, "OPTIONS", "/items", preflight(OTHER, "GET"));
    expect(headerList(r)).toEqual([
      ["vary", "Origin"],
      ["access-control-allow-methods", "GET"],
      ["access-control-max-age", "600"],
      ["access-control-allow-headers", SAFELISTED],
      ["access-control-allow-credentials", "true"],
      ["access-control-allow-origin", OTHER],
      TEXT_TYPE,
    ]);
  });

  it("never sends * together with allow-credentials, even without cookies", async () => {
    const cases: Record<string, string>[] = [{ origin: OTHER }, { origin: OTHER, cookie: "a=1" }];
    for (const headers of cases) {
      const r = await callRaw(app, "GET", "/items", headers);
      expect(headerList(r)).toEqual([
        JSON_TYPE,
        ["access-control-allow-credentials", "true"],
        ["access-control-allow-origin", OTHER],
        ["vary", "Origin"],
      ]);
    }
  });
});

describe("CORSMiddleware origin regex", () => {
  const app = corsApp({ allowOriginRegex: "https://.*\\.example\\.com" });

  it("allows an origin that matches the whole pattern", async () => {
    const r = await callRaw(app, "GET", "/items", { origin: "https://a.example.com" });
    expect(r.headers["access-control-allow-origin"]).toBe("https://a.example.com");
  });

  it("refuses an origin that only matches part of the pattern", async () => {
    const r = await callRaw(app, "GET", "/items", { origin: "https://a.example.com.evil.org" });
    expect(r.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("rejects an invalid pattern when constructed", () => {
    expect(() => new CORSMiddleware({ allowOriginRegex: "(" })).toThrow(ConfigError);
  });
});

describe("CORSMiddleware over fetch", () => {
  it("appends Origin to a vary header the route already set", async () => {
    const app = new App();
    app.get("/v", {}, (_args, ctx) => {
      ctx.response.headers.set("vary", "Accept-Language");
      return {};
    });
    app.addMiddleware(new CORSMiddleware({ allowOrigins: [APP_ORIGIN] }));
    const r = await new TestClient(app).get("/v", { headers: { origin: APP_ORIGIN } });
    expect(r.headers.get("vary")).toBe("Accept-Language, Origin");
    expect(r.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
  });
});

describe("CORSMiddleware and an unhandled error", () => {
  // Starlette answers the 500 outside every middleware, so the browser sees a CORS failure
  // instead of the status; here the 500 passes through the middleware like any response
  it("adds the CORS headers to the 500, so a browser app can read the failure", async () => {
    const app = new App({ logger: { error: () => {} } });
    app.get("/boom", {}, () => {
      throw new Error("boom");
    });
    app.addMiddleware(new CORSMiddleware({ allowOrigins: [APP_ORIGIN] }));
    const client = new TestClient(app, { raiseServerExceptions: false });
    const r = await client.get("/boom", { headers: { origin: APP_ORIGIN } });
    expect(r.status).toBe(500);
    expect(await r.text()).toBe("Internal Server Error");
    expect(r.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    expect(r.headers.get("vary")).toBe("Origin");
  });
});
