import { describe, expect, it } from "vitest";
import {
  App,
  ConfigError,
  HTTPSRedirectMiddleware,
  TestClient,
  TrustedHostMiddleware,
} from "../../src/index.js";
import { bodyText, callRaw } from "./raw.js";

function hostApp(): App {
  const app = new App();
  app.get("/trusted/x", {}, () => ({ ok: true }));
  app.addMiddleware(
    new TrustedHostMiddleware({ allowedHosts: ["example.com", "*.example.com", "www.other.org"] }),
  );
  return app;
}

describe("TrustedHostMiddleware", () => {
  const app = hostApp();

  it("answers 400 Invalid host header as text/plain for an unlisted host", async () => {
    const r = await new TestClient(app).get("/trusted/x");
    expect(r.status).toBe(400);
    expect(r.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await r.text()).toBe("Invalid host header");
  });

  it("serves listed hosts, subdomains of a wildcard, and ignores the port", async () => {
    for (const host of ["example.com", "api.example.com", "example.com:8000", "a.b.example.com"]) {
      const r = await callRaw(app, "GET", "/trusted/x", { host });
      expect(r.status).toBe(200);
    }
  });

  it("redirects to the www. host when only that one is listed", async () => {
    const r = await callRaw(app, "GET", "/trusted/x?q=1", { host: "other.org" });
    expect(r.status).toBe(307);
    expect(r.headers.location).toBe("http://www.other.org/trusted/x?q=1");
  });

  it("does not redirect to www. when wwwRedirect is false", async () => {
    const strict = new App();
    strict.get("/", {}, () => ({}));
    strict.addMiddleware(
      new TrustedHostMiddleware({ allowedHosts: ["www.other.org"], wwwRedirect: false }),
    );
    const r = await callRaw(strict, "GET", "/", { host: "other.org" });
    expect(r.status).toBe(400);
    expect(await bodyText(r)).toBe("Invalid host header");
  });

  it("rejects wildcard patterns that are not a leading *. when constructed", () => {
    expect(() => new TrustedHostMiddleware({ allowedHosts: ["api.*.com"] })).toThrow(ConfigError);
    expect(() => new TrustedHostMiddleware({ allowedHosts: ["*example.com"] })).toThrow(
      /E_MIDDLEWARE_CONFIG/,
    );
  });

  it("allows any host with *", async () => {
    const any = new App();
    any.get("/", {}, () => ({}));
    any.addMiddleware(new TrustedHostMiddleware({ allowedHosts: ["*"] }));
    expect((await callRaw(any, "GET", "/", { host: "whatever.test" })).status).toBe(200);
  });
});

describe("HTTPSRedirectMiddleware", () => {
  const app = new App();
  app.get("/items/{id}", {}, () => ({ ok: true }));
  app.addMiddleware(new HTTPSRedirectMiddleware());

  it("redirects http to https with 307, keeping path and query", async () => {
    const r = await new TestClient(app).get("/items/1?q=a%20b");
    expect(r.status).toBe(307);
    expect(r.headers.get("location")).toBe("https://testserver/items/1?q=a%20b");
  });

  it("drops the default ports and keeps the others", async () => {
    const r80 = await callRaw(app, "GET", "/items/1", { host: "example.com:80" });
    expect(r80.headers.location).toBe("https://example.com/items/1");
    const r8 = await callRaw(app, "GET", "/items/1", { host: "example.com:8080" });
    expect(r8.headers.location).toBe("https://example.com:8080/items/1");
  });

  it("redirects ws to wss", async () => {
    const r = await callRaw(app, "GET", "/items/1", { host: "example.com" }, "ws");
    expect(r.headers.location).toBe("wss://example.com/items/1");
  });

  it("lets https requests through", async () => {
    const r = await callRaw(app, "GET", "/items/1", { host: "example.com" }, "https");
    expect(r.status).toBe(200);
  });
});
