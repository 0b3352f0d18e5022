import { serve } from "../../src/index.js";
import { app } from "./app.js";

const port = Number(process.env.PORT ?? 8000);
const host = process.env.HOST ?? "127.0.0.1";
const server = await serve(app, { host, port, handleSignals: true });
console.log(`Tailor demo serving on ${server.url} (docs at ${server.url}/docs)`);
