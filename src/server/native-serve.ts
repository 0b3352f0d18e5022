import type { Servable } from "../http/servable.js";
import type { RunningServer, ServeOptions } from "./serve.js";

/** What a runtime's own server gives back once it listens. */
export interface NativeListener<TServer> {
  server: TServer;
  port: number;
  /** stops accepting and resolves when in-flight requests are done; `force` cuts them */
  stop(force: boolean): Promise<void>;
}

/**
 * The part of `serve()` every native server shares: startup before listening, a close that
 * waits for in-flight requests up to `gracefulTimeout` seconds and then runs the app's shutdown, and
 * the SIGTERM/SIGINT handling the node server has.
 */
export async function serveNative<TServer>(
  app: Servable,
  options: ServeOptions,
  listen: (host: string, port: number) => Promise<NativeListener<TServer>>,
): Promise<RunningServer<TServer>> {
  await app.startup();
  const host = options.host ?? "127.0.0.1";
  const listener = await listen(host, options.port ?? 8000);
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, (options.gracefulTimeout ?? 25) * 1000);
      });
      await Promise.race([listener.stop(false), timedOut.then(() => listener.stop(true))]);
      clearTimeout(timer);
      await app.shutdown();
    })();
    return closing;
  };
  if (options.handleSignals) {
    const onSignal = () => {
      close().then(
        () => process.exit(0),
        (error: unknown) => {
          app.logger.error("shutdown failed", error);
          process.exit(1);
        },
      );
    };
    process.once("SIGTERM", onSignal);
    process.once("SIGINT", onSignal);
  }
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    server: listener.server,
    port: listener.port,
    url: `http://${shownHost}:${listener.port}`,
    close,
  };
}
