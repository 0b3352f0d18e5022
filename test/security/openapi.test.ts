import { describe, expect, it } from "vitest";
import {
  APIKeyCookie,
  APIKeyHeader,
  APIKeyQuery,
  HTTPBasic,
  HTTPBearer,
  HTTPDigest,
  OAuth2AuthorizationCodeBearer,
  OAuth2PasswordBearer,
  OpenIdConnect,
  type SecurityBase,
} from "../../src/index.js";
import { buildOpenApiDocument } from "../../src/openapi/build.js";
import type { OperationDescription } from "../../src/openapi/types.js";
import { isParamMarker } from "../../src/params/markers.js";

function describedAs(scheme: SecurityBase<unknown>): string {
  return JSON.stringify(scheme.securityScheme);
}

describe("security schemes describe themselves to OpenAPI", () => {
  it("write the recorded FastAPI objects under the class name", () => {
    expect(describedAs(new OAuth2PasswordBearer({ tokenUrl: "token" }))).toBe(
      '{"schemeName":"OAuth2PasswordBearer","scheme":{"type":"oauth2","flows":{"password":{"scopes":{},"tokenUrl":"token"}}}}',
    );
    expect(describedAs(new APIKeyHeader({ name: "X-API-Key", description: "Project key" }))).toBe(
      '{"schemeName":"APIKeyHeader","scheme":{"type":"apiKey","description":"Project key","in":"header","name":"X-API-Key"}}',
    );
    expect(describedAs(new HTTPBearer({ autoError: false }))).toBe(
      '{"schemeName":"HTTPBearer","scheme":{"type":"http","scheme":"bearer"}}',
    );
  });

  it("describe every scheme and option in FastAPI's key order", () => {
    const schemes = [
      new APIKeyQuery({ name: "api_key", schemeName: "queryKey" }),
      new APIKeyCookie({ name: "session" }),
      new HTTPBearer({ bearerFormat: "JWT", description: "A JWT" }),
      new HTTPBasic({ realm: "admin" }),
      new HTTPDigest(),
      new OAuth2PasswordBearer({
        tokenUrl: "token",
        refreshUrl: "refresh",
        scopes: { "models:read": "List models" },
      }),
      new OAuth2AuthorizationCodeBearer({ authorizationUrl: "authorize", tokenUrl: "token" }),
      new OpenIdConnect({
        openIdConnectUrl: "https://id.example/.well-known/openid-configuration",
      }),
    ];
    expect(schemes.map(describedAs)).toEqual([
      '{"schemeName":"queryKey","scheme":{"type":"apiKey","in":"query","name":"api_key"}}',
      '{"schemeName":"APIKeyCookie","scheme":{"type":"apiKey","in":"cookie","name":"session"}}',
      '{"schemeName":"HTTPBearer","scheme":{"type":"http","description":"A JWT","scheme":"bearer","bearerFormat":"JWT"}}',
      '{"schemeName":"HTTPBasic","scheme":{"type":"http","scheme":"basic"}}',
      '{"schemeName":"HTTPDigest","scheme":{"type":"http","scheme":"digest"}}',
      '{"schemeName":"OAuth2PasswordBearer","scheme":{"type":"oauth2","flows":{"password":{"refreshUrl":"refresh","scopes":{"models:read":"List models"},"tokenUrl":"token"}}}}',
      '{"schemeName":"OAuth2AuthorizationCodeBearer","scheme":{"type":"oauth2","flows":{"authorizationCode":{"scopes":{},"authorizationUrl":"authorize","tokenUrl":"token"}}}}',
      '{"schemeName":"OpenIdConnect","scheme":{"type":"openIdConnect","openIdConnectUrl":"https://id.example/.well-known/openid-configuration"}}',
    ]);
  });

  it("name a user subclass after the subclass", () => {
    class ProjectKey extends APIKeyHeader {}
    expect(new ProjectKey({ name: "X-Project" }).securityScheme?.schemeName).toBe("ProjectKey");
  });

  it("keep the params they read out of the documented parameters", () => {
    for (const scheme of [new APIKeyHeader({ name: "X-API-Key" }), new HTTPBearer()]) {
      const params = Object.values(scheme.params);
      expect(params.length).toBe(1);
      for (const param of params) {
        expect(isParamMarker(param) && param.options.includeInSchema).toBe(false);
      }
    }
  });

  it("feed components.securitySchemes and the operation's security requirement", () => {
    const scheme = new APIKeyHeader({ name: "X-API-Key", description: "Project key" });
    const operation: OperationDescription = {
      path: "/models",
      methods: ["GET"],
      name: "list_models",
      tags: [],
      parameters: [],
      status: 200,
      responseMediaType: "application/json",
      responses: {},
      security: [{ ...scheme.securityScheme!, scopes: [] }],
    };
    const document = buildOpenApiDocument([operation], { title: "T", version: "1" });
    expect(JSON.stringify(document.components)).toContain(
      '"securitySchemes":{"APIKeyHeader":{"type":"apiKey","description":"Project key","in":"header","name":"X-API-Key"}}',
    );
    const paths = document.paths as Record<string, Record<string, { security: unknown }>>;
    expect(paths["/models"]?.get?.security).toEqual([{ APIKeyHeader: [] }]);
  });
});
