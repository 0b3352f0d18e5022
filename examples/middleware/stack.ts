import {
  App,
  GZipMiddleware,
  HTTPSRedirectMiddleware,
  StreamingResponse,
  TrustedHostMiddleware,
} from "../../src/index.js";

// #region stack
export const app = new App();

app.get("/report", {}, () => ({ rows: Array.from({ length: 100 }, (_, i) => ({ id: i })) }));

app.get("/tokens", {}, () => {
  return new StreamingResponse(
    (async function* () {
      for (const token of ["Hello", " from", " a", " model"]) yield token;
    })(),
    { mediaType: "text/plain" },
  );
});

// the last added runs first: HTTPS redirect, then the host check, then gzip
app.addMiddleware(new GZipMiddleware({ minimumSize: 500 }));
app.addMiddleware(new TrustedHostMiddleware({ allowedHosts: ["example.com", "*.example.com"] }));
app.addMiddleware(new HTTPSRedirectMiddleware());
// #endregion stack

// #region function
export const timed = new App();

timed.middleware(async (_ctx, callNext) => {
  const start = performance.now();
  const response = await callNext();
  response.headers["x-process-time"] = String(performance.now() - start);
  return response;
});

timed.get("/", {}, () => ({ ok: true }));
// #endregion function
