import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { App } from "../../src/index.js";
import { createRequestContext } from "../../src/testing/request-context.js";

/** The recorded file's modification time: Thu, 26 Nov 2026 09:56:38 GMT. */
export const RECORDED_MTIME = 1795686998.5621142;
export const RECORDED_LAST_MODIFIED = "Thu, 26 Nov 2026 09:56:38 GMT";
export const RECORDED_ETAG = '"a4547a3da8634b52009df2b90c3d4151"';

export interface Tree {
  /** the temp folder holding `public/` and `outside/` */
  base: string;
  /** the served folder */
  dir: string;
  /** a file next to the served folder that nothing may reach */
  secret: string;
  cleanup(): void;
}

/**
 * public/hello.txt, public/sub/page.txt, public/docs/index.html, public/404.html,
 * public/link-out -> ../outside/secret.txt, public/link-in -> hello.txt, outside/secret.txt
 */
export function makeTree(): Tree {
  const base = mkdtempSync(join(tmpdir(), "tailor-static-"));
  const dir = join(base, "public");
  mkdirSync(join(dir, "sub"), { recursive: true });
  mkdirSync(join(dir, "docs"));
  mkdirSync(join(base, "outside"));
  const hello = join(dir, "hello.txt");
  writeFileSync(hello, "hello static\n");
  utimesSync(hello, RECORDED_MTIME, RECORDED_MTIME);
  writeFileSync(join(dir, "sub", "page.txt"), "sub page\n");
  writeFileSync(join(dir, "docs", "index.html"), "<h1>docs</h1>\n");
  writeFileSync(join(dir, "404.html"), "<h1>not here</h1>\n");
  writeFileSync(join(dir, "data.bin"), Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
  const secret = join(base, "outside", "secret.txt");
  writeFileSync(secret, "top secret\n");
  symlinkSync(secret, join(dir, "link-out"));
  symlinkSync(join(dir, "hello.txt"), join(dir, "link-in"));
  return { base, dir, secret, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

/** The recorded app's middleware: every response gets `x-first: 1` and `x-second: 1`. */
export function withRecordedMiddleware(app: App): App {
  app.middleware(async (_ctx, callNext) => {
    const response = await callNext();
    response.headers["x-second"] = "1";
    return response;
  });
  app.middleware(async (_ctx, callNext) => {
    const response = await callNext();
    response.headers["x-first"] = "1";
    return response;
  });
  return app;
}

/**
 * Calls an app with a raw request target exactly as given: no URL parser in between to
 * normalize `..` or `%2e%2e` away (fetch and `new URL` do).
 */
export async function handleRaw(
  app: App,
  method: string,
  target: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  const ctx = createRequestContext(method, target, { host: "testserver", ...headers });
  const response = await app.handle(ctx);
  let text = "";
  const body = response.body;
  if (typeof body === "string") text = body;
  else if (body instanceof Uint8Array) text = Buffer.from(body).toString();
  else if (body !== null) {
    for await (const chunk of body) text += typeof chunk === "string" ? chunk : Buffer.from(chunk);
  }
  return { status: response.status, headers: response.headers, text };
}
