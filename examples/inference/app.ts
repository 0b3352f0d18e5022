/** Builds the AI inference service: lifespan (the model loads once), routers, CORS, errors. */

import { App, CORSMiddleware, type JobQueue } from "tailor";
import { servingControls } from "./core/concurrency.js";
import { type InferenceSettings, settings } from "./core/config.js";
import { createLogger } from "./core/logging.js";
import { useOpenAIErrors } from "./core/openai-errors.js";
import { RateLimiter } from "./core/rate-limit.js";
import { router as admin } from "./routers/admin.js";
import { mountBatches } from "./routers/batches.js";
import { router as documents } from "./routers/documents.js";
import { router as health } from "./routers/health.js";
import { router as inference } from "./routers/inference.js";
import { router as openai } from "./routers/openai.js";
import { createModelClient } from "./services/backends.js";
import { DocumentStore } from "./services/document-store.js";
import type { ModelClient } from "./services/model-client.js";

export interface AppParts {
  /** an engine to use instead of the one the settings select (tests) */
  modelClient?: ModelClient;
  /** where JSON log lines go (default: stdout) */
  writeLog?: (line: string) => void;
  /** the clock of the rate limiter (tests) */
  now?: () => number;
  /** the queue of /v1/batches (default: REDIS_URL or JOBS_DB; neither: no batch routes) */
  jobQueue?: JobQueue;
}

// #region create-app
export function createApp(config: InferenceSettings = settings(), parts: AppParts = {}): App {
  const logger = createLogger(config, parts.writeLog);
  const app = new App({
    // the framework's own error lines (a failed handler, a backend error) as JSON too
    logger: {
      error: (message, error) =>
        logger.log("ERROR", "error", {
          message,
          error: error instanceof Error ? error.stack : error,
        }),
    },
    // every route: a bounded FIFO queue (503 beyond it) and a deadline (504); probes opt out
    ...servingControls(config),
    title: "AI Inference API",
    version: "1.0.0",
    description:
      "Completions, embeddings, chat and retrieval in front of a local, Ollama or OpenAI-compatible model; OpenAI's SDKs work against it.",
    lifespan: async function* () {
      const log = (event: string, fields: Record<string, unknown>) =>
        logger.log(event === "backend_ready" ? "INFO" : "WARNING", event, fields);
      const modelClient = parts.modelClient ?? createModelClient(config, log);
      // the local engine loads here; a remote backend keeps retrying while /ready answers 503
      await modelClient.load();
      logger.log("INFO", "model_loaded", {
        backend: modelClient.backend,
        ready: modelClient.ready,
      });
      const documents = new DocumentStore(config.database_path);
      const rateLimiter = new RateLimiter(config.rate_limit_per_minute, parts.now);
      // ctx.state for every request
      const servingStats = () => app.servingStats();
      yield { settings: config, modelClient, logger, documents, rateLimiter, servingStats };
      await modelClient.close();
      documents.close();
      logger.log("INFO", "shutdown");
    },
  });

  app.addMiddleware(
    new CORSMiddleware({
      allowOrigins: config.cors_origins,
      allowMethods: ["GET", "POST", "DELETE"],
      allowHeaders: ["Content-Type", "X-API-Key", "Authorization", "X-Admin-Key"],
    }),
  );

  app.includeRouter(inference, { prefix: "/v1" });
  app.includeRouter(openai, { prefix: "/v1" });
  app.includeRouter(documents, { prefix: "/v1" });
  mountBatches(app, parts.jobQueue);
  app.includeRouter(health);
  app.includeRouter(admin);
  useOpenAIErrors(app);
  return app;
}
// #endregion create-app
