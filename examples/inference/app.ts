/** Builds the AI inference service: lifespan (the model loads once), routers, CORS, errors. */

import type { JobQueue } from "tailor";
import { App, CORSMiddleware, JSONResponse } from "tailor";
import { concurrencyLimit } from "./core/concurrency.js";
import { type InferenceSettings, settings } from "./core/config.js";
import { createLogger } from "./core/logging.js";
import { router as admin } from "./routers/admin.js";
import { mountBatches } from "./routers/batches.js";
import { router as health } from "./routers/health.js";
import { router as inference } from "./routers/inference.js";
import {
  BackendError,
  createModelClient,
  type ModelClient,
  UnknownModelError,
} from "./services/model-client.js";

export interface AppParts {
  /** an engine to use instead of the one the settings select (tests) */
  modelClient?: ModelClient;
  /** where JSON log lines go (default: stdout) */
  writeLog?: (line: string) => void;
  /** the queue of /v1/batches (default: REDIS_URL or JOBS_DB; neither: no batch routes) */
  jobQueue?: JobQueue;
}

// #region create-app
export function createApp(config: InferenceSettings = settings(), parts: AppParts = {}): App {
  const app = new App({
    title: "AI Inference API",
    version: "1.0.0",
    description: "Completions, embeddings and streamed chat in front of a local or Ollama model.",
    lifespan: async function* () {
      const logger = createLogger(config, parts.writeLog);
      const modelClient = parts.modelClient ?? createModelClient(config);
      await modelClient.load(); // once, before the first request
      logger.log("INFO", "model_loaded", { backend: modelClient.backend });
      yield { settings: config, modelClient, logger }; // ctx.state for every request
      await modelClient.close();
      logger.log("INFO", "shutdown");
    },
  });

  app.addMiddleware(
    new CORSMiddleware({
      allowOrigins: config.cors_origins,
      allowMethods: ["GET", "POST"],
      allowHeaders: ["Content-Type", "X-API-Key", "X-Admin-Key"],
    }),
  );

  app.includeRouter(inference, {
    prefix: "/v1",
    dependencies: [concurrencyLimit(config.max_concurrent_requests)],
  });
  mountBatches(app, parts.jobQueue);
  app.includeRouter(health);
  app.includeRouter(admin);

  app.exceptionHandler(UnknownModelError, (_ctx, error) => {
    return new JSONResponse({ detail: error.message }, { status: 404 });
  });
  app.exceptionHandler(BackendError, (ctx, error) => {
    app.logger.error(`${ctx.method} ${ctx.path}: ${error.message}`);
    return new JSONResponse({ detail: "Inference backend unavailable" }, { status: 502 });
  });
  return app;
}
// #endregion create-app
