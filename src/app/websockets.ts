import type { AppScope } from "../dependencies/app-scope.js";
import type { RouteGraph } from "../dependencies/graph.js";
import type { RequestContext } from "../http/context.js";
import type { WebSocketTransport } from "../http/websocket-transport.js";
import { denial } from "../websocket/compile.js";
import type { WebSocketDeclaration, WebSocketDefaults } from "../websocket/index.js";
import { WebSocketRoutes } from "../websocket/index.js";

interface AppSide {
  readonly config: { websocket?: WebSocketDefaults };
  readonly dependencyOverrides: { readonly version: number };
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
    /** no WebSocket route for the path: refused with 403, as uvicorn answers Starlette's close */
    handle(ctx: RequestContext, transport: WebSocketTransport): Promise<void> {
      const running = routes.dispatch(ctx, transport);
      if (running !== null) return running;
      transport.deny(denial(403));
      return Promise.resolve();
    },
  };
}
