/** `npm start`: serves the inference API with the settings of the environment. */

import { logger, serve } from "tailor";
import { settings } from "./core/config.js";
import { app } from "./main.js";

const LEVELS = { DEBUG: "debug", INFO: "info", WARNING: "warn", ERROR: "error" } as const;

// #region serve
const config = settings();
const server = await serve(app, {
  host: config.host,
  port: config.port,
  handleSignals: true, // SIGTERM (docker stop, Kubernetes): drain for up to 25 s, then exit 0
  logLevel: LEVELS[config.log_level], // the framework's log lines, access lines included
});
logger.info(`AI Inference API on ${server.url} (docs at ${server.url}/docs)`);
if (config.api_keys.includes("sk-dev-key-123")) {
  logger.warn("using the development API key sk-dev-key-123: set API_KEYS before deploying");
}
// #endregion serve
