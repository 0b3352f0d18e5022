import { statusPhrase } from "../internal/status.js";
import { titleCase } from "../schema/index.js";
import type { OperationDescription } from "./types.js";

// Python's `\W` is Unicode-aware: letters and digits of any script, and `_`, are word characters.
const NON_WORD = /[^\p{L}\p{N}_]/gu;

/** `"/files/{p:path}"` -> `"/files/{p}"`: converters are not part of the documented template. */
export function documentedPath(path: string): string {
  return path.replace(/\{([^}:]+):[^}]*\}/g, "{$1}");
}

/**
 * FastAPI's default unique id: name + path, every non-word character -> `_`, then `_` + method.
 * `read_nested_item` + `/items/{item_id}/sub/{sub_id}` + GET ->
 * `read_nested_item_items__item_id__sub__sub_id__get`
 */
export function defaultOperationId(operation: OperationDescription, method: string): string {
  const base = `${operation.name}${documentedPath(operation.path)}`.replace(NON_WORD, "_");
  return `${base}_${method.toLowerCase()}`;
}

/** Explicit `summary`, else the route name in Title Case (`read_nested_item` -> `Read Nested Item`). */
export function operationSummary(operation: OperationDescription): string {
  return operation.summary ?? titleCase(operation.name);
}

const RANGE_PHRASES: Record<string, string> = {
  "1XX": "Information",
  "2XX": "Success",
  "3XX": "Redirection",
  "4XX": "Client Error",
  "5XX": "Server Error",
  DEFAULT: "Default Response",
};

/**
 * The default description of an extra response: Python's reason phrase (`404` -> `Not Found`),
 * `Additional Response` for a status Python names not (509).
 */
export function statusDescription(statusKey: string): string {
  const upper = statusKey.toUpperCase();
  return RANGE_PHRASES[upper] ?? (statusPhrase(Number(upper)) || "Additional Response");
}

/** `404` -> `"404"`, `"4xx"` -> `"4XX"`, `"DEFAULT"` -> `"default"` */
export function responseKey(status: string | number): string {
  const upper = String(status).toUpperCase();
  return upper === "DEFAULT" ? "default" : upper;
}
