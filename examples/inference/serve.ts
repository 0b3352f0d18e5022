/** `npm start`: serves the inference API with the settings of the environment. */

import { serve } from "tailor";
import { settings } from "./core/config.js";
import { app } from "./main.js";

// #region serve
const config = settings();
const server = await serve(app, { host: config.host, port: config.port, handleSignals: true });
console.log(`AI Inference API on ${server.url} (docs at ${server.url}/docs)`);
if (config.api_keys.includes("sk-dev-key-123")) {
  console.warn("using the development API key sk-dev-key-123: set API_KEYS before deploying");
}
// #endregion serve
