import type { RequestContext } from "./context.js";

/** Runs what a request scheduled for after its response (background tasks, teardown), in order. */
export async function runAfterSend(
  ctx: RequestContext,
  logError: (message: string, error: unknown) => void,
): Promise<void> {
  const steps = ctx.afterSend;
  if (steps === undefined) return;
  ctx.afterSend = undefined;
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      logError(`after-response work of ${ctx.method} ${ctx.path} failed`, error);
    }
  }
}
