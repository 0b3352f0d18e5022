import cluster from "node:cluster";
import { logger } from "../logging/logger.js";
import { serve } from "../server/serve.js";
import { parseRunArgs } from "./args.js";
import { loadApp } from "./load-app.js";
import { superviseWorkers } from "./workers.js";

/**
 * `tailor run <module>[:export] [flags]`: serves the app until SIGTERM/SIGINT (then drains and
 * exits 0); with `--workers N` a primary process supervises N workers that share the port.
 */
export async function runCommand(args: readonly string[], cwd: string): Promise<number> {
  const { module, serve: options, workers } = parseRunArgs(args, "run");
  if (options.logLevel !== undefined) logger.pino.level = options.logLevel;
  if (workers > 1 && cluster.isPrimary) {
    logger.info(`supervising ${workers} workers`, { workers });
    return superviseWorkers({
      workers,
      stopTimeoutMs: (options.gracefulTimeout ?? 25) * 1000 + 5_000,
      log: logger,
    });
  }
  const app = await loadApp(module, cwd);
  const server = await serve(app, { ...options, handleSignals: true });
  if (!cluster.isWorker) {
    logger.info(`serving on ${server.url} (docs at ${server.url}/docs)`, {
      url: server.url,
      docs: `${server.url}/docs`,
    });
  }
  // keeps serving: the signal handlers end the process
  return new Promise<number>(() => {});
}
