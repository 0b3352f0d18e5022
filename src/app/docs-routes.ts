import { oauth2RedirectHtml, readDocsAsset, redocHtml, swaggerUiHtml } from "../docs-ui/index.js";
import { HTTPException } from "../errors/http-exception.js";
import type { RequestContext } from "../http/context.js";
import { Response } from "../responses/response.js";
import type { DescribableApp } from "./describe.js";

/** What the docs routes need of an App: its description, and a way to add hidden routes. */
export interface DocsHost extends DescribableApp {
  openapi(): Record<string, unknown>;
  apiRoute(
    path: string,
    options: { methods: readonly string[]; includeInSchema: false; name: string },
    handler: (args: { name?: string }, ctx: RequestContext) => Response,
  ): unknown;
}

// The docs routes are the framework's, not the app's: app-wide dependencies do not run on them.
const docsHandlers = new WeakSet<object>();

/** Is this handler one of the docs routes' (`/openapi.json`, `/docs`, `/redoc`, assets)? */
export function isDocsHandler(handler: unknown): boolean {
  return typeof handler === "function" && docsHandlers.has(handler);
}

function docsHandler<T extends object>(handler: T): T {
  docsHandlers.add(handler);
  return handler;
}

// GET and HEAD, like Starlette's routes: HEAD answers the same headers with no body.
const METHODS = ["GET", "HEAD"] as const;
const ASSET_CACHE_CONTROL = "public, max-age=86400";

// ReDoc's sidebar footer loads its logo from cdn.redoc.ly; the docs make no request beyond the
// app, so the bundle is served with a blank inline image in its place.
const REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";
const BLANK_SVG = "data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E";
let redocBundle: Buffer | undefined;

/** An asset's bytes; ReDoc's bundle is patched once, on its first request. */
function assetBody(name: string, body: Buffer): Buffer {
  if (name !== "redoc.standalone.js") return body;
  redocBundle ??= Buffer.from(body.toString("utf8").replaceAll(REDOC_LOGO, BLANK_SVG), "utf8");
  return redocBundle;
}

/** A fixed body with its byte length set, so a HEAD answer carries the GET's content-length. */
function fixedResponse(body: Buffer, mediaType: string, headers: Record<string, string> = {}) {
  return new Response(body, {
    mediaType,
    headers: { ...headers, "content-length": String(body.byteLength) },
  });
}

// Root paths come from the app's configuration and its mounts; a bound keeps the caches small
// whatever a server in front sets.
const MAX_CACHED_ROOTS = 16;

/** Renders a page once per root path (the prefix it is served under), on its first request. */
function lazyPage(render: (root: string) => string): (root: string) => Buffer {
  const pages = new Map<string, Buffer>();
  return (root) => {
    let page = pages.get(root);
    if (page === undefined) {
      page = Buffer.from(render(root), "utf8");
      if (pages.size < MAX_CACHED_ROOTS) pages.set(root, page);
    }
    return page;
  };
}

/**
 * The document as served under `root` (a mount prefix, or the app's root path): that prefix
 * is listed first in `servers` (FastAPI's `root_path_in_servers`), keys kept in order.
 */
export function documentForRoot(
  document: Record<string, unknown>,
  root: string,
): Record<string, unknown> {
  const servers = (document.servers ?? []) as Record<string, unknown>[];
  if (root === "" || servers.some((server) => server.url === root)) return document;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(document)) {
    if (key === "servers") continue;
    out[key] = value;
    if (key === "info") out.servers = [{ url: root }, ...servers];
  }
  return out;
}

/** Where the Swagger UI / ReDoc files are served: `/docs/assets`, else `/redoc/assets`. */
export function docsAssetsUrl(app: DescribableApp): string | null {
  const base = app.config.docsUrl === undefined ? "/docs" : app.config.docsUrl;
  const redoc = app.config.redocUrl === undefined ? "/redoc" : app.config.redocUrl;
  const owner = base ?? redoc;
  return owner === null ? null : `${owner.replace(/\/+$/, "")}/assets`;
}

/**
 * Adds the routes FastAPI serves besides the app's own, none of them in the document:
 * `/openapi.json`, `/docs` (Swagger UI), `/docs/oauth2-redirect`, `/redoc`, and the UI files
 * under `/docs/assets/{name}`. Pages are rendered on their first request under each root path
 * (a mounted app's pages load `<mount>/openapi.json`, whose `servers` lists the mount); the
 * document is serialized once per `app.openapi()` build and root path. App-wide dependencies do
 * not run on these routes. `openapiUrl: null` turns all of them off.
 */
export function registerDocsRoutes(app: DocsHost): void {
  const config = app.config;
  const openapiUrl = config.openapiUrl === undefined ? "/openapi.json" : config.openapiUrl;
  if (openapiUrl === null) return;
  const docsUrl = config.docsUrl === undefined ? "/docs" : config.docsUrl;
  const redocUrl = config.redocUrl === undefined ? "/redoc" : config.redocUrl;
  const redirectUrl =
    config.swaggerUiOauth2RedirectUrl === undefined
      ? "/docs/oauth2-redirect"
      : config.swaggerUiOauth2RedirectUrl;
  const assetsUrl = docsAssetsUrl(app);

  // serialized once per `app.openapi()` build and root path
  let servedDocument: Record<string, unknown> | undefined;
  const servedJson = new Map<string, Buffer>();
  const openapiJson = docsHandler((_args: unknown, ctx: RequestContext) => {
    const document = app.openapi();
    if (document !== servedDocument) {
      servedDocument = document;
      servedJson.clear();
    }
    const root = ctx.rootPath;
    let json = servedJson.get(root);
    if (json === undefined) {
      json = Buffer.from(JSON.stringify(documentForRoot(document, root)), "utf8");
      if (servedJson.size < MAX_CACHED_ROOTS) servedJson.set(root, json);
    }
    return fixedResponse(json, "application/json");
  });
  app.apiRoute(
    openapiUrl,
    { methods: METHODS, includeInSchema: false, name: "openapi" },
    openapiJson,
  );

  if (docsUrl !== null && assetsUrl !== null) {
    const page = lazyPage((root) =>
      swaggerUiHtml({
        title: app.title,
        openapiUrl: root + openapiUrl,
        oauth2RedirectUrl: redirectUrl === null ? null : root + redirectUrl,
        assetsUrl: root + assetsUrl,
        ...(config.swaggerUiParameters ? { swaggerUiParameters: config.swaggerUiParameters } : {}),
        ...(config.swaggerUiInitOAuth ? { initOAuth: config.swaggerUiInitOAuth } : {}),
      }),
    );
    app.apiRoute(
      docsUrl,
      { methods: METHODS, includeInSchema: false, name: "swagger_ui_html" },
      docsHandler((_args: unknown, ctx: RequestContext) =>
        fixedResponse(page(ctx.rootPath), "text/html"),
      ),
    );
    if (redirectUrl !== null) {
      const redirectPage = lazyPage(oauth2RedirectHtml);
      app.apiRoute(
        redirectUrl,
        { methods: METHODS, includeInSchema: false, name: "swagger_ui_redirect" },
        docsHandler(() => fixedResponse(redirectPage(""), "text/html")),
      );
    }
  }

  if (redocUrl !== null && assetsUrl !== null) {
    const page = lazyPage((root) =>
      redocHtml({ title: app.title, openapiUrl: root + openapiUrl, assetsUrl: root + assetsUrl }),
    );
    app.apiRoute(
      redocUrl,
      { methods: METHODS, includeInSchema: false, name: "redoc_html" },
      docsHandler((_args: unknown, ctx: RequestContext) =>
        fixedResponse(page(ctx.rootPath), "text/html"),
      ),
    );
  }

  if (assetsUrl !== null) {
    app.apiRoute(
      `${assetsUrl}/{name}`,
      { methods: METHODS, includeInSchema: false, name: "docs_asset" },
      docsHandler(({ name }: { name?: string }) => {
        const asset = name === undefined ? null : readDocsAsset(name);
        if (asset === null) throw new HTTPException(404);
        return fixedResponse(assetBody(name!, asset.body), asset.contentType, {
          "cache-control": ASSET_CACHE_CONTROL,
        });
      }),
    );
  }
}
