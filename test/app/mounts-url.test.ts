import { describe, expect, it } from "vitest";
import { App, TestClient } from "../../src/index.js";

function urlApp(): App {
  const app = new App();
  app.get("/top", {}, (_args, ctx) => ({ url: ctx.url }));
  return app;
}

describe("ctx.url", () => {
  it("is the URL the client asked for at the top level", async () => {
    const response = await new TestClient(urlApp()).get("/top?q=1");
    expect(await response.json()).toEqual({ url: "http://testserver/top?q=1" });
  });

  it("keeps the mount prefix inside a mounted app, while rawPath loses it", async () => {
    const sub = new App();
    sub.get("/items/{id}", {}, (_args, ctx) => ({ url: ctx.url, raw: ctx.rawPath }));
    const app = urlApp().mount("/api", sub);
    const response = await new TestClient(app).get("/api/items/a%20b?x=y");
    expect(await response.json()).toEqual({
      url: "http://testserver/api/items/a%20b?x=y",
      raw: "/items/a%20b",
    });
  });

  it("keeps every prefix of nested mounts and the app's rootPath", async () => {
    const leaf = new App();
    leaf.get("/here", {}, (_args, ctx) => ({ url: ctx.url }));
    const middle = new App().mount("/v1", leaf);
    const app = new App({ rootPath: "/proxy" }).mount("/api", middle);
    const response = await new TestClient(app).get("/api/v1/here");
    expect(await response.json()).toEqual({ url: "http://testserver/proxy/api/v1/here" });
  });
});
