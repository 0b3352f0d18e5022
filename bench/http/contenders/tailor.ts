// Tailor: the framework under test (its app is in tailor-app.ts).
// The harness runs it on the built package (dist/); run alone, tsx maps "tailor" to src/.
// The Bun and Deno rounds run this same file there, where serve() picks Bun.serve / Deno.serve.

import { serve } from "tailor";
import { app } from "./tailor-app.js";

const port = Number(process.argv[2] ?? process.env.PORT ?? 3000);

// as the FastAPI contender runs uvicorn: no access log, warnings only
await serve(app, { host: "127.0.0.1", port, accessLog: false, logLevel: "warn" });
