import { answerFetch } from "../http/fetch-handler.js";
import type { Servable } from "../http/servable.js";
import { serveNative } from "./native-serve.js";
import type { RunningServer, ServeOptions } from "./serve.js";

/** The part of Deno's `HttpServer` Tailor uses. */
export interface DenoServer {
  readonly addr: { hostname: string; port: number };
  readonly finished: Promise<void>;
  shutdown(): Promise<void>;
}

interface DenoServeOptions {
  hostname: string;
  port: number;
  onListen(addr: { hostname: string; port: number }): void;
  handler(request: Request, info: unknown): Response | Promise<Response>;
}

interface DenoGlobal {
  serve(options: DenoServeOptions): DenoServer;
}

/** Deno's runtime object, when the code runs on Deno. */
export function denoGlobal(): DenoGlobal | undefined {
  return (globalThis as { Deno?: DenoGlobal }).Deno;
}

/**
 * Serves an app on `Deno.serve`, Deno's own HTTP server, through `app.fetch`'s pipeline.
 * `serve()` calls it when it runs on Deno.
 *
 * @example const server = await serveDeno(app, { port: 8000 });
 */
export function serveDeno(
  app: Servable,
  options: ServeOptions = {},
): Promise<RunningServer<DenoServer>> {
  const deno = denoGlobal();
  if (deno === undefined)
    return Promise.reject(new Error("serveDeno() runs on Deno only; serve() picks the server"));
  return serveNative(app, options, async (hostname, port) => {
    const server = deno.serve({
      hostname,
      port,
      // Deno prints "Listening on …" unless told otherwise; serve() stays quiet as on node
      onListen: () => {},
      handler: (request, info) => answerFetch(app, request, { platform: info }),
    });
    return {
      server,
      port: server.addr.port,
      // Deno has no way to cut in-flight requests: past the timeout, close stops waiting
      stop: (force) => (force ? Promise.resolve() : server.shutdown()),
    };
  });
}
