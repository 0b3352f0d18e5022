import { App, type RunningServer, serve } from "../../src/index.js";

// #region serving
export const app = new App({ title: "Inference API" });
app.get("/health", {}, function health() {
  return { status: "ok" };
});

export async function start(port = 8000): Promise<RunningServer> {
  // node:http with keep-alive; SIGTERM/SIGINT close it gracefully when handleSignals is on
  return serve(app, { host: "127.0.0.1", port, handleSignals: false });
}

// On Bun, Deno or Workers, the same app answers Web-standard Requests:
export const fetchHandler = { fetch: app.fetch };
// #endregion serving
