/** The API process of a split deployment: it only enqueues and reads jobs. */

import { serve } from "tailor";
import { createApp } from "./app.js";
import { openQueue } from "./queue.js";

// #region api
const queue = openQueue(); // REDIS_URL=redis://… for API and workers on several machines
const server = await serve(createApp(queue), {
  port: Number(process.env.PORT ?? 8000),
  handleSignals: true,
});
server.server.on("close", () => void queue.close());
console.log(`ingestion API on ${server.url}`);
// #endregion api
