import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { ConfigError } from "../errors/config-error.js";

/** Limits for slow clients, in seconds (0 turns one off). */
export interface TimeoutOptions {
  /** default 30: the request line and headers must arrive within this */
  headersTimeout?: number;
  /** default 30: a request body that sends nothing for this long is cut */
  bodyTimeout?: number;
  /** default 300: the whole request (headers and body) must arrive within this */
  requestTimeout?: number;
  /** default 5: an idle kept-alive connection is closed after this */
  keepAliveTimeout?: number;
}

export interface ResolvedTimeouts {
  headersMs: number;
  bodyMs: number;
  requestMs: number;
  keepAliveMs: number;
  /** how often node checks the headers and request timeouts (its default is 30 s) */
  checkIntervalMs: number;
}

function seconds(value: number | undefined, fallback: number, name: string): number {
  const chosen = value ?? fallback;
  if (!Number.isFinite(chosen) || chosen < 0)
    throw new ConfigError(
      "E_SERVE_OPTION",
      "serve()",
      `${name} must be a number of seconds >= 0, got ${value}.`,
    );
  return Math.round(chosen * 1000);
}

/** Options in seconds -> node's milliseconds, with a check interval that makes them hold. */
export function resolveTimeouts(options: TimeoutOptions): ResolvedTimeouts {
  const headersMs = seconds(options.headersTimeout, 30, "headersTimeout");
  const requestMs = seconds(options.requestTimeout, 300, "requestTimeout");
  if (requestMs > 0 && headersMs > requestMs)
    throw new ConfigError(
      "E_SERVE_OPTION",
      "serve()",
      "headersTimeout must not be longer than requestTimeout. Shorten the first or lengthen the second.",
    );
  const shortest = Math.min(...[headersMs, requestMs].filter((ms) => ms > 0), 4_000);
  return {
    headersMs,
    bodyMs: seconds(options.bodyTimeout, 30, "bodyTimeout"),
    requestMs,
    keepAliveMs: seconds(options.keepAliveTimeout, 5, "keepAliveTimeout"),
    // every second, or a quarter of a shorter timeout, so a timeout is late by at most that
    checkIntervalMs: Math.max(25, Math.floor(shortest / 4)),
  };
}

/** node:http's own settings for the timeouts it enforces. */
export function nodeServerTimeouts(timeouts: ResolvedTimeouts) {
  return {
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionsCheckingInterval: timeouts.checkIntervalMs,
  };
}

/**
 * Cuts a request whose body stalls: while the body is arriving, the socket may stay silent for
 * at most `bodyMs`; once the body has ended the handler may take as long as it needs.
 */
export function watchBodyIdle(server: Server, bodyMs: number): void {
  if (bodyMs === 0) return;
  const arm = (req: IncomingMessage, res: ServerResponse) => {
    // run as an immediate, once node has parsed every byte at hand (ticks run between the
    // parser's callbacks, before the body): a body that came with its head (nearly every JSON
    // body) has ended by now, and its socket needs no timer and no listeners
    if (req.complete) return;
    const socket = req.socket;
    socket.setTimeout(bodyMs);
    // a listener here stops node destroying the socket itself: only a body still arriving is cut,
    // not a handler that is slow after reading it (or that never reads it)
    res.on("timeout", () => {
      if (req.complete) socket.setTimeout(0);
      else socket.destroy();
    });
    req.once("end", () => socket.setTimeout(0));
  };
  const watch = (req: IncomingMessage, res: ServerResponse) => {
    if (req.complete) return;
    const length = req.headers["content-length"];
    if (length === "0" || (length === undefined && req.headers["transfer-encoding"] === undefined))
      return;
    setImmediate(arm, req, res);
  };
  server.prependListener("request", watch);
  server.prependListener("checkContinue", watch);
}
