import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import {
  APIKeyCookie,
  APIKeyHeader,
  APIKeyQuery,
  App,
  Depends,
  dependency,
  HTTPBasic,
  HTTPBearer,
  HTTPDigest,
  HTTPException,
  OAuth2AuthorizationCodeBearer,
  OAuth2PasswordBearer,
  OpenIdConnect,
  Query,
  TestClient,
} from "../../src/index.js";
import type {
  HTTPAuthorizationCredentials,
  HTTPBasicCredentials,
} from "../../src/security/index.js";

async function call(app: App, url: string, headers: Record<string, string> = {}) {
  const response = await new TestClient(app).get(url, { headers });
  return {
    status: response.status,
    body: await response.json(),
    wwwAuthenticate: response.headers.get("www-authenticate"),
  };
}

function echoApp(scheme: Parameters<typeof Depends>[0], extra = {}): App {
  const app = new App();
  app.get("/", { params: { value: Depends(scheme), ...extra } }, ({ value }) => ({
    // "absent" tells an undefined value from FastAPI's None (null)
    value: value === undefined ? "absent" : value,
  }));
  return app;
}

describe("API key schemes", () => {
  it("resolve to the key sent in a header, whatever the header name's case", async () => {
    const app = echoApp(new APIKeyHeader({ name: "X-API-Key" }));
    expect((await call(app, "/", { "x-api-key": "secret" })).body).toEqual({ value: "secret" });
  });

  it("resolve to the key sent as a query parameter or a cookie", async () => {
    const query = echoApp(new APIKeyQuery({ name: "api_key" }));
    expect((await call(query, "/?api_key=k1")).body).toEqual({ value: "k1" });
    const cookie = echoApp(new APIKeyCookie({ name: "session" }));
    expect((await call(cookie, "/", { cookie: "session=k2" })).body).toEqual({ value: "k2" });
  });

  it("treat an empty query key as missing", async () => {
    const app = echoApp(new APIKeyQuery({ name: "api_key" }));
    expect((await call(app, "/?api_key=")).status).toBe(401);
  });

  it("resolve to null (FastAPI's None) when the key is missing and autoError is false", async () => {
    const app = echoApp(new APIKeyCookie({ name: "session", autoError: false }));
    expect(await call(app, "/")).toEqual({
      status: 200,
      body: { value: null },
      wwwAuthenticate: null,
    });
  });

  it("never answer 422 for the header they read, even next to an invalid param", async () => {
    // the key's header is an optional param: only the other param's error is reported
    const app = echoApp(new APIKeyHeader({ name: "X-API-Key" }), {
      limit: Query(z.number().int()),
    });
    const answer = await call(app, "/?limit=x", { "x-api-key": "k" });
    expect(answer.status).toBe(422);
    expect(answer.body.detail.map((error: { loc: string[] }) => error.loc)).toEqual([
      ["query", "limit"],
    ]);
  });

  it("answer 401 before a 422 when the key is missing, as FastAPI does", async () => {
    const app = echoApp(new APIKeyHeader({ name: "X-API-Key" }), {
      limit: Query(z.number().int()),
    });
    const answer = await call(app, "/?limit=x");
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ detail: "Not authenticated" });
  });
});

describe("HTTPBearer", () => {
  it("keeps the scheme as the client spelled it", async () => {
    const app = echoApp(new HTTPBearer());
    expect((await call(app, "/", { authorization: "BEARER abc.def" })).body).toEqual({
      value: { scheme: "BEARER", credentials: "abc.def" },
    });
  });

  it("resolves to null with autoError false, for a missing header or another scheme", async () => {
    const app = echoApp(new HTTPBearer({ autoError: false }));
    expect((await call(app, "/")).body).toEqual({ value: null });
    expect((await call(app, "/", { authorization: "Basic abc" })).body).toEqual({ value: null });
  });
});

describe("HTTPDigest", () => {
  it("resolves to the unparsed digest credentials", async () => {
    const app = echoApp(new HTTPDigest());
    expect((await call(app, "/", { authorization: 'Digest username="a"' })).body).toEqual({
      value: { scheme: "Digest", credentials: 'username="a"' },
    });
  });

  it("refuses another scheme with 401 Not authenticated and a Digest challenge", async () => {
    const app = echoApp(new HTTPDigest());
    expect(await call(app, "/", { authorization: "Bearer x" })).toEqual({
      status: 401,
      body: { detail: "Not authenticated" },
      wwwAuthenticate: "Digest",
    });
  });
});

describe("HTTPBasic", () => {
  it("decodes the username and splits the password at the first colon only", async () => {
    const app = echoApp(new HTTPBasic());
    const header = `Basic ${btoa("alice:pa:ss")}`;
    expect((await call(app, "/", { authorization: header })).body).toEqual({
      value: { username: "alice", password: "pa:ss" },
    });
  });

  it("names its realm in the challenge", async () => {
    const app = echoApp(new HTTPBasic({ realm: "admin area" }));
    expect((await call(app, "/")).wwwAuthenticate).toBe('Basic realm="admin area"');
  });

  it("answers malformed credentials with 401 even when autoError is false", async () => {
    const app = echoApp(new HTTPBasic({ autoError: false }));
    expect((await call(app, "/")).body).toEqual({ value: null });
    expect(await call(app, "/", { authorization: "Basic !!!" })).toEqual({
      status: 401,
      body: { detail: "Not authenticated" },
      wwwAuthenticate: "Basic",
    });
  });

  it("refuses credentials that decode to non-ASCII bytes", async () => {
    const app = echoApp(new HTTPBasic());
    const utf8 = Buffer.from("zoë:pw", "utf8").toString("base64");
    expect((await call(app, "/", { authorization: `Basic ${utf8}` })).status).toBe(401);
  });
});

describe("OAuth2 bearer schemes", () => {
  it("resolve to the token of a Bearer header", async () => {
    const app = echoApp(new OAuth2PasswordBearer({ tokenUrl: "token" }));
    expect((await call(app, "/", { authorization: "Bearer t0k" })).body).toEqual({ value: "t0k" });
  });

  it("resolve to an empty token for a bare Bearer scheme, as FastAPI does", async () => {
    const app = echoApp(new OAuth2PasswordBearer({ tokenUrl: "token" }));
    expect((await call(app, "/", { authorization: "Bearer" })).body).toEqual({ value: "" });
  });

  it("resolve to null without credentials when autoError is false", async () => {
    const app = echoApp(
      new OAuth2AuthorizationCodeBearer({
        authorizationUrl: "authorize",
        tokenUrl: "token",
        autoError: false,
      }),
    );
    expect((await call(app, "/")).body).toEqual({ value: null });
  });
});

describe("OpenIdConnect", () => {
  it("resolves to the whole Authorization header", async () => {
    const app = echoApp(new OpenIdConnect({ openIdConnectUrl: "https://id.example/.well-known" }));
    expect((await call(app, "/", { authorization: "Bearer x.y" })).body).toEqual({
      value: "Bearer x.y",
    });
  });

  it("answers 401 with a Bearer challenge, or 403 with legacyStatus", async () => {
    const url = "https://id.example/.well-known";
    const current = await call(echoApp(new OpenIdConnect({ openIdConnectUrl: url })), "/");
    expect(current).toEqual({
      status: 401,
      body: { detail: "Not authenticated" },
      wwwAuthenticate: "Bearer",
    });
    const legacy = await call(
      echoApp(new OpenIdConnect({ openIdConnectUrl: url, legacyStatus: true })),
      "/",
    );
    expect(legacy).toEqual({
      status: 403,
      body: { detail: "Not authenticated" },
      wwwAuthenticate: null,
    });
  });
});

describe("schemes inside other dependencies", () => {
  it("let a dependency check the key and raise its own error", async () => {
    const apiKey = new APIKeyHeader({ name: "X-API-Key" });
    const currentUser = dependency({ key: Depends(apiKey) }, ({ key }) => {
      if (key !== "k-alice") throw new HTTPException(403, "Unknown key");
      return { name: "alice" };
    });
    const app = new App();
    app.get("/me", { params: { user: Depends(currentUser) } }, ({ user }) => user);
    expect((await call(app, "/me", { "x-api-key": "k-alice" })).body).toEqual({ name: "alice" });
    expect((await call(app, "/me", { "x-api-key": "k-bob" })).body).toEqual({
      detail: "Unknown key",
    });
    expect((await call(app, "/me")).status).toBe(401);
  });

  it("type their value by autoError", () => {
    expectTypeOf(new APIKeyHeader({ name: "k" }).__value).toEqualTypeOf<string>();
    expectTypeOf(new APIKeyHeader({ name: "k", autoError: false }).__value).toEqualTypeOf<
      string | null
    >();
    expectTypeOf(new HTTPBearer().__value).toEqualTypeOf<HTTPAuthorizationCredentials>();
    expectTypeOf(
      new HTTPBasic({ autoError: false }).__value,
    ).toEqualTypeOf<HTTPBasicCredentials | null>();
    expectTypeOf(new OAuth2PasswordBearer({ tokenUrl: "t" }).__value).toEqualTypeOf<string>();
    const app = new App();
    app.get("/", { params: { auth: Depends(new HTTPBearer()) } }, ({ auth }) => {
      expectTypeOf(auth.credentials).toEqualTypeOf<string>();
      return null;
    });
    expect(new APIKeyHeader({ name: "k" }).name).toBe("APIKeyHeader");
  });
});
