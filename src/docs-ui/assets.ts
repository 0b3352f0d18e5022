import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface DocsAsset {
  body: Buffer;
  contentType: string;
}

const JS = "text/javascript; charset=utf-8";

/** The only files served: name -> [package, path inside it, content type]. */
const ALLOWED: Record<string, readonly [string, string, string]> = {
  "swagger-ui-bundle.js": ["swagger-ui-dist", "swagger-ui-bundle.js", JS],
  "swagger-ui-standalone-preset.js": ["swagger-ui-dist", "swagger-ui-standalone-preset.js", JS],
  "swagger-ui.css": ["swagger-ui-dist", "swagger-ui.css", "text/css; charset=utf-8"],
  "favicon-32x32.png": ["swagger-ui-dist", "favicon-32x32.png", "image/png"],
  "oauth2-redirect.js": ["swagger-ui-dist", "oauth2-redirect.js", JS],
  "redoc.standalone.js": ["redoc", "bundles/redoc.standalone.js", JS],
};

const require = createRequire(import.meta.url);
const packageDirs = new Map<string, string>();
const cache = new Map<string, DocsAsset>();

function packageDir(name: string): string {
  let dir = packageDirs.get(name);
  if (dir === undefined) {
    dir = dirname(require.resolve(`${name}/package.json`));
    packageDirs.set(name, dir);
  }
  return dir;
}

/**
 * One Swagger UI / ReDoc asset by its file name, read from the installed package once and kept.
 * Anything not on the fixed allow-list (other names, paths, `../`) is `null`.
 *
 * @example
 * readDocsAsset("swagger-ui.css")?.contentType; // "text/css; charset=utf-8"
 * readDocsAsset("../package.json");             // null
 */
export function readDocsAsset(name: string): DocsAsset | null {
  if (!Object.hasOwn(ALLOWED, name)) return null;
  const cached = cache.get(name);
  if (cached) return cached;
  const [pkg, path, contentType] = ALLOWED[name] as readonly [string, string, string];
  const asset = { body: readFileSync(join(packageDir(pkg), path)), contentType };
  cache.set(name, asset);
  return asset;
}

/** The names `readDocsAsset` serves. */
export const DOCS_ASSET_NAMES: readonly string[] = Object.keys(ALLOWED);
