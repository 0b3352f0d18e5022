/** FastAPI's response_model_exclude_unset / exclude_none / include, applied after validation. */
export interface ResponseFilterOptions {
  excludeUnset?: boolean;
  /** the response schema's declared keys: others (derived by a transform) always stay */
  declaredFields?: readonly string[] | null;
  excludeNone?: boolean;
  include?: readonly string[];
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

function pick(value: unknown, keys: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => pick(item, keys));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of keys) if (key in value) out[key] = value[key];
  return out;
}

/** null when no option is set, so routes without them pay nothing. */
export function compileResponseFilter(
  options: ResponseFilterOptions,
): ((value: unknown, original: unknown) => unknown) | null {
  const { excludeUnset, excludeNone, include } = options;
  if (!excludeUnset && !excludeNone && !include) return null;
  const declared = options.declaredFields ? new Set(options.declaredFields) : null;
  return (value, original) => {
    let out = excludeUnset ? keepSet(value, original, declared) : value;
    if (excludeNone) out = dropNone(out);
    if (include) out = pick(out, include);
    return out;
  };
}
