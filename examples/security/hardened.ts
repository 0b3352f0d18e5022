import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { App, Body, File, Query, StaticFiles } from "../../src/index.js";

// #region limits
// Every security default, spelled out with its default value: leave out what you keep.
export const app = new App({
  title: "Hardened API",
  bodyLimit: 1024 * 1024, // JSON and urlencoded bodies (413 past it, from Content-Length)
  json: { maxDepth: 64, allowPrototypeKeys: false }, // deeper or __proto__ → 400
  formLimits: {
    multipartSize: 64 * 1024 * 1024, // a whole multipart body → 413
    fileSize: 10 * 1024 * 1024, // one file → 413
    fieldSize: 1024 * 1024, // one field value → 413
    fieldNameSize: 1000, // a field name → 400
    filenameSize: 255, // an upload's file name → 400
  },
  validationErrors: { maxErrors: 100, maxInputLength: 1000 }, // what a 422 echoes
  requestChecks: {
    uniqueHeaders: ["host", "content-length", "content-type", "authorization"], // repeated → 400
    contentEncodings: ["identity"], // a gzip body → 415
  },
  trustedRedirectHosts: ["api.example.com"], // absolute slash redirects only for these hosts
  debug: false, // true only in development: a 500 answers with the error's traceback
});
// #endregion limits

// #region pattern
// Patterns run on RE2 (linear time): this one is catastrophic on V8's engine, harmless here.
const Slug = z.string().regex(/^([a-z0-9]+-?)+$/);

app.get("/articles", { params: { slug: Query(Slug) } }, ({ slug }) => ({ slug }));
// #endregion pattern

app.post(
  "/notes",
  { params: { note: Body(z.object({ text: z.string().max(280) })) } },
  ({ note }) => note,
);

app.post(
  "/avatars",
  { params: { image: File() }, formLimits: { fileSize: 256 * 1024 } },
  ({ image }) => ({ filename: image.filename, size: image.size }),
);

/** a served folder holding a page and a secret (a fresh temp folder unless ASSETS_DIR says) */
export const assets = process.env.ASSETS_DIR ?? mkdtempSync(join(tmpdir(), "tailor-assets-"));
writeFileSync(join(assets, "index.html"), "<h1>Hardened API</h1>\n");
writeFileSync(join(assets, ".env"), "DATABASE_PASSWORD=hunter2\n");

// #region static
// Dotfiles (.env, .git/) are never served unless `dotfiles: true`.
app.mount("/assets", new StaticFiles({ directory: assets, html: true }));
// #endregion static

// #region debug
// Development only: a 500 shows its traceback (plain text, HTML for a browser), switched on
// from the environment of a developer's machine and off everywhere else.
export function createDevApp(env: NodeJS.ProcessEnv = process.env): App {
  const dev = new App({ debug: env.TAILOR_DEBUG === "1" });
  dev.get("/reports/{id}", {}, function readReport({ id }) {
    throw new Error(`report ${id} is missing from the cache`);
  });
  return dev;
}
// #endregion debug
