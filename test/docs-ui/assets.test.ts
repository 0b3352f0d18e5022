import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { DOCS_ASSET_NAMES, readDocsAsset } from "../../src/docs-ui/assets.js";

const require = createRequire(import.meta.url);

describe("readDocsAsset", () => {
  it("serves the Swagger UI bundle from swagger-ui-dist with a JavaScript content type", () => {
    const asset = readDocsAsset("swagger-ui-bundle.js");
    expect(asset?.contentType).toBe("text/javascript; charset=utf-8");
    const expected = readFileSync(require.resolve("swagger-ui-dist/swagger-ui-bundle.js"));
    expect(asset?.body.equals(expected)).toBe(true);
  });

  it("serves the stylesheet, the favicon and the ReDoc standalone bundle", () => {
    expect(readDocsAsset("swagger-ui.css")?.contentType).toBe("text/css; charset=utf-8");
    const png = readDocsAsset("favicon-32x32.png");
    expect(png?.contentType).toBe("image/png");
    expect(png?.body.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(readDocsAsset("redoc.standalone.js")?.body.length).toBeGreaterThan(100_000);
  });

  it("reads each file once and returns the cached asset afterwards", () => {
    expect(readDocsAsset("swagger-ui.css")).toBe(readDocsAsset("swagger-ui.css"));
  });

  it("returns null for names outside the allow-list", () => {
    for (const name of [
      "../package.json",
      "../../package.json",
      "package.json",
      "index.html",
      "swagger-ui-bundle.js.map",
      "./swagger-ui.css",
      "bundles/redoc.standalone.js",
      "/etc/passwd",
      "",
      "constructor",
      "__proto__",
      "toString",
    ]) {
      expect(readDocsAsset(name)).toBeNull();
    }
  });

  it("serves every listed name", () => {
    for (const name of DOCS_ASSET_NAMES)
      expect(readDocsAsset(name)?.body.length).toBeGreaterThan(0);
  });
});
