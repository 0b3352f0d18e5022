import { readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { ConfigError } from "../errors/config-error.js";
import { compileValidator, describeSchema, type StandardSchemaV1 } from "../schema/index.js";

/** An object schema with its fields: `z.object({ ... })`. */
export type SettingsSchema = StandardSchemaV1 & { readonly shape: Record<string, unknown> };

export interface SettingsOptions {
  /** a dotenv file read if it exists (default ".env"); `false` reads none */
  envFile?: string | false;
  /** default "": only variables starting with it (any case) are read, without it */
  prefix?: string;
  /** the environment (default `process.env`); real variables win over the file */
  env?: Record<string, string | undefined>;
}

/** Loads on first call and returns the same object afterwards; `reload()` reads again. */
export interface Settings<TValue> {
  (): TValue;
  reload(): TValue;
}

/** "databaseUrl" and "database_url" -> "DATABASE_URL" */
export function envNameOf(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
}

function readEnvFile(path: string | false): Record<string, string | undefined> {
  if (path === false) return {};
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
  return parseEnv(text);
}

/** What the variables hold, keyed by upper-case name with the prefix removed. */
function collectVariables(options: SettingsOptions): Map<string, { name: string; value: string }> {
  const prefix = (options.prefix ?? "").toUpperCase();
  const found = new Map<string, { name: string; value: string }>();
  const sources = [readEnvFile(options.envFile ?? ".env"), options.env ?? process.env];
  for (const source of sources) {
    for (const [name, value] of Object.entries(source)) {
      if (value === undefined) continue;
      const upper = name.toUpperCase();
      if (!upper.startsWith(prefix)) continue;
      found.set(upper.slice(prefix.length), { name, value });
    }
  }
  return found;
}

function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? "");
}

/**
 * Reads settings from environment variables and a `.env` file, once, validated by an object
 * schema. A key `database_url` (or `databaseUrl`) is read from `<PREFIX>DATABASE_URL`, in any
 * case. Values convert like query strings (`"8000"` -> 8000, `"true"` -> true); list and object
 * fields take JSON. Every bad or missing variable is reported in one `ConfigError [E_SETTINGS]`.
 *
 * @example
 * const settings = defineSettings(z.object({ database_url: z.string(), workers: z.number().int().default(1) }), { prefix: "APP_" });
 * settings().workers // APP_WORKERS=4 -> 4
 */
export function loadSettings<TSchema extends SettingsSchema>(
  schema: TSchema,
  options: SettingsOptions = {},
): StandardSchemaV1.InferOutput<TSchema> {
  const prefix = (options.prefix ?? "").toUpperCase();
  const keys = Object.keys(schema.shape);
  const variables = collectVariables(options);
  const input: Record<string, unknown> = {};
  const names = new Map<string, string>();
  for (const key of keys) {
    const found = variables.get(envNameOf(key));
    names.set(key, found?.name ?? `${prefix}${envNameOf(key)}`);
    if (found === undefined) continue;
    let value: unknown = found.value;
    const facts = describeSchema(schema.shape[key] as StandardSchemaV1);
    if (facts.isList || facts.isObject) {
      try {
        value = JSON.parse(found.value);
      } catch {
        // left as the string: the validator reports it as not a list / not an object
      }
    }
    input[key] = value;
  }
  const checked = compileValidator(schema, { input: "string" })(input, []);
  if (checked.ok) return checked.value as StandardSchemaV1.InferOutput<TSchema>;
  const lines = checked.errors.map((error) => {
    const [key, ...inner] = error.loc;
    const name = names.get(String(key)) ?? String(key);
    const where = inner.length > 0 ? `${name} (at ${inner.join(".")})` : name;
    const got = error.type === "missing" && inner.length === 0 ? "" : ` (got ${show(error.input)})`;
    return `  ${where}: ${error.msg}${got}`;
  });
  throw new ConfigError(
    "E_SETTINGS",
    "settings",
    `${lines.length} environment variable${lines.length === 1 ? " is" : "s are"} missing or invalid:\n${lines.join("\n")}`,
  );
}

/**
 * Declares the app's settings; they load (and are validated) on the first call, so a bad
 * environment fails at startup, not on a request. See {@link loadSettings} for the rules.
 *
 * @example
 * export const settings = defineSettings(z.object({ model_name: z.string(), max_tokens: z.number().default(256) }), { prefix: "APP_" });
 * const app = new App({ lifespan: async function* () { yield { model: await load(settings().model_name) }; } });
 */
export function defineSettings<TSchema extends SettingsSchema>(
  schema: TSchema,
  options: SettingsOptions = {},
): Settings<StandardSchemaV1.InferOutput<TSchema>> {
  let loaded: { value: StandardSchemaV1.InferOutput<TSchema> } | undefined;
  const reload = () => {
    loaded = { value: loadSettings(schema, options) };
    return loaded.value;
  };
  const settings = () => (loaded === undefined ? reload() : loaded.value);
  return Object.assign(settings, { reload });
}
