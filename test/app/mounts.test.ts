import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  App,
  ConfigError,
  HTTPException,
  JSONResponse,
  Path,
  PlainTextResponse,
  TestClient,
} from "../../src/index.js";
import { expectRecorded, JSON_CT } from "../parity/recorded.js";
import { withRecordedMiddleware } from "../staticfiles/fixtures.js";

class Teapot extends Error {}

function makeSubapp(): App {
  const sub = new App({ title: "Sub" });
  sub.get("/ping", {}, (_args, ctx) => ({ sub: true, root_path: ctx.rootPath }));
  sub.get("/where", {}, (_args, ctx) => ({ path: ctx.path, raw: ctx.rawPath }));
  sub.get("/items/{name}", { params: { name: Path(z.string()) } }, ({ name }) => ({ name }));
  sub.get("/slash/", {}, () => ({ slash: true }));
  sub.get("/teapot", {}, () => {
    throw new Teapot();
  });
  sub.exceptionHandler(Teapot, () => new JSONResponse({ teapot: true }, { status: 418 }));
  return sub;
}

describe("app.mount with a sub-app", () => {
  const app = withRecordedMiddleware(new App());
  app.mount("/subapp", makeSubapp());
  app.exceptionHandler(404, () => new PlainTextResponse("parent 404", { status: 404 }));
  const client = new TestClient(app);

  it("answers the recorded subapp-route case with the parent's middleware headers", async () => {
    await expectRecorded(await client.get("/subapp/ping"), {
      status: 200,
      contentType: JSON_CT,
      body: '{"sub":true,"root_path":"/subapp"}',
      headers: { "x-first": "1", "x-second": "1" },
    });
  });

  it("hands the sub-app the path without the prefix", async () => {
    const r = await client.get("/subapp/where");
    expect(await r.json()).toEqual({ path: "/where", raw: "/where" });
    const item = await client.get("/subapp/items/a%20b");
    expect(await item.json()).toEqual({ name: "a b" });
  });

  it("uses the sub-app's own exception handlers and 404, not the parent's", async () => {
    const teapot = await client.get("/subapp/teapot");
    expect(teapot.status).toBe(418);
    expect(await teapot.json()).toEqual({ teapot: true });
    const missing = await client.get("/subapp/nothing");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('{"detail":"Not Found"}');
    expect((await client.get("/nothing")).status).toBe(404);
    expect(await (await client.get("/nothing")).text()).toBe("parent 404");
  });

  it("redirects inside the sub-app with the mount prefix in the location", async () => {
    const r = await client.get("/subapp/slash?q=1");
    expect(r.status).toBe(307);
    expect(r.headers.get("location")).toBe("/subapp/slash/?q=1");
  });

  it("redirects the bare prefix to the prefix with a slash", async () => {
    const r = await client.get("/subapp");
    expect(r.status).toBe(307);
    expect(r.headers.get("location")).toBe("/subapp/");
  });

  it("lists its mounts for the docs", () => {
    expect(app.mounts.map((mount) => mount.path)).toEqual(["/subapp"]);
    expect(app.mounts[0]?.app).toBeInstanceOf(App);
  });
});

describe("mount order relative to routes", () => {
  const inner = new App();
  inner.get("/{rest:path}", {}, ({ rest }: { rest: string }) => ({ mounted: rest }));
  const app = new App();
  app.get("/api/before", {}, () => ({ route: "before" }));
  app.post("/api/post-only", {}, () => ({ route: "post-only" }));
  app.mount("/api", inner);
  app.get("/api/after", {}, () => ({ route: "after" }));
  app.get("/other", {}, () => ({ route: "other" }));
  const client = new TestClient(app);

  it("lets a route declared before the mount win", async () => {
    expect(await (await client.get("/api/before")).json()).toEqual({ route: "before" });
  });

  it("lets the mount shadow a route declared after it", async () => {
    expect(await (await client.get("/api/after")).json()).toEqual({ mounted: "after" });
  });

  it("lets the mount answer when an earlier route matches the path but not the method", async () => {
    expect(await (await client.get("/api/post-only")).json()).toEqual({ mounted: "post-only" });
    expect(await (await client.post("/api/post-only")).json()).toEqual({ route: "post-only" });
  });

  it("leaves paths outside the prefix to the routes", async () => {
    expect(await (await client.get("/other")).json()).toEqual({ route: "other" });
    expect((await client.get("/apix")).status).toBe(404);
  });
});

describe("mounting at the root", () => {
  const fallback = new App();
  fallback.get("/{rest:path}", {}, ({ rest }: { rest: string }) => ({ fallback: rest }));
  const app = new App();
  app.get("/health", {}, () => ({ ok: true }));
  app.mount("/", fallback);
  const client = new TestClient(app);

  it("answers the routes declared first and sends everything else to the mount", async () => {
    expect(await (await client.get("/health")).json()).toEqual({ ok: true });
    expect(await (await client.get("/some/page")).json()).toEqual({ fallback: "some/page" });
  });

  it("keeps the root path empty", async () => {
    const probe = new App();
    probe.get("/root", {}, (_args, ctx) => ({ root: ctx.rootPath }));
    const top = new App();
    top.mount("/", probe);
    expect(await (await new TestClient(top).get("/root")).json()).toEqual({ root: "" });
  });
});

describe("nested mounts and lifecycles", () => {
  it("adds each prefix to the root path", async () => {
    const leaf = new App();
    leaf.get("/here", {}, (_args, ctx) => ({ root: ctx.rootPath, path: ctx.path }));
    const middle = new App();
    middle.mount("/b", leaf);
    const top = new App();
    top.mount("/a", middle);
    const r = await new TestClient(top).get("/a/b/here");
    expect(await r.json()).toEqual({ root: "/a/b", path: "/here" });
  });

  it("runs a mounted app's lifespan with the parent's", async () => {
    const events: string[] = [];
    const sub = new App({
      lifespan: async function* () {
        events.push("sub up");
        yield { ready: true };
        events.push("sub down");
      },
    });
    sub.get("/ready", {}, (_args, ctx) => ({ ready: ctx.state.ready }));
    const app = new App();
    app.mount("/sub", sub);
    const client = new TestClient(app);
    expect(await (await client.get("/sub/ready")).json()).toEqual({ ready: true });
    await client.close();
    expect(events).toEqual(["sub up", "sub down"]);
  });

  it("sends errors a mounted handler object throws to the parent's handlers", async () => {
    const app = new App();
    app.mount("/raw", {
      handle: async () => {
        throw new HTTPException(403, "no");
      },
    });
    const r = await new TestClient(app).get("/raw/x");
    expect(r.status).toBe(403);
    expect(await r.json()).toEqual({ detail: "no" });
  });

  it("rejects mount paths that are not plain paths", () => {
    const app = new App();
    expect(() => app.mount("static", new App())).toThrow(ConfigError);
    expect(() => app.mount("/files/{id}", new App())).toThrow(ConfigError);
  });
});
