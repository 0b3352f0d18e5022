import cluster from "node:cluster";
import { logger } from "../logging/logger.js";
import { serve, workerOptions } from "../server/serve.js";
import { superviseWorkers } from "../server/workers.js";
import { parseRunArgs } from "./args.js";
import { loadApp } from "./load-app.js";

/**
 * `tailor run <module>[:export] [flags]`: serves the app until SIGTERM/SIGINT (then drains and
 * exits 0); with `--workers N` a primary process supervises N workers that share the port.
 */
export async function runCommand(args: readonly string[], cwd: string): Promise<number> {
  const { module, serve: options, workers } = parseRunArgs(args, "run");
  if (options.logLevel !== undefined) logger.pino.level = options.logLevel;
  if (workers > 1 && cluster.isPrimary) {
    logger.info(`supervising ${workers} workers`, { workers });
    // the primary never loads the app: only the workers do
    return superviseWorkers(workerOptions({ ...options, workers }));
  }
  const app = await loadApp(module, cwd);
  let server: Awaited<ReturnType<typeof serve>>;
  try {
    server = await serve(app, { ...options, handleSignals: true });
  } catch (error) {
    logger.error("startup failed", error);
    // a worker's channel to the primary would keep it alive
    if (cluster.isWorker) process.exit(1);
    return 1;
  }
  if (!cluster.isWorker) {
    logger.info(`serving on ${server.url} (docs at ${server.url}/docs)`, {
      url: server.url,
      docs: `${server.url}/docs`,
    });
  }
  // keeps serving: the signal handlers end the process
  return new Promise<number>(() => {});
}
