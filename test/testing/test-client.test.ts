import { expect, it } from "vitest";
import { App, TestClient } from "../../src/index.js";

function headerEcho(): App {
  const app = new App();
  app.get("/h", {}, (_args, ctx) => ({
    agent: ctx.header("user-agent"),
    token: ctx.header("x-token"),
  }));
  return app;
}

it("a request's header replaces the client's default of the same name, as httpx does", async () => {
  const client = new TestClient(headerEcho(), { headers: { "X-Token": "default" } });
  const r = await client.get("/h", { headers: { "User-Agent": "probe/1", "x-token": "mine" } });
  expect(await r.json()).toEqual({ agent: "probe/1", token: "mine" });
});

it("keeps the client's defaults for names the request does not set", async () => {
  const client = new TestClient(headerEcho(), { headers: { "x-token": "default" } });
  expect(await (await client.get("/h")).json()).toEqual({ agent: "testclient", token: "default" });
});

it("keeps a name the request itself repeats", async () => {
  const client = new TestClient(headerEcho());
  const r = await client.get("/h", {
    headers: [
      ["x-token", "a"],
      ["x-token", "b"],
    ],
  });
  expect((await r.json()).token).toBe("a, b");
});
