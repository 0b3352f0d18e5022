import { z } from "zod";
import { App, Body, WorkerPool } from "../../src/index.js";
import type hashPassword from "./hash-worker.js";

// #region pool
// hash-worker.ts under tsx in development; the compiled hash-worker.js beside this file in dist/
export const pool = new WorkerPool<typeof hashPassword>(
  new URL("./hash-worker.ts", import.meta.url),
  {
    maxThreads: 2,
  },
);

export const app = new App({
  title: "Password hashing",
  async *lifespan() {
    yield {};
    await pool.close(); // the threads stop with the app
  },
});

app.post(
  "/hash",
  {
    params: { body: Body(z.object({ password: z.string().min(8), salt: z.string() })) },
    timeout: 5_000,
  },
  // a client that leaves, or the deadline, aborts ctx.signal: the task is cancelled in its thread
  async ({ body }, ctx) => ({ hash: await pool.run(body, { signal: ctx.signal }) }),
);
// #endregion pool
