import { describe, expect, it } from "vitest";
import { oauth2RedirectHtml, redocHtml, swaggerUiHtml } from "../../src/docs-ui/pages.js";

const swagger = () =>
  swaggerUiHtml({
    title: "Inference API",
    openapiUrl: "/api/v1/openapi.json",
    oauth2RedirectUrl: "/api/v1/docs/oauth2-redirect",
    assetsUrl: "/docs/assets",
  });

describe("swaggerUiHtml", () => {
  it("titles the page '<title> - Swagger UI'", () => {
    expect(swagger()).toContain("<title>Inference API - Swagger UI</title>");
  });

  it("configures Swagger UI as FastAPI does", () => {
    const html = swagger();
    expect(html).toContain('url: "/api/v1/openapi.json",');
    expect(html).toContain('"dom_id": "#swagger-ui",');
    expect(html).toContain('"layout": "BaseLayout",');
    expect(html).toContain('"deepLinking": true,');
    expect(html).toContain('"showExtensions": true,');
    expect(html).toContain('"showCommonExtensions": true,');
    expect(html).toContain(
      'oauth2RedirectUrl: window.location.origin + "/api/v1/docs/oauth2-redirect",',
    );
    expect(html).toContain("SwaggerUIBundle.presets.apis,");
    expect(html).toContain("SwaggerUIBundle.SwaggerUIStandalonePreset");
    expect(html).toContain('<div id="swagger-ui">');
  });

  it("loads every asset from the app itself and nothing over the network", () => {
    const html = swagger();
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain('<script src="/docs/assets/swagger-ui-bundle.js"></script>');
    expect(html).toContain('href="/docs/assets/swagger-ui.css"');
    expect(html).toContain('href="/docs/assets/favicon-32x32.png"');
  });

  it("lets swaggerUiParameters override the defaults and add options", () => {
    const html = swaggerUiHtml({
      title: "t",
      openapiUrl: "/openapi.json",
      assetsUrl: "/docs/assets/",
      swaggerUiParameters: { deepLinking: false, syntaxHighlight: { theme: "obsidian" } },
    });
    expect(html).toContain('"deepLinking": false,');
    expect(html).toContain('"syntaxHighlight": {"theme":"obsidian"},');
    expect(html).toContain('src="/docs/assets/swagger-ui-bundle.js"');
    expect(html).not.toContain("oauth2RedirectUrl");
  });

  it("passes initOAuth to ui.initOAuth", () => {
    const html = swaggerUiHtml({
      title: "t",
      openapiUrl: "/openapi.json",
      assetsUrl: "/a",
      initOAuth: { clientId: "abc" },
    });
    expect(html).toContain('ui.initOAuth({"clientId":"abc"});');
  });

  it("escapes a hostile title and urls in HTML and script contexts", () => {
    const html = swaggerUiHtml({
      title: '</title><script>alert("x")</script>',
      openapiUrl: '/o"</script><script>alert(1)</script>',
      oauth2RedirectUrl: "/r'\u2028",
      assetsUrl: '/a"><img src=x onerror=alert(1)>',
    });
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img");
    expect(html).toContain(
      "<title>&lt;/title&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; - Swagger UI</title>",
    );
    expect(html).toContain('url: "/o\\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)');
    expect(html).toContain('window.location.origin + "/r\'\\u2028"');
    expect(html.match(/<\/script>/g)).toHaveLength(2);
  });
});

describe("redocHtml", () => {
  const html = redocHtml({
    title: "Inference API",
    openapiUrl: "/openapi.json",
    assetsUrl: "/docs/assets",
  });

  it("titles the page '<title> - ReDoc' and points redoc at the document", () => {
    expect(html).toContain("<title>Inference API - ReDoc</title>");
    expect(html).toContain('<redoc spec-url="/openapi.json"></redoc>');
    expect(html).toContain('<script src="/docs/assets/redoc.standalone.js"> </script>');
  });

  it("uses no CDN and no Google Fonts", () => {
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toContain("fonts.googleapis");
  });

  it("escapes the spec url attribute", () => {
    const hostile = redocHtml({ title: "t", openapiUrl: '"><script>x</script>', assetsUrl: "/a" });
    expect(hostile).toContain('spec-url="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
  });
});

describe("oauth2RedirectHtml", () => {
  it("is Swagger UI's redirect helper, inlined and titled as FastAPI's", () => {
    const html = oauth2RedirectHtml();
    expect(html).toContain("<title>Swagger UI: OAuth2 Redirect</title>");
    expect(html).toContain("swaggerUIRedirectOauth2");
    expect(html).not.toMatch(/<script src=/);
    expect(html).not.toMatch(/https?:\/\//);
  });
});
