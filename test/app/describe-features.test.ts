import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  App,
  Depends,
  dependency,
  File,
  Form,
  Header,
  HTTPException,
  OAuth2PasswordBearer,
  OAuth2PasswordRequestForm,
  Query,
  Security,
  TestClient,
} from "../../src/index.js";
import { expectValidOpenApi } from "../openapi/validate.js";

type Json = Record<string, any>;

async function documentOf(app: App, url = "/openapi.json"): Promise<Json> {
  const response = await new TestClient(app).get(url);
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

describe("query models", () => {
  it("document each field of a Query(z.object(...)) as its own query parameter", async () => {
    const app = new App();
    const Filters = z.object({
      q: z.string().max(20),
      limit: z.number().int().min(1).default(10),
      tags: z.array(z.string()).default([]),
      after: z.string().optional(),
    });
    app.get("/items", { params: { filters: Query(Filters) } }, function listItems({ filters }) {
      return filters;
    });
    const doc = await documentOf(app);
    expect(doc.paths["/items"].get.parameters).toEqual([
      {
        name: "q",
        in: "query",
        required: true,
        schema: { type: "string", maxLength: 20, title: "Q" },
      },
      {
        name: "limit",
        in: "query",
        required: false,
        schema: { type: "integer", minimum: 1, title: "Limit", default: 10 },
      },
      {
        name: "tags",
        in: "query",
        required: false,
        schema: { items: { type: "string" }, type: "array", title: "Tags", default: [] },
      },
      {
        name: "after",
        in: "query",
        required: false,
        schema: { anyOf: [{ type: "string" }, { type: "null" }], title: "After" },
      },
    ]);
    await expectValidOpenApi(doc);
  });
});

describe("forms and files", () => {
  it("document a lone form model as the whole urlencoded body, content before required", async () => {
    const app = new App();
    const Signup = z.object({ email: z.string(), newsletter: z.boolean().default(false) });
    app.post("/signup", { params: { signup: Form(Signup) } }, function register({ signup }) {
      return signup;
    });
    const body = (await documentOf(app)).paths["/signup"].post.requestBody;
    expect(Object.keys(body)).toEqual(["content", "required"]);
    expect(body.content).toEqual({
      "application/x-www-form-urlencoded": {
        schema: {
          properties: {
            email: { type: "string", title: "Email" },
            newsletter: { type: "boolean", title: "Newsletter", default: false },
          },
          type: "object",
          required: ["email"],
          title: "Signup",
        },
      },
    });
  });

  it("document files as binary strings, file lists as arrays, optional files as X | None", async () => {
    const app = new App();
    app.post(
      "/files",
      {
        params: {
          files: File({ list: true }),
          cover: File({ optional: true }),
          note: Form(z.string().default("")),
        },
      },
      function upload() {
        return {};
      },
    );
    const doc = await documentOf(app);
    expect(doc.paths["/files"].post.requestBody).toEqual({
      content: {
        "multipart/form-data": { schema: { $ref: "#/components/schemas/Body_upload_files_post" } },
      },
      required: true,
    });
    expect(doc.components.schemas.Body_upload_files_post).toEqual({
      properties: {
        files: { items: { type: "string", format: "binary" }, type: "array", title: "Files" },
        cover: {
          anyOf: [{ type: "string", format: "binary" }, { type: "null" }],
          title: "Cover",
        },
        note: { type: "string", title: "Note", default: "" },
      },
      type: "object",
      required: ["files"],
      title: "Body_upload_files_post",
    });
    await expectValidOpenApi(doc);
  });

  it("document OAuth2PasswordRequestForm as FastAPI's Body_login_token_post", async () => {
    const app = new App();
    app.post("/token", { params: { form: Depends(OAuth2PasswordRequestForm) } }, function login() {
      return {};
    });
    const doc = await documentOf(app);
    expect(doc.paths["/token"].post.requestBody).toEqual({
      content: {
        "application/x-www-form-urlencoded": {
          schema: { $ref: "#/components/schemas/Body_login_token_post" },
        },
      },
      required: true,
    });
    expect(JSON.stringify(doc.components.schemas.Body_login_token_post)).toBe(
      JSON.stringify({
        properties: {
          grant_type: {
            anyOf: [{ type: "string", pattern: "^password$" }, { type: "null" }],
            title: "Grant Type",
          },
          username: { type: "string", title: "Username" },
          password: { type: "string", title: "Password" },
          scope: { type: "string", title: "Scope", default: "" },
          client_id: { anyOf: [{ type: "string" }, { type: "null" }], title: "Client Id" },
          client_secret: { anyOf: [{ type: "string" }, { type: "null" }], title: "Client Secret" },
        },
        type: "object",
        required: ["username", "password"],
        title: "Body_login_token_post",
      }),
    );
  });
});

describe("mounted apps", () => {
  function mountedApps() {
    const sub = new App({ title: "Sub" });
    sub.get("/sub", {}, function readSub() {
      return { sub: true };
    });
    const main = new App({ title: "Main" });
    main.get("/app", {}, function readMain() {
      return { main: true };
    });
    main.mount("/subapp", sub);
    return { main, sub };
  }

  it("serve the sub-app's document with its mount as the first server", async () => {
    const { main } = mountedApps();
    const doc = await documentOf(main, "/subapp/openapi.json");
    expect(Object.keys(doc)).toEqual(["openapi", "info", "servers", "paths"]);
    expect(doc.servers).toEqual([{ url: "/subapp" }]);
    expect(Object.keys(doc.paths)).toEqual(["/sub"]);
    await expectValidOpenApi(doc);
  });

  it("leave the sub-app's routes out of the parent's document", async () => {
    const { main } = mountedApps();
    const doc = await documentOf(main);
    expect(Object.keys(doc.paths)).toEqual(["/app"]);
    expect(doc.servers).toBeUndefined();
  });

  it("keep no servers when the sub-app is called directly", async () => {
    const { sub } = mountedApps();
    expect((await documentOf(sub)).servers).toBeUndefined();
  });

  it("point the sub-app's Swagger UI and ReDoc at the mounted document", async () => {
    const { main } = mountedApps();
    const client = new TestClient(main);
    const swagger = await (await client.get("/subapp/docs")).text();
    expect(swagger).toContain('url: "/subapp/openapi.json"');
    expect(swagger).toContain("/subapp/docs/oauth2-redirect");
    const redoc = await (await client.get("/subapp/redoc")).text();
    expect(redoc).toContain('<redoc spec-url="/subapp/openapi.json"></redoc>');
    // the parent's own pages are unaffected
    expect(await (await client.get("/docs")).text()).toContain('url: "/openapi.json"');
  });
});

describe("app-wide dependencies", () => {
  it("do not run on the docs routes, while the app's routes still require them", async () => {
    const requireKey = dependency({ key: Header(z.string().optional()) }, ({ key }) => {
      if (key !== "secret") throw new HTTPException(401, "Not authenticated");
    });
    const app = new App({ dependencies: [Depends(requireKey)] });
    app.get("/items", {}, function listItems() {
      return [];
    });
    const client = new TestClient(app);
    expect((await client.get("/items")).status).toBe(401);
    for (const url of ["/openapi.json", "/docs", "/redoc", "/docs/oauth2-redirect"]) {
      expect((await client.get(url)).status, url).toBe(200);
    }
    // the dependency's header is still documented on the app's own route
    const doc = await documentOf(app);
    expect(doc.paths["/items"].get.parameters.map((p: Json) => p.name)).toEqual(["key"]);
  });
});

describe("security", () => {
  it("documents Security(...) scopes per operation and the scheme once, hidden params left out", async () => {
    const oauth2 = new OAuth2PasswordBearer({
      tokenUrl: "token",
      scopes: { "items:read": "Read items", "items:write": "Write items" },
    });
    const currentUser = dependency(
      {
        token: Depends(oauth2),
        trace: Header(z.string().optional(), { includeInSchema: false }),
      },
      ({ token }) => token,
    );
    const app = new App();
    app.get(
      "/items",
      { params: { user: Security(currentUser, { scopes: ["items:read"] }) } },
      function readItems() {
        return [];
      },
    );
    app.post(
      "/items",
      { params: { user: Security(currentUser, { scopes: ["items:read", "items:write"] }) } },
      function writeItem() {
        return {};
      },
    );
    app.get("/public", {}, function readPublic() {
      return {};
    });
    const doc = await documentOf(app);
    expect(doc.paths["/items"].get.security).toEqual([{ OAuth2PasswordBearer: ["items:read"] }]);
    expect(doc.paths["/items"].post.security).toEqual([
      { OAuth2PasswordBearer: ["items:read", "items:write"] },
    ]);
    expect(doc.paths["/public"].get.security).toBeUndefined();
    expect(doc.components.securitySchemes).toEqual({
      OAuth2PasswordBearer: {
        type: "oauth2",
        flows: {
          password: {
            scopes: { "items:read": "Read items", "items:write": "Write items" },
            tokenUrl: "token",
          },
        },
      },
    });
    expect(doc.paths["/items"].get.parameters).toBeUndefined();
    expect(Object.keys(doc.paths["/items"].get.responses)).toEqual(["200"]);
    await expectValidOpenApi(doc);
  });
});
