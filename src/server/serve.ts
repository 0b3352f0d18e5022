import cluster from "node:cluster";
import { createServer, type IncomingMessage, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import type { Servable } from "../http/servable.js";
import { type LogLevel, logger } from "../logging/logger.js";
import { answerClientError, refuseHostless } from "./client-errors.js";
import { nativeServe } from "./native-dispatch.js";
import { createNodeListener, ListenerState } from "./node-listener.js";
import { TrustedProxies } from "./proxy-headers.js";
import { drainServer } from "./shutdown.js";
import {
  nodeServerTimeouts,
  resolveTimeouts,
  type TimeoutOptions,
  watchBodyIdle,
} from "./timeouts.js";
import { attachWebSocketUpgrade } from "./websocket-upgrade.js";
import { WORKER_SHUTDOWN_MESSAGE } from "./worker-messages.js";
import { superviseWorkers } from "./workers.js";

export { createNodeListener, requestTarget } from "./node-listener.js";

/** `serve()`'s options: the `tailor run` flags in camelCase; durations in seconds. */
export interface ServeOptions extends TimeoutOptions {
  /** default "127.0.0.1" */
  host?: string;
  /** default 8000; 0 picks a free port */
  port?: number;
  /** default false: stop gracefully on SIGTERM/SIGINT, then exit (the CLI and `npm start` turn it on) */
  handleSignals?: boolean;
  /** default 25 (under Kubernetes' 30): seconds in-flight requests, streams and background tasks get at shutdown */
  gracefulTimeout?: number;
  /** default true: believe X-Forwarded-Proto and X-Forwarded-For from `forwardedAllowIps` */
  proxyHeaders?: boolean;
  /** default $FORWARDED_ALLOW_IPS or "127.0.0.1": IPs and CIDR networks of trusted proxies, "*" for all */
  forwardedAllowIps?: string | readonly string[];
  /** sets the level of the shared logger (default: left as it is, "info") */
  logLevel?: LogLevel;
  /** default true: one log line per request */
  accessLog?: boolean;
  /**
   * default: on with the access log. Honours a sane `X-Request-ID` or generates one, which the
   * app reads as `ctx.header("x-request-id")` and the response echoes
   */
  requestId?: boolean;
  /**
   * default 1: with more, this process becomes the primary of that many workers (node:cluster)
   * that run the same script; in the primary, serve() supervises and never resolves
   */
  workers?: number;
}

export interface RunningServer<TServer = Server> {
  /** node's http.Server; on Bun and Deno the runtime's own (see serveBun / serveDeno) */
  readonly server: TServer;
  readonly port: number;
  readonly url: string;
  /** stops accepting, lets in-flight work finish within the grace period, runs the app's shutdown */
  close(): Promise<void>;
}

const BAD_REQUEST = "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n";

/**
 * Answers a CONNECT (a tunnel request, which only proxies serve) with the 400 node writes for
 * other request targets that are not paths. Without a listener node closes the connection
 * without a word. Node removes its own socket listeners before this runs, so a reset socket
 * needs an error listener here.
 */
function refuseConnect(_req: IncomingMessage, socket: Duplex): void {
  socket.on("error", () => socket.destroy());
  socket.end(BAD_REQUEST, () => socket.destroy());
}

/** The primary's settings: the workers' grace period plus a margin before they are killed. */
export function workerOptions(options: ServeOptions) {
  return {
    workers: options.workers ?? 1,
    stopTimeoutMs: (options.gracefulTimeout ?? 25) * 1000 + 5_000,
    log: logger,
  };
}

function trustedProxiesOf(options: ServeOptions): TrustedProxies | undefined {
  if (options.proxyHeaders === false) return undefined;
  return new TrustedProxies(
    options.forwardedAllowIps ?? process.env.FORWARDED_ALLOW_IPS ?? "127.0.0.1",
  );
}

/**
 * Serves an app on node:http (keep-alive on). Runs the lifespan's startup before listening;
 * a failing startup rejects and nothing listens.
 *
 * @example const server = await serve(app, { port: 8000, gracefulTimeout: 25 }); … await server.close();
 */
export async function serve(app: Servable, options: ServeOptions = {}): Promise<RunningServer> {
  // on Bun and Deno, their own server (its type is theirs: serveBun/serveDeno name it)
  const native = nativeServe(app, options);
  if (native !== undefined) return native as Promise<RunningServer<any>>;
  if (options.logLevel !== undefined) logger.pino.level = options.logLevel;
  if ((options.workers ?? 1) > 1 && cluster.isPrimary) {
    process.exit(await superviseWorkers(workerOptions(options)));
  }
  const timeouts = resolveTimeouts(options);
  const graceMs = Math.round((options.gracefulTimeout ?? 25) * 1000);
  const trustedProxies = trustedProxiesOf(options);
  await app.startup();
  const state = new ListenerState();
  const listener = createNodeListener(
    app,
    {
      accessLog: options.accessLog === false ? undefined : logger,
      trustedProxies,
      // a UUID and an echoed header per request: only where an access line names them, or asked
      requestId: options.requestId ?? options.accessLog !== false,
    },
    state,
  );
  const hosted: RequestListener = (req, res) => {
    if (!refuseHostless(req, res)) listener(req, res);
  };
  const server = createServer(
    { keepAlive: true, requireHostHeader: false, ...nodeServerTimeouts(timeouts) },
    hosted,
  );
  // `Expect: 100-continue` is answered by the adapter once a route reads the body, never
  // for a body refused from its Content-Length
  server.on("checkContinue", hosted);
  server.keepAliveTimeout = timeouts.keepAliveMs;
  watchBodyIdle(server, timeouts.bodyMs);
  server.on("connect", refuseConnect);
  server.on("clientError", answerClientError);
  const websockets = attachWebSocketUpgrade(server, app);
  const host = options.host ?? "127.0.0.1";
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 8000, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    // the port is taken (EADDRINUSE) or not ours (EACCES): what the startup opened is released
    await app.shutdown();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      // open WebSockets hold their connections: they are closed with 1001 as shutdown begins
      const closingSockets = websockets.close(1001, "Server shutting down");
      await drainServer(server, state, graceMs, logger);
      await closingSockets;
      await app.shutdown();
    })();
    return closing;
  };
  // a worker always takes the primary's orders
  if (options.handleSignals || cluster.isWorker) handleSignals(server, close, app);
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return { server, port, url: `http://${shownHost}:${port}`, close };
}

/**
 * SIGTERM/SIGINT: drain, shut down, exit 0 (1 when the shutdown fails); a second signal exits at
 * once. A cluster worker takes its orders from the primary instead (a terminal's Ctrl-C reaches
 * the whole process group, and would otherwise count twice): it drains on the primary's message,
 * on SIGTERM or when the primary is gone, and ignores SIGINT.
 */
function handleSignals(server: Server, close: () => Promise<void>, app: Servable): void {
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received !== undefined && cluster.isWorker) return;
    if (received !== undefined) {
      logger.warn(`${signal} again: exiting without waiting`, { signal });
      process.exit(1);
    }
    received = signal;
    server.getConnections((_error, connections) => {
      logger.info(`${signal}: shutting down`, { signal, open_connections: connections });
    });
    close().then(
      () => {
        logger.info("shutdown complete");
        process.exit(0);
      },
      (error: unknown) => {
        app.logger.error("shutdown failed", error);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  if (cluster.isWorker) {
    process.on("SIGINT", () => {});
    process.on("message", (message) => {
      if (message === WORKER_SHUTDOWN_MESSAGE) onSignal("SIGTERM");
    });
    process.on("disconnect", () => onSignal("SIGTERM"));
  } else process.on("SIGINT", onSignal);
}
