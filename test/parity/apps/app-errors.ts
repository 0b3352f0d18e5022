import { APIRouter, App, HTTPException, PlainTextResponse } from "../../../src/index.js";

/** Mirrors err_a: HTTPException shapes, 404, 405, 500. */
export function createErrorsApp(): App {
  const app = new App({ logger: { error: () => {} } });
  app.get("/teapot", {}, () => {
    throw new HTTPException(418, "I refuse");
  });
  app.get("/detail-dict", {}, () => {
    throw new HTTPException(409, { code: "conflict", ids: [1, 2] });
  });
  app.get("/detail-default", {}, () => {
    throw new HTTPException(400);
  });
  app.get("/with-headers", {}, () => {
    throw new HTTPException(401, "nope", { "X-Error": "yes", "WWW-Authenticate": "Custom" });
  });
  app.get("/no-body-status", {}, () => {
    throw new HTTPException(304);
  });
  app.get("/starlette-exc", {}, () => {
    throw new HTTPException(403, "from starlette");
  });
  app.get("/boom", {}, () => {
    throw new Error("boom");
  });
  app.get("/multi", {}, () => ({ method: "GET" }));
  app.post("/multi", {}, () => ({ method: "POST" }));
  app.apiRoute("/any", { methods: ["GET", "PUT", "PATCH"] }, () => ({ any: true }));
  return app;
}

/** Mirrors err_b: trailing-slash redirects, router prefix roots. */
export function createRedirectApp(): App {
  // FastAPI builds an absolute Location from any Host; Tailor only for a trusted host (a
  // path otherwise), so the recordings compare with the test client's host trusted
  const app = new App({ trustedRedirectHosts: ["testserver", "api.example.com"] });
  app.get("/slash/", {}, () => ({ slash: true }));
  app.post("/slash/", {}, () => ({ slash: true }));
  app.get("/noslash", {}, () => ({ noslash: true }));
  const v1 = new APIRouter({ prefix: "/v1" });
  v1.get("/", {}, () => ({ root: "v1" }));
  app.includeRouter(v1);
  return app;
}

/** err_b's `redirect_slashes=False` app. */
export function createStrictSlashApp(): App {
  const app = new App({ redirectSlashes: false });
  app.get("/strict/slash/", {}, () => ({ strict: true }));
  return app;
}

/** Mirrors err_c: default statuses, 204, None, plain text, the response draft. */
export function createStatusApp(): App {
  const app = new App();
  app.post("/post-default", {}, () => ({ id: 1 }));
  app.post("/created", { status: 201 }, () => ({ id: 1 }));
  app.delete("/deleted", { status: 204 }, () => undefined);
  app.delete("/deleted-with-return", { status: 204 }, () => ({ ignored: true }));
  app.get("/returns-none", {}, () => null);
  app.get("/plain", { responseClass: PlainTextResponse }, () => "plain text");
  app.get("/set-status", {}, (_args, ctx) => {
    ctx.response.status = 202;
    ctx.response.headers.set("x-extra", "1");
    ctx.response.setCookie("sid", "abc", { httpOnly: true });
    return { accepted: true };
  });
  return app;
}
