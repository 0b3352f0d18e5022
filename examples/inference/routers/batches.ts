/** /v1/batches/embeddings: batch embeddings as durable jobs (202, status, SSE progress, cancel). */

import { type App, Depends, dependency, type JobQueue, mountJob } from "tailor";
import { verifyApiKey } from "../services/auth.js";
import { embedBatchJob, jobQueueFromEnv } from "../services/jobs.js";
import type { ModelClient } from "../services/model-client.js";

// #region batches
export function mountBatches(app: App, queue: JobQueue | undefined = jobQueueFromEnv()): void {
  if (queue === undefined) return;
  // jobs run outside any request: they use the model client the lifespan put in app.state
  const job = embedBatchJob(() => app.state.modelClient as ModelClient);
  // one worker per process, started after the lifespan loaded the model, closed before it unloads
  const worker = dependency(
    {},
    async function* batchWorker() {
      const running = queue.work({ concurrency: 2, jobs: [job] });
      yield running;
      await running.close();
      await queue.close();
    },
    { scope: "app" },
  );
  mountJob(app, "/v1/batches/embeddings", {
    queue,
    job,
    tags: ["batches"],
    dependencies: [Depends(verifyApiKey), Depends(worker)],
  });
}
// #endregion batches
