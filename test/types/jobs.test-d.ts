import { defineJob, type JobContext, JobQueue } from "tailor";
import { expectTypeOf, test } from "vitest";
import { z } from "zod";

const Input = z.object({ texts: z.array(z.string()), model: z.string().default("small") });
const Output = z.object({ vectors: z.array(z.array(z.number())) });

test("a job handler's input is the parsed input schema, its context typed", () => {
  defineJob("embed", {
    input: Input,
    output: Output,
    handler: (input, ctx) => {
      expectTypeOf(input).toEqualTypeOf<{ texts: string[]; model: string }>();
      expectTypeOf(ctx).toEqualTypeOf<JobContext>();
      expectTypeOf(ctx.signal).toEqualTypeOf<AbortSignal>();
      return { vectors: [] };
    },
  });
});

test("a handler must return what the output schema accepts", () => {
  defineJob("embed", {
    input: Input,
    output: Output,
    // @ts-expect-error: vectors must be number[][]
    handler: () => ({ vectors: "none" }),
  });
});

test("enqueue takes the input schema's input type: defaulted fields may be left out", async () => {
  const job = defineJob("embed", {
    input: Input,
    output: Output,
    handler: () => ({ vectors: [] }),
  });
  const queue = new JobQueue({ path: ":memory:" });
  const accepted = await queue.enqueue(job, { texts: ["a"] });
  expectTypeOf(accepted.id).toEqualTypeOf<string>();
  // @ts-expect-error: texts is required
  await queue.enqueue(job, { model: "x" });
  // @ts-expect-error: texts holds strings
  await queue.enqueue(job, { texts: [1] });
});
