/** The service's settings: environment variables, then `examples/inference/.env`, then defaults. */

import { fileURLToPath } from "node:url";
import { defineSettings, dependency, loadSettings } from "tailor";
import { z } from "zod";

/** a JSON object from one variable (defineSettings parses JSON for lists and objects, not records) */
const jsonRecord = z.preprocess(
  (value) => {
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value);
    } catch {
      return value; // reported as "Input should be a valid dictionary"
    }
  },
  z.record(z.string(), z.string()),
);

// #region settings
export const SettingsSchema = z.object({
  /** where the local engine's weights would live; reported by /admin/models */
  model_path: z.string().default("./models/mistral-7b"),
  /** "local": the deterministic in-process engine; "ollama": an Ollama server; "openai": any OpenAI-compatible server (vLLM, llama.cpp) */
  model_backend: z.enum(["local", "ollama", "openai"]).default("local"),
  ollama_base_url: z.string().default("http://127.0.0.1:11434"),
  /** the OpenAI-compatible server, up to and including /v1 */
  openai_base_url: z.string().default("http://127.0.0.1:8080/v1"),
  /** the key sent to that server as `Authorization: Bearer` (empty: none) */
  openai_api_key: z.string().default(""),
  /** names the clients use -> names the backend knows (JSON object); unset: Ollama's names for the defaults */
  model_aliases: jsonRecord.optional(),
  /** how long to wait for a backend's TCP connection */
  backend_connect_timeout_ms: z.number().int().min(1).default(3000),
  /** how long a backend may stay silent while it answers (between two streamed chunks too) */
  backend_read_timeout_ms: z.number().int().min(1).default(60000),
  /** first pause between start-up attempts to reach the backend; doubles up to 30 s */
  backend_retry_initial_ms: z.number().int().min(1).default(500),
  /** pause before each generated token of the local engine, to feel like a real model */
  local_token_latency_ms: z.number().int().min(0).default(15),
  /** keys accepted in X-API-Key (JSON list); the default is a development key */
  api_keys: z.array(z.string().min(1)).min(1).default(["sk-dev-key-123"]),
  /** the key for /admin, sent in X-Admin-Key */
  admin_key: z.string().min(1).default("sk-admin-dev-456"),
  /** requests each route serves at once (the framework's `concurrency.limit`) */
  max_concurrent_requests: z.number().int().min(1).default(10),
  /** requests that wait for a slot, first come first served; beyond them: 503 with Retry-After */
  max_queued_requests: z.number().int().min(0).default(20),
  /** the longest a request waits in that queue before 503 */
  queue_timeout_ms: z.number().int().min(1).default(10000),
  /** deadline of a request once it has its slot: 504 and the backend request is cancelled */
  request_timeout_ms: z.number().int().min(1).default(120000),
  /** requests per minute and API key (0: no limit); beyond: 429 with Retry-After */
  rate_limit_per_minute: z.number().int().min(0).default(600),
  /** the SQLite file of the documents ingested for retrieval (":memory:" keeps them in memory) */
  database_path: z.string().default("./data/inference.db"),
  /** the model that embeds documents and queries for retrieval */
  embedding_model: z.string().default("nomic-embed-text"),
  log_level: z.enum(["DEBUG", "INFO", "WARNING", "ERROR"]).default("INFO"),
  /** browser origins allowed to call the API (JSON list) */
  cors_origins: z.array(z.string()).default(["http://localhost:3000"]),
  host: z.string().default("127.0.0.1"),
  port: z.number().int().min(0).max(65535).default(8000),
});

export type InferenceSettings = z.infer<typeof SettingsSchema>;

/** examples/inference/.env — copy .env.example there to change the defaults */
export const ENV_FILE = fileURLToPath(new URL("../.env", import.meta.url));

/** read on first call: `settings().port` */
export const settings = defineSettings(SettingsSchema, { envFile: ENV_FILE });
// #endregion settings

/** Reads settings from the given variables only (no .env file): what tests use. */
export function settingsFrom(env: Record<string, string | undefined>): InferenceSettings {
  return loadSettings(SettingsSchema, { env, envFile: false });
}

/** The app's settings, as the lifespan put them in the app state. */
export const getSettings = dependency({}, function getSettings(_args, ctx): InferenceSettings {
  return ctx.state.settings;
});
