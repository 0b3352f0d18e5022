/** A service set up for production: probes, the shared logger, serve() options for a proxy. */

import { App, HTTPException, logger, type RunningServer, serve } from "../../src/index.js";

// #region app
export const app = new App({
  title: "Deployed API",
  lifespan: async function* () {
    const model = { name: "tiny-llm", loadedAt: Date.now() }; // load weights, open pools…
    logger.info("model loaded", { model: model.name });
    yield { model };
    logger.info("model released", { model: model.name });
  },
});

// liveness: the process answers
app.get("/health", {}, function health() {
  return { status: "ok" };
});

// readiness: the lifespan has loaded what requests need
app.get("/ready", {}, function ready(_args, ctx) {
  if (ctx.state.model === undefined) throw new HTTPException(503, "Model not loaded");
  return { status: "ready", model: ctx.state.model.name };
});
// #endregion app

// #region serve
/** What `tailor run examples/deployment/main.ts --forwarded-allow-ips 10.0.0.0/8` does. */
export function start(port = 8000, handleSignals = true): Promise<RunningServer> {
  return serve(app, {
    host: "127.0.0.1", // "0.0.0.0" in a container
    port,
    handleSignals, // SIGTERM/SIGINT: drain, lifespan shutdown, exit 0
    gracefulTimeout: 25, // seconds in-flight requests get; under Kubernetes' 30
    forwardedAllowIps: "127.0.0.1, 10.0.0.0/8", // the proxies whose X-Forwarded-* count
    headersTimeout: 30, // slow clients: headers, then an idle body, then the whole request
    bodyTimeout: 30,
    requestTimeout: 300,
    keepAliveTimeout: 5,
  });
}
// #endregion serve

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await start(Number(process.env.PORT ?? 8000));
  logger.info(`serving on ${server.url}`);
}
