import type { Server } from "node:http";
import { Server as NetServer } from "node:net";
import type { TailorLogger } from "../logging/logger.js";
import type { ListenerState } from "./node-listener.js";

/**
 * Stops a server gracefully within `graceMs`:
 * - the listening socket closes at once (new connections are refused), once node has accepted
 *   the connections already waiting in its backlog;
 * - every response written from now on carries `Connection: close`;
 * - idle kept-alive connections are not cut under a client that may be sending on them: they
 *   close at the keep-alive timeout the client was told (`Keep-Alive: timeout=5`);
 * - in-flight requests, streams and after-response work (background tasks) may finish;
 * - whatever is still open when the grace period ends is closed.
 */
export async function drainServer(
  server: Server,
  state: ListenerState,
  graceMs: number,
  log: TailorLogger,
): Promise<void> {
  state.draining = true;
  const started = performance.now();
  // Connections the kernel has queued but node has not yet accepted would be reset when the
  // listening socket closes, though their clients have sent a request: two turns of the event
  // loop (each polls the socket) accept them first, to be answered with Connection: close.
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
  const closed = new Promise<void>((resolve) => {
    // net.Server's close, not http.Server's: node's http close also cuts idle connections at
    // once, racing a request the client may be sending on one of them
    NetServer.prototype.close.call(server, () => resolve());
  });
  const grace = new Promise<"timeout">((resolve) => {
    const timer = setTimeout(() => resolve("timeout"), graceMs);
    timer.unref();
    void closed.then(() => clearTimeout(timer));
  });
  const outcome = await Promise.race([closed, grace]);
  if (outcome === "timeout") {
    log.warn("grace period over: closing the connections still open", {
      grace_s: graceMs / 1000,
    });
    server.closeAllConnections();
  }
  // background tasks get what is left of the grace period
  if (state.pending.size > 0) {
    const left = Math.max(0, graceMs - (performance.now() - started));
    const timer = new Promise<void>((resolve) => setTimeout(resolve, left).unref());
    const settled = Promise.allSettled([...state.pending]).then(() => undefined);
    await Promise.race([settled, timer]);
    if (state.pending.size > 0)
      log.warn("grace period over: after-response work still running is abandoned", {
        tasks: state.pending.size,
      });
  }
}
