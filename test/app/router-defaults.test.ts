import { expect, it } from "vitest";
import { z } from "zod";
import { APIRouter, App, HTMLResponse, PlainTextResponse } from "../../src/index.js";
import { describeTransports } from "../integration/transports.js";

function routerDefaultsApp(): App {
  const app = new App();
  const legacy = new APIRouter({
    prefix: "/legacy",
    deprecated: true,
    defaultResponseClass: PlainTextResponse,
    responses: { 404: { description: "Gone" } },
  });
  legacy.get("/text", {}, () => "plain words");
  legacy.get("/html", { responseClass: HTMLResponse }, () => "<b>own class</b>");
  legacy.get("/marked", { deprecated: false, params: { q: z.string().optional() } }, () => "x");
  const hidden = new APIRouter({ includeInSchema: false });
  hidden.get("/internal", {}, () => ({ internal: true }));
  app.includeRouter(legacy);
  app.includeRouter(hidden, { prefix: "/ops" });
  const outer = new APIRouter();
  outer.get("/seen", {}, () => ({}));
  app.includeRouter(outer, { prefix: "/v0", deprecated: true, includeInSchema: true });
  return app;
}

describeTransports("router-level route defaults", routerDefaultsApp, (client) => {
  async function document() {
    return (await (await client().request("GET", "/openapi.json")).json()) as {
      paths: Record<string, { get: Record<string, any> }>;
    };
  }

  it("defaultResponseClass renders routes that set no responseClass of their own", async () => {
    const text = await client().request("GET", "/legacy/text");
    expect(text.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await text.text()).toBe("plain words");
    const html = await client().request("GET", "/legacy/html");
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
  });

  it("deprecated on a router or an include marks every route, whatever the route says", async () => {
    const doc = await document();
    expect(doc.paths["/legacy/text"]!.get.deprecated).toBe(true);
    expect(doc.paths["/legacy/marked"]!.get.deprecated).toBe(true);
    expect(doc.paths["/v0/seen"]!.get.deprecated).toBe(true);
  });

  it("includeInSchema false on a router hides its routes from the document and still serves them", async () => {
    expect(Object.keys((await document()).paths)).not.toContain("/ops/internal");
    expect(await (await client().request("GET", "/ops/internal")).json()).toEqual({
      internal: true,
    });
  });

  it("router responses and defaultResponseClass reach the document", async () => {
    const op = (await document()).paths["/legacy/text"]!.get;
    expect(op.responses["404"]).toEqual({ description: "Gone" });
    expect(op.responses["200"].content).toEqual({ "text/plain": { schema: { type: "string" } } });
  });
});
