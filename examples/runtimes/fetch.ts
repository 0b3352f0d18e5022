// #region fetch
// bun run examples/runtimes/fetch.ts     (Bun serves a default export that has `fetch`)
// deno serve --allow-read --allow-env --allow-sys=hostname --sloppy-imports examples/runtimes/fetch.ts
import { createApp } from "./app.js";

const app = createApp();
// the first request runs the lifespan's startup; ctx.client comes from Bun's server or
// Deno's connection info, which both pass after the Request
export default { fetch: app.fetch };
// #endregion fetch
