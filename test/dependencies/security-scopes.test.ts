import {
  App,
  Depends,
  dependency,
  HTTPException,
  Security,
  SecurityScopes,
  TestClient,
} from "tailor";
import { describe, expect, it } from "vitest";

describe("Security and SecurityScopes", () => {
  const granted = new Set(["me", "items"]);
  const token = dependency({ required: SecurityScopes() }, ({ required }) => {
    for (const scope of required.scopes) {
      if (!granted.has(scope))
        throw new HTTPException(401, "Not enough permissions", {
          "WWW-Authenticate": `Bearer scope="${required.scopeStr}"`,
        });
    }
    return { scopes: required.scopes, scopeStr: required.scopeStr };
  });
  const currentUser = dependency(
    { token: Security(token, { scopes: ["me"] }), here: SecurityScopes() },
    ({ token, here }) => ({ token, here: here.scopes }),
  );

  it("aggregates the scopes required along the path from the route to each dependency", async () => {
    const app = new App();
    app.get(
      "/me/items",
      { params: { user: Security(currentUser, { scopes: ["items"] }) } },
      (a) => a,
    );
    const r = await new TestClient(app).get("/me/items");
    expect(await r.json()).toEqual({
      user: { token: { scopes: ["items", "me"], scopeStr: "items me" }, here: ["items"] },
    });
  });

  it("gives a dependency reached through plain Depends only the scopes above it", async () => {
    const app = new App();
    app.get("/me", { params: { user: Depends(currentUser) } }, (a) => a);
    expect(await (await new TestClient(app).get("/me")).json()).toEqual({
      user: { token: { scopes: ["me"], scopeStr: "me" }, here: [] },
    });
  });

  it("lets a dependency reject a request that lacks a required scope", async () => {
    const app = new App();
    app.get("/admin", { params: { user: Security(currentUser, { scopes: ["admin"] }) } }, (a) => a);
    const r = await new TestClient(app).get("/admin");
    expect(r.status).toBe(401);
    expect(r.headers.get("www-authenticate")).toBe('Bearer scope="admin me"');
    expect(await r.json()).toEqual({ detail: "Not enough permissions" });
  });

  it("resolves one dependency separately for each distinct set of scopes", async () => {
    let calls = 0;
    const counted = dependency({ s: SecurityScopes() }, ({ s }) => `${++calls}:${s.scopeStr}`);
    const app = new App();
    app.get(
      "/twice",
      {
        params: {
          a: Security(counted, { scopes: ["x"] }),
          b: Security(counted, { scopes: ["x"] }),
          c: Security(counted, { scopes: ["y"] }),
        },
      },
      (args) => args,
    );
    expect(await (await new TestClient(app).get("/twice")).json()).toEqual({
      a: "1:x",
      b: "1:x",
      c: "2:y",
    });
  });
});
