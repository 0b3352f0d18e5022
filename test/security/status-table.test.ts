import { describe, expect, it } from "vitest";
import {
  APIKeyCookie,
  APIKeyHeader,
  APIKeyQuery,
  App,
  Depends,
  HTTPBasic,
  HTTPBearer,
  HTTPDigest,
  legacySecurityHandler,
  OAuth2PasswordBearer,
  SecurityHTTPException,
  TestClient,
} from "../../src/index.js";

// Every row of the recorded security table (behaviors.md §10), answered the current way
// (FastAPI 0.122+) and the 0.115 way, the latter both per scheme and app-wide.

function securityApp(legacyStatus: boolean, app = new App()): App {
  const routes = {
    "/key-header": new APIKeyHeader({ name: "X-API-Key", legacyStatus }),
    "/key-query": new APIKeyQuery({ name: "api_key", legacyStatus }),
    "/key-cookie": new APIKeyCookie({ name: "session", legacyStatus }),
    "/key-optional": new APIKeyHeader({ name: "X-API-Key", autoError: false, legacyStatus }),
    "/bearer": new HTTPBearer({ legacyStatus }),
    "/basic": new HTTPBasic({ legacyStatus }),
    "/digest": new HTTPDigest({ legacyStatus }),
    "/oauth2": new OAuth2PasswordBearer({ tokenUrl: "token", legacyStatus }),
  };
  for (const [path, scheme] of Object.entries(routes)) {
    app.get(path, { params: { credentials: Depends(scheme) } }, ({ credentials }) => ({
      credentials: credentials ?? null,
    }));
  }
  return app;
}

function appWideLegacyApp(): App {
  return securityApp(false).exceptionHandler(SecurityHTTPException, legacySecurityHandler);
}

interface Answer {
  status: number;
  body: string;
  wwwAuthenticate: string | null;
}

const notAuthenticated = (status: number, wwwAuthenticate: string | null): Answer => ({
  status,
  body: '{"detail":"Not authenticated"}',
  wwwAuthenticate,
});
const invalid = (status: number, wwwAuthenticate: string | null): Answer => ({
  status,
  body: '{"detail":"Invalid authentication credentials"}',
  wwwAuthenticate,
});
const ok = (body: string): Answer => ({ status: 200, body, wwwAuthenticate: null });

interface Row {
  name: string;
  path: string;
  headers?: Record<string, string>;
  legacy: Answer;
  current: Answer;
}

const rows: Row[] = [
  {
    name: "APIKeyHeader with the header missing",
    path: "/key-header",
    legacy: notAuthenticated(403, null),
    current: notAuthenticated(401, "APIKey"),
  },
  {
    name: "APIKeyHeader with the header present but empty",
    path: "/key-header",
    headers: { "X-API-Key": "" },
    legacy: notAuthenticated(403, null),
    current: notAuthenticated(401, "APIKey"),
  },
  {
    name: "APIKeyQuery with the query parameter missing",
    path: "/key-query",
    legacy: notAuthenticated(403, null),
    current: notAuthenticated(401, "APIKey"),
  },
  {
    name: "APIKeyCookie with the cookie missing",
    path: "/key-cookie",
    legacy: notAuthenticated(403, null),
    current: notAuthenticated(401, "APIKey"),
  },
  {
    name: "an API key with autoError: false and the key missing",
    path: "/key-optional",
    legacy: ok('{"credentials":null}'),
    current: ok('{"credentials":null}'),
  },
  {
    name: "HTTPBearer with no Authorization header",
    path: "/bearer",
    legacy: notAuthenticated(403, null),
    current: notAuthenticated(401, "Bearer"),
  },
  {
    name: "HTTPBearer with a Basic Authorization header",
    path: "/bearer",
    headers: { Authorization: "Basic dXNlcjpwYXNz" },
    legacy: invalid(403, null),
    current: notAuthenticated(401, "Bearer"),
  },
  {
    name: "HTTPBearer with the Bearer scheme and no token",
    path: "/bearer",
    headers: { Authorization: "Bearer" },
    legacy: notAuthenticated(403, null),
    current: notAuthenticated(401, "Bearer"),
  },
  {
    name: "HTTPBearer with a lowercase bearer token",
    path: "/bearer",
    headers: { Authorization: "bearer tok123" },
    legacy: ok('{"credentials":{"scheme":"bearer","credentials":"tok123"}}'),
    current: ok('{"credentials":{"scheme":"bearer","credentials":"tok123"}}'),
  },
  {
    name: "HTTPBasic with no Authorization header",
    path: "/basic",
    legacy: notAuthenticated(401, "Basic"),
    current: notAuthenticated(401, "Basic"),
  },
  {
    name: "HTTPBasic with credentials that are not base64",
    path: "/basic",
    headers: { Authorization: "Basic YQ" },
    legacy: invalid(401, "Basic"),
    current: notAuthenticated(401, "Basic"),
  },
  {
    name: "HTTPBasic with decoded credentials that have no colon",
    path: "/basic",
    headers: { Authorization: `Basic ${btoa("userpass")}` },
    legacy: invalid(401, "Basic"),
    current: notAuthenticated(401, "Basic"),
  },
  {
    name: "HTTPBasic with a Bearer Authorization header",
    path: "/basic",
    headers: { Authorization: "Bearer x" },
    legacy: notAuthenticated(401, "Basic"),
    current: notAuthenticated(401, "Basic"),
  },
  {
    name: "HTTPDigest with no Authorization header",
    path: "/digest",
    legacy: notAuthenticated(403, null),
    current: notAuthenticated(401, "Digest"),
  },
  {
    name: "OAuth2PasswordBearer with no Authorization header",
    path: "/oauth2",
    legacy: notAuthenticated(401, "Bearer"),
    current: notAuthenticated(401, "Bearer"),
  },
  {
    name: "OAuth2PasswordBearer with a non-Bearer scheme",
    path: "/oauth2",
    headers: { Authorization: "Basic dXNlcjpwYXNz" },
    legacy: notAuthenticated(401, "Bearer"),
    current: notAuthenticated(401, "Bearer"),
  },
];

async function answerOf(client: TestClient, row: Row): Promise<Answer> {
  const response = await client.get(row.path, row.headers ? { headers: row.headers } : {});
  if (response.status !== 200) {
    expect(response.headers.get("content-type")).toBe("application/json");
  }
  return {
    status: response.status,
    body: await response.text(),
    wwwAuthenticate: response.headers.get("www-authenticate"),
  };
}

describe("security schemes answer as FastAPI 0.122+ by default", () => {
  const client = new TestClient(securityApp(false));
  it.each(rows)("answers $name", async (row) => {
    expect(await answerOf(client, row)).toEqual(row.current);
  });
});

describe("security schemes built with legacyStatus: true answer as FastAPI 0.115", () => {
  const client = new TestClient(securityApp(true));
  it.each(rows)("answers $name", async (row) => {
    expect(await answerOf(client, row)).toEqual(row.legacy);
  });
});

describe("legacySecurityHandler makes a whole app answer as FastAPI 0.115", () => {
  const client = new TestClient(appWideLegacyApp());
  it.each(rows)("answers $name", async (row) => {
    expect(await answerOf(client, row)).toEqual(row.legacy);
  });
});

describe("the securityLegacyStatus app option makes a whole app answer as FastAPI 0.115", () => {
  const client = new TestClient(securityApp(false, new App({ securityLegacyStatus: true })));
  it.each(rows)("answers $name", async (row) => {
    expect(await answerOf(client, row)).toEqual(row.legacy);
  });

  it("still lets a handler registered later for SecurityHTTPException take over", async () => {
    const app = new App({ securityLegacyStatus: true });
    app.exceptionHandler(SecurityHTTPException, () => ({ status: 418, headers: {}, body: "no" }));
    app.get("/bearer", { params: { credentials: Depends(new HTTPBearer()) } }, () => "ok");
    const response = await new TestClient(app).get("/bearer");
    expect(response.status).toBe(418);
  });
});
