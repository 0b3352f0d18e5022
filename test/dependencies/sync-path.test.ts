import { App, Depends, dependency, Header, HTTPException, Query } from "tailor";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createRequestContext } from "../../src/testing/request-context.js";

// A route whose dependencies all answer synchronously is answered in the same tick, with no
// promise: app.handle returns the response object itself.
function appWithDependencies() {
  const apiKey = dependency({ key: Header(z.string(), { alias: "x-api-key" }) }, ({ key }) => {
    if (key !== "secret") throw new HTTPException(401, "Invalid API key");
    return key;
  });
  const syncUser = dependency({ key: Depends(apiKey) }, ({ key }) => ({ name: "alice", key }));
  const asyncUser = dependency({ key: Depends(apiKey) }, async ({ key }) => ({ name: "bob", key }));
  const app = new App();
  app.get(
    "/sync",
    { params: { user: Depends(syncUser), n: Query(z.number()) } },
    ({ user, n }) => ({
      user: user.name,
      n,
    }),
  );
  app.get("/async", { params: { user: Depends(asyncUser) } }, ({ user }) => ({ user: user.name }));
  return app;
}

describe("dependency graphs without promises", () => {
  const app = appWithDependencies();

  it("answers synchronously when every dependency and the handler are synchronous", () => {
    const response = app.handle(
      createRequestContext("GET", "/sync?n=2", { "x-api-key": "secret" }),
    );
    expect(response).not.toBeInstanceOf(Promise);
    expect(response).toMatchObject({ status: 200, body: '{"user":"alice","n":2}' });
  });

  it("keeps the synchronous answer for a failing dependency and for invalid params", async () => {
    const denied = await app.handle(createRequestContext("GET", "/sync?n=2", { "x-api-key": "x" }));
    expect(denied).toMatchObject({ status: 401, body: '{"detail":"Invalid API key"}' });
    const invalid = await app.handle(
      createRequestContext("GET", "/sync?n=x", { "x-api-key": "secret" }),
    );
    expect(invalid.status).toBe(422);
    expect(JSON.parse(invalid.body as string).detail[0].loc).toEqual(["query", "n"]);
  });

  it("answers with a promise once a dependency is async", async () => {
    const pending = app.handle(createRequestContext("GET", "/async", { "x-api-key": "secret" }));
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toMatchObject({ status: 200, body: '{"user":"bob"}' });
  });
});
