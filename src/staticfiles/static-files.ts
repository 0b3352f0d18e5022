import { realpathSync, statSync } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import { ConfigError } from "../errors/config-error.js";
import { HTTPException } from "../errors/http-exception.js";
import type { RequestContext } from "../http/context.js";
import type { OutgoingResponse } from "../http/outgoing.js";
import { slashRedirectLocation } from "../http/redirect-location.js";
import { FileResponse } from "./file-response.js";
import { type FileInfo, infoFromStats } from "./file-stat.js";
import { safeSegments } from "./safe-path.js";

export interface StaticFilesOptions {
  /** the folder to serve */
  directory: string;
  /** default false: serve `index.html` for directory URLs and `404.html` for misses */
  html?: boolean;
  /** default true: fail at construction when `directory` is not a directory */
  checkDir?: boolean;
  /** default false: a symlink may point outside `directory` only when this is true */
  followSymlinks?: boolean;
  /**
   * default false: a path with a segment starting with "." (`/.env`, `/.git/config`) is 404
   * even when the file exists; true serves them (`.well-known/` for instance)
   */
  dotfiles?: boolean;
  /** hosts whose directory redirects carry an absolute `Location` (default none: a path) */
  trustedRedirectHosts?: readonly string[];
  /**
   * A single-page app's shell (`"index.html"`, relative to `directory`): served with 200 for a
   * GET or HEAD of a path that matches no file and whose last segment has no extension, so the
   * client-side router handles `/settings/profile`. A missing `/app.js` is still a 404.
   */
  fallback?: string;
}

interface Found {
  path: string;
  info: FileInfo;
  isFile: boolean;
  isDirectory: boolean;
}

/** "app/index.html" -> ["app", "index.html"]; a path leaving the folder is a ConfigError */
function fallbackSegments(fallback: string | undefined): string[] | null {
  if (fallback === undefined) return null;
  const names = fallback.split("/").filter((name) => name !== "");
  if (
    names.length === 0 ||
    fallback.startsWith("/") ||
    names.some((name) => name === ".." || name === "." || name.includes("\\"))
  )
    throw new ConfigError(
      "E_STATIC_DIRECTORY",
      "StaticFiles",
      `fallback "${fallback}" must be a file path inside the directory, like "index.html"`,
    );
  return names;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** "app.js" -> true, "profile" -> false, "" / undefined (a directory URL) -> false */
function hasExtension(name: string | undefined): boolean {
  return name !== undefined && name.lastIndexOf(".") > 0;
}

/** Errors that mean "nothing servable there": answered 404. */
const MISSING = new Set(["ENOENT", "ENOTDIR", "ELOOP", "ENAMETOOLONG", "EACCES", "EPERM"]);

/**
 * Serves the files of a folder: GET and HEAD with `etag` / `last-modified`, conditional and
 * range requests; a miss is 404 `{"detail":"Not Found"}`, another method 405. Nothing outside
 * the folder is reachable: dot segments, encoded slashes, backslashes and NUL bytes are 404,
 * and so are symlinks leading out of the folder unless `followSymlinks` is on, and dotfiles
 * (`/.env`) unless `dotfiles` is on.
 *
 * @example app.mount("/static", new StaticFiles({ directory: "public" }));
 */
export class StaticFiles {
  readonly directory: string;
  readonly html: boolean;
  readonly followSymlinks: boolean;
  readonly dotfiles: boolean;
  readonly #trustedRedirectHosts: readonly string[] | undefined;
  readonly #fallback: string[] | null;
  #root: Promise<string> | undefined;

  constructor(options: StaticFilesOptions) {
    this.directory = resolve(options.directory);
    this.html = options.html ?? false;
    this.followSymlinks = options.followSymlinks ?? false;
    this.dotfiles = options.dotfiles ?? false;
    this.#trustedRedirectHosts = options.trustedRedirectHosts;
    this.#fallback = fallbackSegments(options.fallback);
    if (options.checkDir ?? true) {
      let isDirectory = false;
      try {
        isDirectory = statSync(this.directory).isDirectory();
      } catch {}
      if (!isDirectory) {
        throw new ConfigError(
          "E_STATIC_DIRECTORY",
          "StaticFiles",
          `directory "${options.directory}" does not exist or is not a directory`,
        );
      }
      this.#root = Promise.resolve(realpathSync(this.directory));
      if (this.#fallback !== null && !isFile(join(this.directory, ...this.#fallback)))
        throw new ConfigError(
          "E_STATIC_DIRECTORY",
          "StaticFiles",
          `fallback "${options.fallback}" is not a file in "${options.directory}"`,
        );
    }
  }

  /** answers a request whose path is relative to the mount point */
  async handle(ctx: RequestContext): Promise<OutgoingResponse> {
    if (ctx.method !== "GET" && ctx.method !== "HEAD") throw new HTTPException(405);
    const segments = safeSegments(ctx.rawPath);
    if (segments === null) throw new HTTPException(404);
    const names = segments.filter((segment) => segment !== "");
    if (!this.dotfiles && names.some((name) => name.startsWith("."))) throw new HTTPException(404);
    const found = await this.#lookup(names);
    if (found?.isFile) return this.#serve(ctx, found, 200);
    if (found?.isDirectory && this.html) {
      const index = await this.#lookup([...names, "index.html"]);
      if (index?.isFile) {
        if (!ctx.rawPath.endsWith("/")) return this.#redirectToSlash(ctx);
        return this.#serve(ctx, index, 200);
      }
    }
    if (this.#fallback !== null && !hasExtension(names.at(-1))) {
      const shell = await this.#lookup(this.#fallback);
      if (shell?.isFile) return this.#serve(ctx, shell, 200);
    }
    if (this.html) {
      const page = await this.#lookup(["404.html"]);
      if (page?.isFile) return this.#serve(ctx, page, 404);
    }
    throw new HTTPException(404);
  }

  #serve(ctx: RequestContext, found: Found, status: number): OutgoingResponse {
    return new FileResponse(found.path, { info: found.info, status }).finish(ctx);
  }

  #redirectToSlash(ctx: RequestContext): OutgoingResponse {
    const location = slashRedirectLocation(ctx, `${ctx.rawPath}/`, this.#trustedRedirectHosts);
    return { status: 307, headers: { location }, body: "" };
  }

  #realRoot(): Promise<string> {
    // without checkDir the folder may appear later: a failed lookup is not remembered
    this.#root ??= realpath(this.directory).catch((error: unknown) => {
      this.#root = undefined;
      throw error;
    });
    return this.#root;
  }

  async #lookup(names: string[]): Promise<Found | null> {
    try {
      const root = await this.#realRoot();
      let path = join(root, ...names);
      if (!this.followSymlinks) {
        path = await realpath(path);
        if (path !== root && !path.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
      }
      const stats = await stat(path, { bigint: true });
      return {
        path,
        info: infoFromStats(stats),
        isFile: stats.isFile(),
        isDirectory: stats.isDirectory(),
      };
    } catch (error) {
      if (MISSING.has((error as NodeJS.ErrnoException).code ?? "")) return null;
      throw error;
    }
  }
}
