import type { ValidationErrorDetail } from "./validation.js";

/** How much of a request a 422 body may echo back. */
export interface ValidationErrorLimits {
  /** most errors listed (default 100); the first ones are kept, in order */
  maxErrors?: number;
  /**
   * longest echoed `input`, in characters of its JSON (default 1,000): a longer string is
   * cut, a longer list or object keeps its first items; the shape stays FastAPI's
   */
  maxInputLength?: number;
}

export type ResolvedValidationErrorLimits = Required<ValidationErrorLimits>;

export const DEFAULT_VALIDATION_ERROR_LIMITS: ResolvedValidationErrorLimits = {
  maxErrors: 100,
  maxInputLength: 1000,
};

/**
 * What is left of `budget` after echoing `value` (about its JSON length), or -1 once it is
 * spent: stops early, so a 1 MB input costs no more than the budget to measure.
 */
function remaining(value: unknown, budget: number): number {
  if (typeof value === "string") return budget - value.length - 2;
  if (typeof value !== "object" || value === null) return budget - String(value).length;
  let left = budget - 2;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && left >= 0; i++) left = remaining(value[i], left - 1);
    return left;
  }
  for (const key in value) {
    if (left < 0) break;
    left = remaining((value as Record<string, unknown>)[key], left - key.length - 4);
  }
  return left;
}

/** `value` cut to about `budget` characters of JSON: strings shortened, lists and objects truncated */
function cut(value: unknown, budget: number): unknown {
  if (typeof value === "string")
    return value.length <= budget ? value : value.slice(0, Math.max(0, budget));
  if (typeof value !== "object" || value === null) return value;
  let left = budget - 2;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const after = remaining(item, left - 1);
      if (after < 0) {
        // the item that does not fit is cut to what is left, and ends the list
        if (left > 1) out.push(cut(item, left - 1));
        break;
      }
      out.push(item);
      left = after;
    }
    return out;
  }
  const out: Record<string, unknown> = Object.create(null);
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    const after = remaining(item, left - key.length - 4);
    if (after < 0) {
      if (left - key.length - 4 > 0) out[key] = cut(item, left - key.length - 4);
      break;
    }
    out[key] = item;
    left = after;
  }
  return { ...out };
}

/**
 * The errors a 422 lists: at most `maxErrors`, each `input` within `maxInputLength`. Returns
 * the same array when nothing needs cutting (the usual case).
 *
 * @example capValidationErrors(errors, { maxErrors: 100, maxInputLength: 1000 })
 */
export function capValidationErrors(
  errors: ValidationErrorDetail[],
  limits: ResolvedValidationErrorLimits,
): ValidationErrorDetail[] {
  const kept = errors.length > limits.maxErrors ? errors.slice(0, limits.maxErrors) : errors;
  let out = kept;
  for (let i = 0; i < kept.length; i++) {
    const error = kept[i]!;
    if (remaining(error.input, limits.maxInputLength) >= 0) continue;
    if (out === errors) out = kept.slice();
    out[i] = { ...error, input: cut(error.input, limits.maxInputLength) };
  }
  return out;
}
