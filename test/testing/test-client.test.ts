import { describe, expect, it } from "vitest";
import { App, HTTPException, TestClient } from "../../src/index.js";

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

describe("raiseServerExceptions", () => {
  class Boom extends Error {}
  function failingApp(): App {
    const app = new App({ logger: { error: () => {} } });
    app.get("/boom", {}, () => {
      throw new Boom("handler failed");
    });
    app.get("/task", {}, (_args, ctx) => {
      ctx.background.add(() => {
        throw new Boom("task failed");
      });
      return { ok: true };
    });
    app.get("/teapot", {}, () => {
      throw new HTTPException(418);
    });
    return app;
  }

  it("is on by default, as Starlette's: the error behind a 500 rejects the request", async () => {
    const client = new TestClient(failingApp());
    await expect(client.get("/boom")).rejects.toThrow(new Boom("handler failed"));
  });

  it("rejects with a failed background task's error too", async () => {
    await expect(new TestClient(failingApp()).get("/task")).rejects.toBeInstanceOf(Boom);
  });

  it("leaves handled errors alone", async () => {
    expect((await new TestClient(failingApp()).get("/teapot")).status).toBe(418);
  });

  it("off: the 500 response is returned", async () => {
    const client = new TestClient(failingApp(), { raiseServerExceptions: false });
    const r = await client.get("/boom");
    expect({ status: r.status, body: await r.text() }).toEqual({
      status: 500,
      body: "Internal Server Error",
    });
  });
});
