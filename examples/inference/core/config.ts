/** The service's settings: environment variables, then `examples/inference/.env`, then defaults. */

import { fileURLToPath } from "node:url";
import { defineSettings, dependency, loadSettings } from "tailor";
import { z } from "zod";

// #region settings
export const SettingsSchema = z.object({
  /** where the local engine's weights would live; reported by /admin/models */
  model_path: z.string().default("./models/mistral-7b"),
  /** "local": the deterministic in-process engine (no network, no weights); "ollama": an Ollama server */
  model_backend: z.enum(["local", "ollama"]).default("local"),
  ollama_base_url: z.string().default("http://127.0.0.1:11434"),
  /** pause before each generated token of the local engine, to feel like a real model */
  local_token_latency_ms: z.number().int().min(0).default(15),
  /** keys accepted in X-API-Key (JSON list); the default is a development key */
  api_keys: z.array(z.string().min(1)).min(1).default(["sk-dev-key-123"]),
  /** the key for /admin, sent in X-Admin-Key */
  admin_key: z.string().min(1).default("sk-admin-dev-456"),
  max_concurrent_requests: z.number().int().min(1).default(10),
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
