import { readDocsAsset } from "./assets.js";
import { escapeHtml, scriptJson } from "./escape.js";

export interface SwaggerUiOptions {
  /** the app title; the page is titled `<title> - Swagger UI` */
  title: string;
  /** where the document is served, root path included: `/openapi.json` */
  openapiUrl: string;
  /** path of the OAuth2 redirect page (`/docs/oauth2-redirect`), or null for none */
  oauth2RedirectUrl?: string | null;
  /** URL prefix under which `readDocsAsset` files are served: `/docs/assets` */
  assetsUrl: string;
  /** extra SwaggerUIBundle options; they override the defaults */
  swaggerUiParameters?: Record<string, unknown>;
  /** argument of `ui.initOAuth(...)` */
  initOAuth?: Record<string, unknown>;
}

/** FastAPI's default `swagger_ui_parameters`. */
export const SWAGGER_UI_DEFAULT_PARAMETERS: Readonly<Record<string, unknown>> = {
  dom_id: "#swagger-ui",
  layout: "BaseLayout",
  deepLinking: true,
  showExtensions: true,
  showCommonExtensions: true,
};

function assetUrl(assetsUrl: string, name: string): string {
  return `${assetsUrl.replace(/\/+$/, "")}/${name}`;
}

/**
 * The `/docs` page: Swagger UI configured as FastAPI configures it, loading its files from the
 * app itself (no CDN), so it works with no network.
 *
 * @example
 * swaggerUiHtml({ title: "Inference API", openapiUrl: "/openapi.json",
 *   oauth2RedirectUrl: "/docs/oauth2-redirect", assetsUrl: "/docs/assets" });
 */
export function swaggerUiHtml(options: SwaggerUiOptions): string {
  const parameters = { ...SWAGGER_UI_DEFAULT_PARAMETERS, ...options.swaggerUiParameters };
  const config = [`    url: ${scriptJson(options.openapiUrl)},`];
  for (const [key, value] of Object.entries(parameters)) {
    config.push(`    ${scriptJson(key)}: ${scriptJson(value)},`);
  }
  if (options.oauth2RedirectUrl) {
    config.push(
      `    oauth2RedirectUrl: window.location.origin + ${scriptJson(options.oauth2RedirectUrl)},`,
    );
  }
  const initOAuth = options.initOAuth ? `\n  ui.initOAuth(${scriptJson(options.initOAuth)});` : "";
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link type="text/css" rel="stylesheet" href="${escapeHtml(assetUrl(options.assetsUrl, "swagger-ui.css"))}">
<link rel="shortcut icon" href="${escapeHtml(assetUrl(options.assetsUrl, "favicon-32x32.png"))}">
<title>${escapeHtml(`${options.title} - Swagger UI`)}</title>
</head>
<body>
<div id="swagger-ui">
</div>
<script src="${escapeHtml(assetUrl(options.assetsUrl, "swagger-ui-bundle.js"))}"></script>
<script>
  const ui = SwaggerUIBundle({
${config.join("\n")}
    presets: [
      SwaggerUIBundle.presets.apis,
      SwaggerUIBundle.SwaggerUIStandalonePreset
    ],
  });${initOAuth}
</script>
</body>
</html>
`;
}

export interface RedocOptions {
  /** the app title; the page is titled `<title> - ReDoc` */
  title: string;
  openapiUrl: string;
  /** URL prefix under which `readDocsAsset` files are served */
  assetsUrl: string;
}

/**
 * The `/redoc` page: ReDoc's standalone bundle from the app itself, system fonts instead of
 * Google Fonts.
 *
 * @example
 * redocHtml({ title: "Inference API", openapiUrl: "/openapi.json", assetsUrl: "/docs/assets" });
 */
export function redocHtml(options: RedocOptions): string {
  return `<!DOCTYPE html>
<html>
<head>
<title>${escapeHtml(`${options.title} - ReDoc`)}</title>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="shortcut icon" href="${escapeHtml(assetUrl(options.assetsUrl, "favicon-32x32.png"))}">
<style>
  body { margin: 0; padding: 0; }
</style>
</head>
<body>
<noscript>
  ReDoc requires Javascript to function. Please enable it to browse the documentation.
</noscript>
<redoc spec-url="${escapeHtml(options.openapiUrl)}"></redoc>
<script src="${escapeHtml(assetUrl(options.assetsUrl, "redoc.standalone.js"))}"> </script>
</body>
</html>
`;
}

let redirectPage: string | undefined;

/**
 * The `/docs/oauth2-redirect` page: Swagger UI's own redirect helper, inlined so that it needs
 * no other URL.
 *
 * @example
 * oauth2RedirectHtml().startsWith("<!doctype html>"); // true
 */
export function oauth2RedirectHtml(): string {
  if (redirectPage === undefined) {
    const script = (readDocsAsset("oauth2-redirect.js")?.body.toString("utf8") ?? "").replace(
      /<\/(script)/gi,
      "<\\/$1",
    );
    redirectPage = `<!doctype html>
<html lang="en-US">
<head>
<title>Swagger UI: OAuth2 Redirect</title>
</head>
<body>
<script>
${script}
</script>
</body>
</html>
`;
  }
  return redirectPage;
}
