/** One process serves the API and runs the jobs, on a SQLite file: nothing else to run. */

import { serve } from "tailor";
import { createApp } from "./app.js";
import { ingest } from "./ingest.js";
import { openQueue } from "./queue.js";

// #region embedded
const queue = openQueue(); // jobs.db in the working directory
const worker = queue.work({ concurrency: 4, jobs: [ingest] });
const server = await serve(createApp(queue), {
  port: Number(process.env.PORT ?? 8000),
  handleSignals: true,
});
server.server.on("close", () => void worker.close().then(() => queue.close()));
console.log(`ingestion API on ${server.url}`);
// #endregion embedded
