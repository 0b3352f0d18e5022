import cluster, { type Worker } from "node:cluster";
import type { TailorLogger } from "../logging/logger.js";
import { WORKER_SHUTDOWN_MESSAGE } from "./worker-messages.js";

export interface SupervisorOptions {
  workers: number;
  /** after this (the grace period plus a margin), workers still running are killed */
  stopTimeoutMs: number;
  log: TailorLogger;
  /** first back-off before replacing a dead worker; doubles per quick death (default 100 ms) */
  firstBackoffMs?: number;
  /** this many workers in a row dying within `quickDeathMs` of their start is a crash loop (default 5) */
  crashLoopLimit?: number;
  quickDeathMs?: number;
}

const MAX_BACKOFF_MS = 10_000;

/**
 * The primary of `tailor run --workers N`: forks N workers (which share the listening socket),
 * replaces a dead one after a back-off, gives up with exit 1 on a crash loop, restarts them one
 * by one on SIGHUP (a new one listens before an old one drains), and on SIGTERM/SIGINT tells
 * every worker to drain, then resolves with the exit status. A second signal kills them.
 */
export function superviseWorkers(options: SupervisorOptions): Promise<number> {
  const { log } = options;
  const firstBackoff = options.firstBackoffMs ?? 100;
  const crashLoopLimit = options.crashLoopLimit ?? 5;
  const quickDeathMs = options.quickDeathMs ?? 10_000;
  const startedAt = new WeakMap<Worker, number>();
  const retiring = new WeakSet<Worker>();
  let quickDeaths = 0;
  let stopping = false;
  let restarting = false;
  let finish: (status: number) => void = () => {};
  const done = new Promise<number>((resolve) => {
    finish = resolve;
  });
  let status = 0;

  const fork = (): Worker => {
    const worker = cluster.fork();
    startedAt.set(worker, performance.now());
    return worker;
  };
  // node removes a worker from cluster.workers on whichever of `exit` and `disconnect` comes
  // second, so a worker whose exit is being reported may still be listed: dead ones are not live
  const live = () =>
    Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());

  cluster.on("listening", (worker, address) => {
    const host = address.address ?? "127.0.0.1";
    const url = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
    log.info(`worker ${worker.process.pid} serving on ${url}`, {
      worker_pid: worker.process.pid,
      url,
    });
  });

  cluster.on("exit", (worker, code, signal) => {
    const pid = worker.process.pid;
    if (stopping) {
      if (live().length === 0) {
        log.info("all workers stopped");
        finish(status);
      }
      return;
    }
    if (retiring.has(worker)) return;
    const lived = performance.now() - (startedAt.get(worker) ?? 0);
    quickDeaths = lived < quickDeathMs ? quickDeaths + 1 : 0;
    if (quickDeaths >= crashLoopLimit) {
      log.error("workers keep dying right after they start: giving up", undefined, {
        deaths: quickDeaths,
        code,
        signal,
      });
      status = 1;
      stop("crash loop");
      return;
    }
    const backoff = Math.min(firstBackoff * 2 ** Math.max(0, quickDeaths - 1), MAX_BACKOFF_MS);
    log.warn("worker died: replacing it", { worker_pid: pid, code, signal, backoff_ms: backoff });
    setTimeout(() => {
      if (!stopping) fork();
    }, backoff);
  });

  const retire = (worker: Worker) => {
    retiring.add(worker);
    if (worker.isConnected()) worker.send(WORKER_SHUTDOWN_MESSAGE);
    else worker.process.kill("SIGTERM");
  };

  const stop = (reason: string) => {
    stopping = true;
    const workers = live();
    log.info(`${reason}: stopping the workers`, { workers: workers.length });
    if (workers.length === 0) finish(status);
    for (const worker of workers) retire(worker);
    setTimeout(() => {
      for (const worker of live()) worker.process.kill("SIGKILL");
    }, options.stopTimeoutMs).unref();
  };

  // one by one: each new worker is listening before an old one starts draining, so the shared
  // socket always has a worker to hand connections to
  const rollingRestart = async () => {
    if (restarting || stopping) return;
    restarting = true;
    log.info("SIGHUP: restarting the workers one by one");
    for (const old of live()) {
      if (stopping) break;
      const fresh = fork();
      const ok = await new Promise<boolean>((resolve) => {
        fresh.once("listening", () => resolve(true));
        fresh.once("exit", () => resolve(false));
      });
      if (!ok) {
        log.error("a new worker failed to start: the old ones keep serving");
        break;
      }
      retire(old);
    }
    restarting = false;
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn(`${signal} again: killing the workers`, { signal });
      for (const worker of live()) worker.process.kill("SIGKILL");
      process.exit(1);
    }
    stop(signal);
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  process.on("SIGHUP", () => void rollingRestart());

  // The kernel hands out connections (each worker accepts from the shared socket) rather than
  // the primary: a connection the primary had passed to a worker killed in that instant would be
  // lost, unanswered, and a worker that is killed only ever takes the connections it accepted.
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  for (let i = 0; i < options.workers; i++) fork();
  return done;
}
