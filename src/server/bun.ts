import { answerFetch } from "../http/fetch-handler.js";
import type { Servable } from "../http/servable.js";
import { serveNative } from "./native-serve.js";
import type { RunningServer, ServeOptions } from "./serve.js";

/** The part of Bun's `Server` Tailor uses (bun-types is not a dependency). */
export interface BunServer {
  readonly port: number;
  requestIP(request: Request): { address: string; port: number } | null;
  /** seconds a request's connection may stay idle; 0 = never times out */
  timeout(request: Request, seconds: number): void;
  stop(closeActiveConnections?: boolean): Promise<void>;
}

interface BunServeOptions {
  hostname: string;
  port: number;
  fetch(request: Request, server: BunServer): Response | Promise<Response>;
}

interface BunGlobal {
  serve(options: BunServeOptions): BunServer;
}

/** Bun's runtime object, when the code runs on Bun. */
export function bunGlobal(): BunGlobal | undefined {
  return (globalThis as { Bun?: BunGlobal }).Bun;
}

/**
 * A streamed response may go quiet for longer than Bun's 10 s idle timeout (a model thinking
 * between tokens): its connection never times out.
 */
function keepStreamOpen(request: Request, platform: unknown): void {
  (platform as BunServer).timeout(request, 0);
}

/**
 * Serves an app on `Bun.serve`, Bun's own HTTP server, through `app.fetch`'s pipeline.
 * `serve()` calls it when it runs on Bun.
 *
 * @example const server = await serveBun(app, { port: 8000 });
 */
export function serveBun(
  app: Servable,
  options: ServeOptions = {},
): Promise<RunningServer<BunServer>> {
  const bun = bunGlobal();
  if (bun === undefined)
    return Promise.reject(new Error("serveBun() runs on Bun only; serve() picks the server"));
  return serveNative(app, options, async (hostname, port) => {
    let fetchOptions: { platform: BunServer; onStream: typeof keepStreamOpen } | undefined;
    const server = bun.serve({
      hostname,
      port,
      // one options object for every request: Bun passes the same server each time
      fetch(request, server) {
        fetchOptions ??= { platform: server, onStream: keepStreamOpen };
        return answerFetch(app, request, fetchOptions);
      },
    });
    return { server, port: server.port, stop: (force) => server.stop(force) };
  });
}
