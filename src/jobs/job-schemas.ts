import { z } from "zod";
import type { StandardSchemaV1 } from "../schema/index.js";
import type { JobDefinition } from "./define-job.js";

/** The body of a `202 Accepted`: where the new job is and what it is doing. */
export const JobAccepted = z
  .object({ id: z.string(), status: z.enum(["queued", "running", "done", "failed", "cancelled"]) })
  .meta({ id: "JobAccepted" });

const Progress = z.union([z.number(), z.record(z.string(), z.unknown())]).nullable();

function isZod(schema: StandardSchemaV1): schema is z.ZodType {
  return "_zod" in schema;
}

/** "embed-batch" -> "EmbedBatch" */
function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join("");
}

/** A job's record (`queue.get(id)`) with `result` typed by the job's output schema. */
export function jobRecordSchema(job: JobDefinition<any, any>): z.ZodType {
  // a non-Zod output schema is documented as any value; the worker validated it already
  const result = isZod(job.output) ? job.output.nullable() : z.unknown();
  return z
    .object({
      id: z.string(),
      name: z.string(),
      status: z.enum(["queued", "running", "done", "failed", "cancelled"]),
      attempts: z.number().int(),
      progress: Progress,
      result,
      error: z.string().nullable(),
    })
    .meta({ id: `${pascal(job.name)}Job` });
}
