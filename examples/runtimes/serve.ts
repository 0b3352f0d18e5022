// #region serve
// node --import tsx examples/runtimes/serve.ts   → node:http
// bun examples/runtimes/serve.ts                 → Bun.serve
// deno run --allow-net --allow-read --allow-env --allow-sys=hostname --sloppy-imports examples/runtimes/serve.ts → Deno.serve
import { serve } from "../../src/index.js";
import { createApp } from "./app.js";

const server = await serve(createApp(), {
  port: Number(process.env.PORT ?? 8000),
  handleSignals: true,
});
console.log(`listening on ${server.url}`);
// #endregion serve
