import type { AppScope } from "../dependencies/app-scope.js";
import type { RouteGraph } from "../dependencies/graph.js";
import type { RequestContext } from "../http/context.js";
import type { WebSocketTransport } from "../http/websocket-transport.js";
import { denial } from "../websocket/compile.js";
import type { WebSocketDeclaration, WebSocketDefaults } from "../websocket/index.js";
import { WebSocketRoutes } from "../websocket/index.js";
import { resolveLimits } from "../websocket/routes.js";

interface AppSide {
  readonly config: { websocket?: WebSocketDefaults };
  readonly dependencyOverrides: { readonly version: number };
  readonly rootPath: string;
  readonly mounts: readonly { readonly path: string; readonly app: object }[];
}

interface WebSocketServable {
  handleWebSocket(ctx: RequestContext, transport: WebSocketTransport): Promise<void>;
  webSocketMessageLimit?(): number;
}

function servesWebSockets(app: object): app is WebSocketServable {
  return typeof (app as Partial<WebSocketServable>).handleWebSocket === "function";
}

interface AppHooks {
  analyze(route: WebSocketDeclaration, pathNames: ReadonlySet<string>, where: string): RouteGraph;
  appScope(): AppScope;
  logError(message: string, error: unknown): void;
}

/** An app's WebSocket routes, with the app's dependencies, overrides and defaults applied. */
export function attachWebSockets(app: AppSide, hooks: AppHooks) {
  const routes = new WebSocketRoutes({
    analyze: hooks.analyze,
    overridesVersion: () => app.dependencyOverrides.version,
    settings: () => ({ appScope: hooks.appScope(), logError: hooks.logError }),
    defaults: () => app.config.websocket,
  });
  return {
    routes,
    add: (declaration: WebSocketDeclaration) => routes.add(declaration),
    /** the largest message any route (a mounted app's too) accepts */
    largestMessageSize(): number {
      let largest = resolveLimits({}, app.config.websocket).maxMessageSize;
      for (const record of routes.records)
        largest = Math.max(
          largest,
          resolveLimits(record.declaration.options, app.config.websocket).maxMessageSize,
        );
      for (const mount of app.mounts)
        if (servesWebSockets(mount.app) && mount.app.webSocketMessageLimit !== undefined)
          largest = Math.max(largest, mount.app.webSocketMessageLimit());
      return largest;
    },
    /**
     * The app's own WebSocket routes first; then, as for HTTP, a path that still carries the
     * root path is routed without it, and a mounted app serves the paths under its prefix.
     * Nothing matches: refused with 403, as uvicorn answers Starlette's close.
     */
    handle(ctx: RequestContext, transport: WebSocketTransport): Promise<void> {
      let running = routes.dispatch(ctx, transport);
      const root = app.rootPath;
      if (running === null && root !== "" && ctx.rawPath.startsWith(`${root}/`)) {
        ctx.rawPath = ctx.rawPath.slice(root.length);
        running = routes.dispatch(ctx, transport);
      }
      if (running !== null) return running;
      for (const mount of app.mounts) {
        if (!ctx.rawPath.startsWith(`${mount.path}/`) || !servesWebSockets(mount.app)) continue;
        ctx.rootPath = `${ctx.rootPath}${mount.path}`;
        ctx.rawPath = ctx.rawPath.slice(mount.path.length);
        return mount.app.handleWebSocket(ctx, transport);
      }
      transport.deny(denial(403));
      return Promise.resolve();
    },
  };
}
