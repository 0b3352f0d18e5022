/** A worker process: runs ingestion jobs from the queue until SIGTERM, then finishes its jobs. */

import { ingest } from "./ingest.js";
import { openQueue } from "./queue.js";

// #region worker
const queue = openQueue();
const worker = queue.work({ concurrency: Number(process.env.CONCURRENCY ?? 4), jobs: [ingest] });
process.once("SIGTERM", async () => {
  await worker.close(); // takes no new job, waits for the running ones
  await queue.close();
  process.exit(0);
});
console.log("ingestion worker ready");
// #endregion worker
