import type { ValidationErrorDetail, Validator } from "../schema/index.js";
import { compileValidator } from "../schema/index.js";
import type { JobDefinition, JobProgress } from "./define-job.js";

interface JobValidators {
  input: Validator;
  output: Validator;
}

const validators = new WeakMap<JobDefinition<any, any>, JobValidators>();

/** the job's compiled input and output validators, built once per job */
export function validatorsOf(job: JobDefinition<any, any>): JobValidators {
  let entry = validators.get(job);
  if (entry === undefined) {
    entry = {
      input: compileValidator(job.input, { input: "json" }),
      // the handler returns field names, as a route handler does; aliases are for the wire
      output: compileValidator(job.output, { input: "json", keys: "name" }),
    };
    validators.set(job, entry);
  }
  return entry;
}

/** How one run ended: a result to store, or an error and whether another attempt may help. */
export type RunOutcome =
  | { ok: true; result: unknown }
  | { ok: false; error: string; retryable: boolean };

function describeIssues(where: string, errors: ValidationErrorDetail[]): string {
  const first = errors[0];
  const at = first ? ` at ${first.loc.join(".")}: ${first.msg}` : "";
  return `${where} failed validation (${errors.length} error${errors.length === 1 ? "" : "s"}${at})`;
}

/**
 * Runs a job's handler once on its stored input: the input is parsed by the job's schema, the
 * output validated by its output schema. Throwing is a retryable failure; a schema mismatch is not
 * (the same input would fail the same way).
 */
export async function runJob(
  id: string,
  job: JobDefinition<any, any>,
  input: unknown,
  signal: AbortSignal,
  progress: (value: JobProgress) => Promise<void>,
  attempt: number,
): Promise<RunOutcome> {
  const { input: checkInput, output: checkOutput } = validatorsOf(job);
  const parsed = checkInput(input, ["input"]);
  if (!parsed.ok)
    return { ok: false, error: describeIssues("input", parsed.errors), retryable: false };
  let value: unknown;
  try {
    value = await job.handler(parsed.value, { id, signal, progress, attempt });
  } catch (error) {
    return { ok: false, error: errorMessage(error), retryable: true };
  }
  const checked = checkOutput(value, ["output"]);
  if (!checked.ok) {
    return { ok: false, error: describeIssues("output", checked.errors), retryable: false };
  }
  return { ok: true, result: checked.value };
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
