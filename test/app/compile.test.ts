// A route with dependencies and no body finishes its answer in the last dependency's .then:
// the exception handlers, the 422 body and responses that finish themselves (files) still apply.

import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it, vi } from "vitest";
import { z } from "zod";
import {
  App,
  Body,
  Depends,
  dependency,
  FileResponse,
  Header,
  HTTPException,
  httpExceptionHandler,
} from "../../src/index.js";
import { describeTransports } from "../integration/transports.js";

class Banned extends Error {}

const file = join(tmpdir(), `tailor-compile-${process.pid}.txt`);
writeFileSync(file, "0123456789");

const seen: string[] = [];

function makeApp(): App {
  const app = new App();
  app.exceptionHandler(Banned, () => ({
    status: 403,
    headers: { "content-type": "text/plain" },
    body: "banned",
  }));
  app.exceptionHandler(HTTPException, (ctx, error: HTTPException) => {
    seen.push(`http ${error.status}`);
    return httpExceptionHandler(ctx, error);
  });
  const key = dependency({ key: Header(z.string(), { alias: "x-key" }) }, ({ key }) => key);
  const user = dependency({ key: Depends(key) }, async ({ key }) => {
    await Promise.resolve();
    if (key === "banned") throw new Banned();
    return { name: `user-${key}` };
  });
  const team = dependency({ user: Depends(user) }, async ({ user }) => `team-of-${user.name}`);
  app.get("/me", { params: { user: Depends(user) } }, ({ user }) => ({ user: user.name }));
  app.get("/team", { params: { team: Depends(team), user: Depends(user) } }, (args) => args);
  app.get("/limited", { params: { user: Depends(user), n: z.coerce.number().max(3) } }, (a) => a);
  app.get("/denied", { params: { user: Depends(user) } }, ({ user }) => {
    throw new HTTPException(409, `not for ${user.name}`);
  });
  app.get("/later", { params: { key: Depends(key) } }, async ({ key }) => {
    await Promise.resolve();
    if (key === "no") throw new HTTPException(404, "gone");
    return { key };
  });
  app.get("/file", { params: { user: Depends(user) } }, () => new FileResponse(file));
  const Item = z.object({ n: z.number() });
  app.post("/items", { params: { user: Depends(user), item: Body(Item) } }, (args) => ({
    user: args.user.name,
    n: args.item.n,
  }));
  app.post("/later-items", { params: { key: Depends(key), item: Body(Item) } }, async (args) => {
    await Promise.resolve();
    return { key: args.key, n: args.item.n };
  });
  const session = dependency({ user: Depends(user) }, async function* ({ user }) {
    yield `session-of-${user.name}`;
    seen.push(`closed ${user.name}`);
  });
  app.post("/session-items", { params: { session: Depends(session), item: Body(Item) } }, (a) => ({
    session: a.session,
    n: a.item.n,
  }));
  return app;
}

describeTransports("a route settled by its dependencies", makeApp, (client) => {
  it("a sync handler answers after an async dependency", async () => {
    const r = await client().request("GET", "/me", { headers: { "x-key": "k" } });
    expect([r.status, await r.json()]).toEqual([200, { user: "user-k" }]);
  });

  it("waits for every level of async dependencies", async () => {
    const r = await client().request("GET", "/team", { headers: { "x-key": "k" } });
    expect(await r.json()).toEqual({ team: "team-of-user-k", user: { name: "user-k" } });
  });

  it("an async dependency's error goes to the app's exception handler", async () => {
    const r = await client().request("GET", "/me", { headers: { "x-key": "banned" } });
    expect([r.status, await r.text()]).toEqual([403, "banned"]);
  });

  it("a handler's HTTPException after an async dependency goes to the handler for it", async () => {
    seen.length = 0;
    const r = await client().request("GET", "/denied", { headers: { "x-key": "k" } });
    expect([r.status, await r.json(), seen]).toEqual([
      409,
      { detail: "not for user-k" },
      ["http 409"],
    ]);
  });

  it("answers 422 once the valid dependencies ran, and 422 for a missing header at once", async () => {
    const r = await client().request("GET", "/limited?n=9", { headers: { "x-key": "banned" } });
    expect(r.status).toBe(403); // the dependency ran (and refused) before the 422
    const bad = await client().request("GET", "/limited?n=9", { headers: { "x-key": "k" } });
    expect(bad.status).toBe(422);
    expect((await bad.json()).detail[0]).toMatchObject({
      loc: ["query", "n"],
      type: "less_than_equal",
    });
    const missing = await client().request("GET", "/me");
    expect(missing.status).toBe(422);
    expect((await missing.json()).detail[0]).toMatchObject({ loc: ["header", "x-key"] });
  });

  it("an async handler after sync dependencies is answered and its errors handled", async () => {
    const ok = await client().request("GET", "/later", { headers: { "x-key": "k" } });
    expect(await ok.json()).toEqual({ key: "k" });
    const gone = await client().request("GET", "/later", { headers: { "x-key": "no" } });
    expect([gone.status, await gone.json()]).toEqual([404, { detail: "gone" }]);
  });

  it("a response that finishes itself (a file's Range) is finished after the dependency", async () => {
    const r = await client().request("GET", "/file", {
      headers: { "x-key": "k", range: "bytes=2-4" },
    });
    expect([r.status, await r.text()]).toEqual([206, "234"]);
  });
});

describeTransports("a route with a body and dependencies", makeApp, (client) => {
  const post = (path: string, key: string, json: unknown) =>
    client().request("POST", path, { headers: { "x-key": key }, json });

  it("answers after the body and an async dependency", async () => {
    const r = await post("/items", "k", { n: 1 });
    expect([r.status, await r.json()]).toEqual([200, { user: "user-k", n: 1 }]);
  });

  it("answers the dependency's error, and refuses before a 422 of the body as FastAPI does", async () => {
    const banned = await post("/items", "banned", { n: 1 });
    const bannedAndBad = await post("/items", "banned", { n: "x" });
    const bad = await post("/items", "k", { n: "x" });
    expect([banned.status, bannedAndBad.status, bad.status]).toEqual([403, 403, 422]);
    expect((await bad.json()).detail[0]).toMatchObject({ loc: ["body", "n"] });
  });

  it("answers an async handler after sync dependencies and the body", async () => {
    const r = await post("/later-items", "k", { n: 2 });
    expect([r.status, await r.json()]).toEqual([200, { key: "k", n: 2 }]);
  });

  it("closes a generator dependency after answering", async () => {
    seen.length = 0;
    const r = await post("/session-items", "k", { n: 3 });
    expect([r.status, await r.json()]).toEqual([200, { session: "session-of-user-k", n: 3 }]);
    await vi.waitFor(() => expect(seen).toEqual(["closed user-k"]));
  });
});
