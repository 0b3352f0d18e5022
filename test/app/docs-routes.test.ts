import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { app } from "../../examples/openapi/app.js";
import { App, type RunningServer, serve, TestClient } from "../../src/index.js";

const client = new TestClient(app);

/** A raw node:http request, so that HEAD's headers are seen exactly as sent. */
function rawRequest(url: string, method: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request(url, { method }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on("error", reject);
      req.end();
    },
  );
}

describe("the docs routes", () => {
  it("serve the document as compact application/json", async () => {
    const response = await client.get("/openapi.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    const text = await response.text();
    expect(text).toBe(JSON.stringify(app.openapi()));
  });

  it("serve Swagger UI at /docs from the app's own files", async () => {
    const response = await client.get("/docs");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html).toContain("<title>Shop API - Swagger UI</title>");
    expect(html).toContain('url: "/openapi.json"');
    expect(html).toContain('oauth2RedirectUrl: window.location.origin + "/docs/oauth2-redirect"');
    expect(html).toContain('src="/docs/assets/swagger-ui-bundle.js"');
    expect(html).not.toContain("cdn.jsdelivr.net");
  });

  it("redirect /docs/ to /docs with 307", async () => {
    const response = await client.get("/docs/");
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("/docs");
  });

  it("serve ReDoc at /redoc and the OAuth2 redirect page", async () => {
    const redoc = await client.get("/redoc");
    expect(redoc.status).toBe(200);
    const html = await redoc.text();
    expect(html).toContain("<title>Shop API - ReDoc</title>");
    expect(html).toContain('<redoc spec-url="/openapi.json"></redoc>');
    expect(html).toContain('src="/docs/assets/redoc.standalone.js"');
    const redirect = await client.get("/docs/oauth2-redirect");
    expect(redirect.status).toBe(200);
    expect(await redirect.text()).toContain("<title>Swagger UI: OAuth2 Redirect</title>");
  });

  it("serve the UI files with their content types and a cache-control header", async () => {
    const expected: Record<string, string> = {
      "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
      "swagger-ui.css": "text/css; charset=utf-8",
      "favicon-32x32.png": "image/png",
      "redoc.standalone.js": "text/javascript; charset=utf-8",
    };
    for (const [name, contentType] of Object.entries(expected)) {
      const response = await client.get(`/docs/assets/${name}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe(contentType);
      expect(response.headers.get("cache-control")).toBe("public, max-age=86400");
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    const missing = await client.get("/docs/assets/package.json");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ detail: "Not Found" });
  });

  it("turn every docs route off with openapiUrl: null", async () => {
    const local = new App({ openapiUrl: null });
    local.get("/a", {}, () => 1);
    const localClient = new TestClient(local);
    for (const path of ["/openapi.json", "/docs", "/redoc", "/docs/assets/swagger-ui.css"]) {
      expect((await localClient.get(path)).status).toBe(404);
    }
    expect(local.routes.map((route) => route.path)).toEqual(["/a"]);
  });

  it("keep the document when docsUrl and redocUrl are null", async () => {
    const localClient = new TestClient(new App({ docsUrl: null, redocUrl: null }));
    expect((await localClient.get("/docs")).status).toBe(404);
    expect((await localClient.get("/redoc")).status).toBe(404);
    expect((await localClient.get("/openapi.json")).status).toBe(200);
  });

  it("point the pages at URLs under the root path", async () => {
    const localClient = new TestClient(new App({ title: "Rooted", rootPath: "/api/v1" }));
    const html = await (await localClient.get("/docs")).text();
    expect(html).toContain('url: "/api/v1/openapi.json"');
    expect(html).toContain('window.location.origin + "/api/v1/docs/oauth2-redirect"');
    expect(html).toContain('href="/api/v1/docs/assets/swagger-ui.css"');
    const redoc = await (await localClient.get("/redoc")).text();
    expect(redoc).toContain('<redoc spec-url="/api/v1/openapi.json"></redoc>');
  });

  it("serve the document again after a route is added", async () => {
    const local = new App();
    const localClient = new TestClient(local);
    local.get("/a", { name: "a" }, () => 1);
    expect(Object.keys((await (await localClient.get("/openapi.json")).json()).paths)).toEqual([
      "/a",
    ]);
    local.get("/b", { name: "b" }, () => 1);
    expect(Object.keys((await (await localClient.get("/openapi.json")).json()).paths)).toEqual([
      "/a",
      "/b",
    ]);
  });
});

describe("the docs routes on a real server", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serve(app, { port: 0 });
  });
  afterAll(async () => {
    await server.close();
  });

  it("answer HEAD /openapi.json with 200, the GET's content-length and no body", async () => {
    const get = await rawRequest(`${server.url}/openapi.json`, "GET");
    const head = await rawRequest(`${server.url}/openapi.json`, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
    expect(head.headers["content-length"]).toBe(String(Buffer.byteLength(get.body)));
    expect(head.headers["content-type"]).toBe("application/json");
  });

  it("answer HEAD on the pages and files too", async () => {
    for (const path of ["/docs", "/redoc", "/docs/assets/swagger-ui.css"]) {
      const get = await rawRequest(`${server.url}${path}`, "GET");
      const head = await rawRequest(`${server.url}${path}`, "HEAD");
      expect(head.status).toBe(200);
      expect(head.body).toBe("");
      expect(head.headers["content-length"]).toBe(String(Buffer.byteLength(get.body)));
    }
  });
});
