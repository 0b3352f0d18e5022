/** The engine the settings select: the local engine, Ollama, or an OpenAI-compatible server. */

import type { InferenceSettings } from "../core/config.js";
import { LocalEngine } from "./local-engine.js";
import type { ModelClient } from "./model-client.js";
import { OLLAMA_ALIASES, OllamaClient } from "./ollama-client.js";
import { OpenAIUpstream } from "./openai-upstream.js";

// #region backends
/** Not loaded yet: the lifespan calls `load()`. `log` receives the backend's start-up events. */
export function createModelClient(
  settings: InferenceSettings,
  log?: (event: string, fields: Record<string, unknown>) => void,
): ModelClient {
  const remote = {
    connectTimeoutMs: settings.backend_connect_timeout_ms,
    readTimeoutMs: settings.backend_read_timeout_ms,
    retryInitialMs: settings.backend_retry_initial_ms,
    log,
  };
  if (settings.model_backend === "ollama") {
    const aliases = settings.model_aliases ?? OLLAMA_ALIASES;
    return new OllamaClient({ ...remote, baseUrl: settings.ollama_base_url, aliases });
  }
  if (settings.model_backend === "openai") {
    return new OpenAIUpstream({
      ...remote,
      baseUrl: settings.openai_base_url,
      apiKey: settings.openai_api_key,
      aliases: settings.model_aliases ?? {},
    });
  }
  return new LocalEngine({
    modelPath: settings.model_path,
    tokenLatencyMs: settings.local_token_latency_ms,
  });
}
// #endregion backends
