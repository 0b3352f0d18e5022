import type { JsonSchema } from "../schema/index.js";
import type { BuildContext } from "./context.js";
import { operationSummary } from "./naming.js";
import { buildParameter } from "./parameters.js";
import { buildRequestBody } from "./request-body.js";
import { buildResponses } from "./responses.js";
import type { OperationDescription } from "./types.js";

/**
 * One Operation Object, keys in FastAPI's order: `tags`, `summary`, `description`,
 * `operationId`, `deprecated`, `security`, `parameters`, `requestBody`, `callbacks`, `responses`.
 */
export function buildOperation(
  operation: OperationDescription,
  operationId: string,
  ctx: BuildContext,
): JsonSchema {
  const out: JsonSchema = {};
  if (operation.tags.length > 0) out.tags = [...operation.tags];
  out.summary = operationSummary(operation);
  if (operation.description) out.description = operation.description;
  out.operationId = operationId;
  if (operation.deprecated) out.deprecated = true;
  if (operation.security.length > 0) {
    out.security = operation.security.map((requirement) => {
      if (!ctx.securitySchemes.has(requirement.schemeName)) {
        ctx.securitySchemes.set(requirement.schemeName, requirement.scheme);
      }
      return { [requirement.schemeName]: [...requirement.scopes] };
    });
  }
  if (operation.parameters.length > 0) {
    out.parameters = uniqueParameters(operation).map((param) => buildParameter(param, ctx));
  }
  if (operation.requestBody !== undefined) {
    out.requestBody = buildRequestBody(operation.requestBody, operationId, ctx);
  }
  if (operation.callbacks && operation.callbacks.length > 0 && ctx.buildCallbacks) {
    out.callbacks = ctx.buildCallbacks(operation.callbacks);
  }
  out.responses = buildResponses(operation, operationId, ctx);
  return operation.openapiExtra ? deepMerge(structuredClone(out), operation.openapiExtra) : out;
}

/** `extra` merged into `target` (objects key by key, anything else replaced): FastAPI's deep_dict_update. */
function deepMerge(target: JsonSchema, extra: Record<string, unknown>): JsonSchema {
  for (const [key, value] of Object.entries(extra)) {
    const current = target[key];
    if (isPlainObject(current) && isPlainObject(value)) deepMerge(current, value);
    else if (Array.isArray(current) && Array.isArray(value)) target[key] = [...current, ...value];
    else target[key] = structuredClone(value);
  }
  return target;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A parameter declared twice (route and dependency) is documented once, first declaration wins. */
function uniqueParameters(operation: OperationDescription) {
  const seen = new Set<string>();
  return operation.parameters.filter((param) => {
    const key = `${param.in}:${param.wireName}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
