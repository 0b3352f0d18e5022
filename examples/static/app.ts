import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, FileResponse, StaticFiles } from "../../src/index.js";
import { createAdminApp } from "./admin.js";
import { generateFiles } from "./generate.js";

/** where the generated files live (a fresh temp folder unless STATIC_DIR says otherwise) */
export const directory = process.env.STATIC_DIR ?? mkdtempSync(join(tmpdir(), "tailor-static-"));
generateFiles(directory);

export const app = new App({ title: "Inference API", version: "1.0.0" });

// #region download
// A file as a download: content type from the name, etag, ranges and 304s included.
app.get("/reports/usage", {}, () => {
  return new FileResponse(join(directory, "reports", "usage.csv"), { filename: "usage.csv" });
});
// #endregion download

// #region mount-static
// Everything under reports/ as it is on disk: GET and HEAD, nothing outside the folder.
app.mount("/files", new StaticFiles({ directory: join(directory, "reports") }));
// html: true serves index.html for "/" and 404.html for misses.
app.mount("/site", new StaticFiles({ directory: join(directory, "site"), html: true }));
// #endregion mount-static

// #region mount-spa
// A single-page app: paths without an extension that match no file get its index.html (200),
// for the client-side router; a missing /app/main.js is still a 404.
app.mount("/app", new StaticFiles({ directory: join(directory, "site"), fallback: "index.html" }));
// #endregion mount-spa

// #region mount-app
app.mount("/admin", createAdminApp());
// The parent's middleware wraps the mounted app's responses too.
app.middleware(async (_ctx, callNext) => {
  const response = await callNext();
  response.headers["x-served-by"] = "inference-api";
  return response;
});
// #endregion mount-app
