import {
  compileSelection,
  excludeSelected,
  type FieldSelection,
  includeSelected,
} from "./field-selection.js";

/**
 * FastAPI's response_model_exclude_unset / exclude_defaults / exclude_none / include / exclude,
 * applied after validation (include/exclude by field names, nested as pydantic's).
 */
export interface ResponseFilterOptions {
  excludeUnset?: boolean;
  /** the response schema's declared keys: others (derived by a transform) always stay */
  declaredFields?: readonly string[] | null;
  excludeNone?: boolean;
  include?: FieldSelection | undefined;
  exclude?: FieldSelection | undefined;
  excludeDefaults?: boolean;
  /** the response schema's field defaults, by name (for excludeDefaults) */
  fieldDefaults?: Readonly<Record<string, unknown>> | null;
  /** last, after the field-name filters: field names to aliases (FastAPI's by_alias) */
  rename?: ((value: unknown) => unknown) | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Keeps the keys the handler's own value had, dropping what the schema's defaults filled in;
 * keys the schema does not declare (derived by a transform, like pydantic's computed fields) stay.
 */
function keepSet(value: unknown, original: unknown, declared: ReadonlySet<string> | null): unknown {
  if (Array.isArray(value) && Array.isArray(original)) {
    return value.map((item, i) => keepSet(item, original[i], declared));
  }
  if (!isRecord(value) || !isRecord(original)) return value;
  const out: Record<string, unknown> = {};
  for (const key in value) {
    if (key in original) out[key] = keepSet(value[key], original[key], null);
    else if (declared !== null && !declared.has(key)) out[key] = value[key];
  }
  return out;
}

function dropNone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNone);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key in value)
    if (value[key] !== null && value[key] !== undefined) out[key] = dropNone(value[key]);
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => key in b && sameValue(a[key], b[key]))
  );
}

/** Drops the fields whose value equals the default their schema declares. */
function dropDefaults(value: unknown, defaults: Readonly<Record<string, unknown>>): unknown {
  if (Array.isArray(value)) return value.map((item) => dropDefaults(item, defaults));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key in value)
    if (!(key in defaults && sameValue(value[key], defaults[key]))) out[key] = value[key];
  return out;
}

/** null when no option is set, so routes without them pay nothing. */
export function compileResponseFilter(
  options: ResponseFilterOptions,
): ((value: unknown, original: unknown) => unknown) | null {
  const { excludeUnset, excludeNone } = options;
  const include = options.include ? compileSelection(options.include) : null;
  const exclude = options.exclude ? compileSelection(options.exclude) : null;
  const defaults = options.excludeDefaults ? (options.fieldDefaults ?? {}) : null;
  const rename = options.rename ?? null;
  if (!excludeUnset && !excludeNone && !include && !exclude && !defaults) {
    return rename === null ? null : (value) => rename(value);
  }
  const declared = options.declaredFields ? new Set(options.declaredFields) : null;
  return (value, original) => {
    let out = excludeUnset ? keepSet(value, original, declared) : value;
    if (defaults) out = dropDefaults(out, defaults);
    if (excludeNone) out = dropNone(out);
    if (include) out = includeSelected(out, include);
    if (exclude) out = excludeSelected(out, exclude);
    return rename === null ? out : rename(out);
  };
}
