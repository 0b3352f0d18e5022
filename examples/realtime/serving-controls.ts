import { z } from "zod";
import { App, Body } from "../../src/index.js";

/** stands in for a model call: a slow await the route's deadline cuts short */
async function callModel(prompt: string, signal: AbortSignal): Promise<string> {
  await new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, prompt.includes("slow") ? 5_000 : 20);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
  return `echo: ${prompt}`;
}

// #region controls
// every route waits at most 30 s unless it says otherwise
export const app = new App({ title: "Guarded", timeout: 30_000 });

app.post(
  "/v1/completions",
  {
    params: { body: Body(z.object({ prompt: z.string() })) },
    // 4 at once, 16 more waiting in arrival order for up to 2 s; beyond: 503 + Retry-After
    concurrency: { limit: 4, queue: 16, queueTimeout: 2_000, retryAfter: 2 },
    // past 1 s: 504, and ctx.signal aborts the model call
    timeout: 1_000,
  },
  async ({ body }, ctx) => ({ text: await callModel(body.prompt, ctx.signal) }),
);

// a readiness probe: not ready while requests are being turned away
app.get("/ready", { timeout: null }, (_args, ctx) => {
  const stats = app.servingStats();
  const busy = Object.values(stats.routes).some((route) => route.queued > 0);
  ctx.response.status = busy ? 503 : 200;
  return { ready: !busy, ...stats };
});
// #endregion controls
