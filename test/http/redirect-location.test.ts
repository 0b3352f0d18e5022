import { describe, expect, it } from "vitest";
import { slashRedirectLocation } from "../../src/http/redirect-location.js";
import { App, TestClient } from "../../src/index.js";
import { createRequestContext } from "../../src/testing/request-context.js";

describe("slashRedirectLocation", () => {
  const ctx = (url: string, host?: string) =>
    createRequestContext("GET", url, host === undefined ? {} : { host });

  it("is a path with the query for an untrusted or missing host", () => {
    expect(slashRedirectLocation(ctx("/a?x=1", "evil.example"), "/a/", undefined)).toBe("/a/?x=1");
    expect(slashRedirectLocation(ctx("/a"), "/a/", ["api.example"])).toBe("/a/");
  });

  it("is absolute for a trusted host, whatever its case", () => {
    expect(slashRedirectLocation(ctx("/a", "API.example"), "/a/", ["api.example"])).toBe(
      "http://API.example/a/",
    );
  });

  it("never starts with two slashes, which a browser reads as another host", () => {
    expect(slashRedirectLocation(ctx("//evil.example", "x"), "//evil.example/", [])).toBe(
      "/evil.example/",
    );
  });
});

describe("the app's trailing-slash redirects", () => {
  const app = new App({ trustedRedirectHosts: ["api.example.com"] });
  app.get("/items/", {}, () => []);
  const client = new TestClient(app);

  it("carry a path for a forged Host", async () => {
    const response = await client.get("/items?page=2", { headers: { host: "evil.example" } });
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("/items/?page=2");
  });

  it("carry FastAPI's absolute URL for a trusted Host", async () => {
    const response = await client.get("/items", { headers: { host: "api.example.com" } });
    expect(response.headers.get("location")).toBe("http://api.example.com/items/");
  });
});
