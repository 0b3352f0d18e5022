import { expect, it } from "vitest";
import { z } from "zod";
import { APIRouter, App, HTMLResponse, JSONResponse, PlainTextResponse } from "../../src/index.js";
import { describeTransports } from "../integration/transports.js";
import { expectValidOpenApi } from "../openapi/validate.js";

function htmlApp(): App {
  const app = new App({ defaultResponseClass: HTMLResponse });
  app.get("/page", {}, () => "<h1>Hello</h1>");
  app.get("/data", { responseClass: JSONResponse }, () => ({ ok: true }));
  app.get("/checked", { params: { n: z.number().int() } }, ({ n }) => `<p>${n}</p>`);
  const plain = new APIRouter({ defaultResponseClass: PlainTextResponse });
  plain.get("/text", {}, () => "plain words");
  const bare = new APIRouter();
  bare.get("/inherited", {}, () => "<i>app default</i>");
  bare.get("/own", { responseClass: PlainTextResponse }, () => "own class");
  app.includeRouter(plain, { prefix: "/plain" });
  app.includeRouter(bare, { prefix: "/bare" });
  app.includeRouter(bare, { prefix: "/included", defaultResponseClass: JSONResponse });
  return app;
}

describeTransports("app-level defaultResponseClass", htmlApp, (client) => {
  async function contentType(path: string): Promise<string | null> {
    const r = await client().request("GET", path);
    expect(r.status).toBe(200);
    return r.headers.get("content-type");
  }

  it("renders every route that sets no responseClass, its routers' included", async () => {
    const r = await client().request("GET", "/page");
    expect(r.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await r.text()).toBe("<h1>Hello</h1>");
    expect(await contentType("/bare/inherited")).toBe("text/html; charset=utf-8");
  });

  it("yields to a route's own class, a router's default and an includeRouter default", async () => {
    expect(await contentType("/data")).toBe("application/json");
    expect(await contentType("/plain/text")).toBe("text/plain; charset=utf-8");
    expect(await contentType("/bare/own")).toBe("text/plain; charset=utf-8");
    const included = await client().request("GET", "/included/inherited");
    expect(included.headers.get("content-type")).toBe("application/json");
    expect(await included.text()).toBe('"<i>app default</i>"');
  });

  it("leaves validation errors and the OpenAPI document as JSON", async () => {
    const bad = await client().request("GET", "/checked?n=x");
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toBe("application/json");
    expect(await contentType("/openapi.json")).toBe("application/json");
  });

  it("documents each route's success response under the media type it is sent with", async () => {
    const doc = (await (await client().request("GET", "/openapi.json")).json()) as any;
    const mediaTypes = (path: string) =>
      Object.keys(doc.paths[path].get.responses["200"].content ?? {});
    expect(mediaTypes("/page")).toEqual(["text/html"]);
    expect(mediaTypes("/bare/inherited")).toEqual(["text/html"]);
    expect(mediaTypes("/data")).toEqual(["application/json"]);
    expect(mediaTypes("/plain/text")).toEqual(["text/plain"]);
    expect(mediaTypes("/included/inherited")).toEqual(["application/json"]);
    expect(doc.paths["/page"].get.responses["200"].content["text/html"]).toEqual({
      schema: { type: "string" },
    });
    await expectValidOpenApi(doc);
  });
});

it("keeps JSON as the default when the app sets none", async () => {
  const app = new App();
  app.get("/x", {}, () => "s");
  expect((app.openapi() as any).paths["/x"].get.responses["200"].content).toEqual({
    "application/json": { schema: {} },
  });
});
