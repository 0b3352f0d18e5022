/** An API that accepts ingestion jobs: the routes come from one mountJob() call. */

import { App, type JobQueue, mountJob } from "tailor";
import { ingest } from "./ingest.js";

// #region app
export function createApp(queue: JobQueue): App {
  const app = new App({ title: "Ingestion API", version: "1.0.0" });
  // POST /ingestions, GET /ingestions/{job_id}, GET /ingestions/{job_id}/events, DELETE /ingestions/{job_id}
  mountJob(app, "/ingestions", { queue, job: ingest, tags: ["ingestion"], retryAfter: 10 });
  return app;
}
// #endregion app
