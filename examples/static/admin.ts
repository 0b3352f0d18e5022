import { z } from "zod";
import { App, Header, HTTPException, JSONResponse } from "../../src/index.js";

// #region admin
/** A separate app with its own routes, error handler and docs, mounted under /admin. */
export function createAdminApp(): App {
  const admin = new App({ title: "Admin", version: "1.0.0" });

  class Forbidden extends Error {}
  admin.exceptionHandler(
    Forbidden,
    () => new JSONResponse({ error: "admins only" }, { status: 403 }),
  );

  admin.get(
    "/stats",
    { params: { token: Header(z.string(), { alias: "x-admin-token" }) } },
    ({ token }, ctx) => {
      if (token !== "secret") throw new Forbidden();
      // rootPath is the mount prefix: links built from it work behind the mount
      return { requests: 1510, docs: `${ctx.rootPath}/docs` };
    },
  );

  admin.get("/jobs/{job_id}", { params: { job_id: z.number().int() } }, ({ job_id }) => {
    if (job_id !== 1) throw new HTTPException(404, "Job not found");
    return { job_id, state: "done" };
  });
  return admin;
}
// #endregion admin
